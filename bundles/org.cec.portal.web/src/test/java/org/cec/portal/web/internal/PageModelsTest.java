package org.cec.portal.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import freemarker.template.Configuration;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateScalarModel;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.cec.portal.api.web.PortalWeb;
import org.junit.jupiter.api.Test;

class PageModelsTest {

    private final Configuration cfg = Pages.newConfiguration(getClass().getClassLoader());

    private static String text(TemplateHashModel hash, String key) throws Exception {
        return ((TemplateScalarModel) hash.get(key)).getAsString();
    }

    @Test
    void theCommonValuesWinOverThePagesOwnAndNeitherMapIsCopied() throws Exception {
        Map<String, Object> common = Map.of("title", "Common title", "site", Map.of("name", "Portal"));
        Map<String, Object> own = Map.of("title", "Own title", "heading", "Own heading", "items", List.of("a"));
        TemplateHashModel model = PageModels.layered(common, own, cfg.getObjectWrapper());

        assertEquals("Common title", text(model, "title"));
        assertEquals("Own heading", text(model, "heading"));
        assertNull(model.get("missing"));
        assertSame(model.get("items"), model.get("items"), "wrapped once per rendering");
        assertEquals("Portal", text((TemplateHashModel) model.get("site"), "name"));
        assertEquals(4, ((freemarker.template.TemplateHashModelEx) model).size(), "title once, common wins");
    }

    @Test
    void theCsrfTokenIsCreatedOnlyWhenATemplateReadsIt() throws Exception {
        AtomicInteger created = new AtomicInteger();
        Supplier<String> lazy = () -> {
            created.incrementAndGet();
            return "the-token";
        };
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getAttribute(PortalWeb.CSRF_TOKEN_ATTRIBUTE)).thenReturn(lazy);
        TemplateHashModel csrf = PageModels.csrf(request);

        assertEquals(PortalWeb.CSRF_FIELD, text(csrf, "field"));
        assertEquals(0, created.get());
        assertEquals("the-token", text(csrf, "token"));
        assertNull(csrf.get("other"));

        HttpServletRequest without = mock(HttpServletRequest.class);
        assertEquals("", text(PageModels.csrf(without), "token"), "no filter ran: empty, as before");
    }
}
