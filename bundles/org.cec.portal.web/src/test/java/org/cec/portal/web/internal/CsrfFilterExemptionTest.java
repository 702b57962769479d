package org.cec.portal.web.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.file.Path;
import java.util.Map;
import org.cec.portal.api.web.PortalWeb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

/** The {@link PortalWeb#CSRF_EXEMPT} servlets: exempt by the route the container chose, nothing more. */
class CsrfFilterExemptionTest {

    @TempDir
    Path keys;

    private CsrfFilter filter;

    @BeforeEach
    void setUp() throws Exception {
        BundleContext context = mock(BundleContext.class);
        when(context.getProperty(PortalKeys.KEYS_DIR)).thenReturn(keys.toString());
        filter = new CsrfFilter(new PortalKeys(context));
    }

    private static Map<String, Object> servlet(long id, Object pattern) {
        return Map.of(
                "service.id",
                id,
                "osgi.http.whiteboard.context.select",
                PortalWeb.CONTEXT_SELECT,
                "osgi.http.whiteboard.servlet.pattern",
                pattern,
                PortalWeb.CSRF_EXEMPT,
                true);
    }

    /** Whether a POST without cookie or token, routed with this servlet path and path info, reaches the servlet. */
    private boolean postWithoutTokenPasses(String servletPath, String pathInfo) throws Exception {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getMethod()).thenReturn("POST");
        when(request.getRequestURI()).thenReturn(servletPath + (pathInfo == null ? "" : pathInfo));
        when(request.getContextPath()).thenReturn("");
        when(request.getServletPath()).thenReturn(servletPath);
        when(request.getPathInfo()).thenReturn(pathInfo);
        HttpServletResponse response = mock(HttpServletResponse.class);
        FilterChain chain = mock(FilterChain.class);
        filter.doFilter(request, response, chain);
        try {
            verify(chain).doFilter(request, response);
            verify(response, never()).sendError(HttpServletResponse.SC_FORBIDDEN);
            return true;
        } catch (AssertionError refused) {
            verify(response).sendError(HttpServletResponse.SC_FORBIDDEN);
            verify(chain, never()).doFilter(request, response);
            return false;
        }
    }

    @Test
    void anExemptServletGetsAPostWithoutTokenAndOthersStillGet403() throws Exception {
        filter.addExempt(servlet(7L, "/email/unsubscribe/*"));
        filter.addExempt(servlet(8L, new String[] {"/hooks/bounce"}));

        assertTrue(postWithoutTokenPasses("/email/unsubscribe", "/abc.def"));
        assertTrue(postWithoutTokenPasses("/hooks/bounce", null));
        assertFalse(postWithoutTokenPasses("/partner/hello", null), "a page that did not declare it");
        assertFalse(postWithoutTokenPasses("/request", null));
    }

    @Test
    void aMoreSpecificServletBelowAnExemptPrefixKeepsTheCheck() throws Exception {
        filter.addExempt(servlet(7L, "/email/unsubscribe/*"));
        filter.addExempt(servlet(8L, "/hooks/bounce"));

        assertFalse(postWithoutTokenPasses("/email/unsubscribe/admin", null), "another servlet's exact pattern");
        assertFalse(postWithoutTokenPasses("/email", "/unsubscribe/x"), "a servlet on /email/*");
        assertFalse(postWithoutTokenPasses("/hooks/bounce/x", null));
        assertFalse(postWithoutTokenPasses("/hooks/bounce", "/x"), "an exact pattern has no path info");
    }

    @Test
    void tooBroadPatternsAndOtherContextsAreNeverExempt() throws Exception {
        filter.addExempt(servlet(1L, "/*"));
        filter.addExempt(servlet(2L, "/"));
        filter.addExempt(servlet(3L, "*.do"));
        filter.addExempt(Map.of(
                "service.id", 4L,
                "osgi.http.whiteboard.context.select", "(osgi.http.whiteboard.context.name=other)",
                "osgi.http.whiteboard.servlet.pattern", "/other/*"));

        assertFalse(postWithoutTokenPasses("/request", null));
        assertFalse(postWithoutTokenPasses("/", null));
        assertFalse(postWithoutTokenPasses("/x.do", null));
        assertFalse(postWithoutTokenPasses("/other", "/x"));
    }

    @Test
    void theExemptionEndsWithTheServletOrItsProperty() throws Exception {
        filter.addExempt(servlet(7L, "/email/unsubscribe/*"));
        assertTrue(postWithoutTokenPasses("/email/unsubscribe", "/t"));

        filter.updateExempt(servlet(7L, "/email/optout/*"));
        assertFalse(postWithoutTokenPasses("/email/unsubscribe", "/t"), "pattern changed");
        assertTrue(postWithoutTokenPasses("/email/optout", "/t"));

        filter.removeExempt(servlet(7L, "/email/optout/*"));
        assertFalse(postWithoutTokenPasses("/email/optout", "/t"), "servlet gone");
    }
}
