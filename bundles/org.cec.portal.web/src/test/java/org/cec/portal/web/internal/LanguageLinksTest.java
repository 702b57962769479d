package org.cec.portal.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import org.cec.portal.api.i18n.Languages;
import org.junit.jupiter.api.Test;

/** The switcher links to the same page in each language; hreflang alternates are absolute. */
class LanguageLinksTest {

    private static HttpServletRequest request(String query) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getQueryString()).thenReturn(query);
        when(request.getServerName()).thenReturn("portal.example.org");
        when(request.getServerPort()).thenReturn(443);
        when(request.isSecure()).thenReturn(true);
        return request;
    }

    @Test
    void eachLanguageLinksToThisPageWithItsOwnQuery() throws Exception {
        var links = LanguageLinks.of(request("step=2&lang=en"), "/request", Languages.ENGLISH);
        assertEquals(2, links.size());
        assertEquals("/request?step=2&lang=en", links.get(0).href());
        assertEquals("/request?step=2&lang=es", links.get(1).href());
        assertEquals(
                "https://portal.example.org/request?step=2&lang=es",
                links.get(1).url());
        assertTrue(links.get(0).current());
        assertFalse(links.get(1).current());
        assertEquals(
                "Espa&#241;ol",
                freemarker.core.HTMLOutputFormat.INSTANCE.getMarkupString(
                        links.get(1).name()));
    }

    @Test
    void oddQueryPartsAreLeftOutOfTheLinks() {
        var links = LanguageLinks.of(request("a=%22%3E&b=\"><script>&lang"), "/", Languages.SPANISH);
        assertEquals("/?a=%22%3E&lang=en", links.get(0).href());
        assertTrue(links.get(1).current());
    }
}
