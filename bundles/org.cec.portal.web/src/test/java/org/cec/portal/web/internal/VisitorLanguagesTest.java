package org.cec.portal.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.cec.portal.api.i18n.Languages;
import org.junit.jupiter.api.Test;

/** The language of a page: chosen on it, else remembered, else asked for by the browser, else English. */
class VisitorLanguagesTest {

    private static HttpServletRequest request(String method, String query, String cookie, String acceptLanguage) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getMethod()).thenReturn(method);
        when(request.getQueryString()).thenReturn(query);
        when(request.getCookies()).thenReturn(cookie == null ? null : new Cookie[] {new Cookie("cec_lang", cookie)});
        when(request.getHeader("Accept-Language")).thenReturn(acceptLanguage);
        return request;
    }

    @Test
    void theBrowsersLanguageIsUsedWhenTheVisitorChoseNone() {
        assertEquals(Languages.SPANISH, VisitorLanguages.of(request("GET", null, null, "es")));
        assertEquals(Languages.SPANISH, VisitorLanguages.of(request("GET", null, null, "es-MX,es;q=0.9,en;q=0.5")));
        assertEquals(Languages.SPANISH, VisitorLanguages.of(request("GET", null, null, "es-419")));
        assertEquals(Languages.ENGLISH, VisitorLanguages.of(request("GET", null, null, "en-US,es;q=0.5")));
        assertEquals(Languages.SPANISH, VisitorLanguages.of(request("GET", null, null, "fr-FR,es;q=0.8,en;q=0.7")));
        assertEquals(Languages.ENGLISH, VisitorLanguages.of(request("GET", null, null, "fr")));
        assertEquals(Languages.ENGLISH, VisitorLanguages.of(request("GET", null, null, null)));
    }

    @Test
    void aMalformedOrHugeAcceptLanguageMeansEnglish() {
        assertEquals(Languages.ENGLISH, VisitorLanguages.of(request("GET", null, null, "es;q=nonsense,,;")));
        assertEquals(Languages.ENGLISH, VisitorLanguages.of(request("GET", null, null, "es," + "x-".repeat(400))));
    }

    @Test
    void aRememberedChoiceBeatsTheBrowserAndAForgedOneIsIgnored() {
        assertEquals(Languages.ENGLISH, VisitorLanguages.of(request("GET", null, "en", "es")));
        assertEquals(Languages.SPANISH, VisitorLanguages.of(request("GET", null, "es", "en")));
        assertEquals(Languages.SPANISH, VisitorLanguages.of(request("GET", null, "fr", "es")));
        assertEquals(Languages.SPANISH, VisitorLanguages.of(request("GET", null, "<script>", "es")));
        assertEquals(Languages.ENGLISH, VisitorLanguages.of(request("GET", null, "ES", null)));
    }

    @Test
    void aChoiceOnThePageBeatsEverythingButOnlyOnGetOrHead() {
        assertEquals(Languages.SPANISH, VisitorLanguages.of(request("GET", "lang=es", "en", "en")));
        assertEquals(Languages.ENGLISH, VisitorLanguages.of(request("HEAD", "a=1&lang=en", "es", "es")));
        assertEquals(Languages.ENGLISH, VisitorLanguages.of(request("POST", "lang=es", null, null)));
        assertEquals(Languages.SPANISH, VisitorLanguages.of(request("GET", "lang=fr", "es", "en")), "unknown: ignored");
        assertEquals(Languages.ENGLISH, VisitorLanguages.of(request("GET", "slang=es", null, null)));
    }

    @Test
    void aConsolePageFollowsTheChoiceThenThePortalThenTheConsoleLocale() {
        HttpServletRequest console = request("GET", null, null, null);
        when(console.getLocale()).thenReturn(Locale.forLanguageTag("es-MX"));
        assertEquals(Languages.SPANISH, VisitorLanguages.ofConsole(console));
        HttpServletRequest remembered = request("GET", null, "en", null);
        when(remembered.getLocale()).thenReturn(Locale.forLanguageTag("es"));
        assertEquals(Languages.ENGLISH, VisitorLanguages.ofConsole(remembered));
        HttpServletRequest chosen = request("GET", "lang=es", "en", null);
        when(chosen.getLocale()).thenReturn(Locale.ENGLISH);
        assertEquals(Languages.SPANISH, VisitorLanguages.ofConsole(chosen));
        HttpServletRequest french = request("GET", null, null, null);
        when(french.getLocale()).thenReturn(Locale.FRENCH);
        assertEquals(Languages.ENGLISH, VisitorLanguages.ofConsole(french));
    }
}
