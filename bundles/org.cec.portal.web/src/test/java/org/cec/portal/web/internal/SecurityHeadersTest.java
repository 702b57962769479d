package org.cec.portal.web.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.annotation.Annotation;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

    private static HttpServletRequest from(String host, String origin, String referer) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getHeader("Host")).thenReturn(host);
        when(request.getHeader("Origin")).thenReturn(origin);
        when(request.getHeader("Referer")).thenReturn(referer);
        return request;
    }

    @Test
    void consoleChangesMustComeFromThisOrigin() {
        assertTrue(SecurityHeaders.sameOrigin(from("portal.example:8080", "http://portal.example:8080", null)));
        assertTrue(SecurityHeaders.sameOrigin(
                from("portal.example", null, "https://portal.example/system/console/bundles")));
        assertFalse(SecurityHeaders.sameOrigin(from("portal.example", "https://evil.example", null)));
        assertFalse(SecurityHeaders.sameOrigin(from("portal.example", "https://portal.example.evil.example", null)));
        assertFalse(SecurityHeaders.sameOrigin(from("portal.example", null, null)), "no origin at all is refused");
        assertFalse(SecurityHeaders.sameOrigin(from("portal.example", "null", null)), "an opaque origin is refused");
        assertFalse(SecurityHeaders.sameOrigin(from("portal.example", "::not a uri::", null)));
    }

    @Test
    void hstsIsSentOnHttpsOnlyAndEveryResponseGetsTheHeaders() throws Exception {
        SecurityHeaders headers = new SecurityHeaders(config("default-src 'self'; frame-ancestors 'none'"));
        for (boolean secure : new boolean[] {true, false}) {
            HttpServletRequest request = mock(HttpServletRequest.class);
            when(request.isSecure()).thenReturn(secure);
            when(request.getMethod()).thenReturn("GET");
            when(request.getRequestURI()).thenReturn("/");
            jakarta.servlet.http.HttpServletResponse response = mock(jakarta.servlet.http.HttpServletResponse.class);
            jakarta.servlet.FilterChain chain = mock(jakarta.servlet.FilterChain.class);
            headers.doFilter(request, response, chain);
            org.mockito.Mockito.verify(chain).doFilter(request, response);
            org.mockito.Mockito.verify(response)
                    .setHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
            org.mockito.Mockito.verify(response).setHeader("X-Content-Type-Options", "nosniff");
            org.mockito.Mockito.verify(response, org.mockito.Mockito.times(secure ? 1 : 0))
                    .setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
    }

    static SecurityHeaders.Config config(String csp) {
        return new SecurityHeaders.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SecurityHeaders.Config.class;
            }

            @Override
            public String content_security_policy() {
                return csp;
            }

            @Override
            public String referrer_policy() {
                return "no-referrer";
            }

            @Override
            public long hsts_max_age() {
                return 31536000L;
            }

            @Override
            public String console_path() {
                return "/system/console";
            }
        };
    }

    @Test
    void aPolicyWithUnsafeInlineIsRefusedAtActivation() {
        SecurityHeaders.Config config = new SecurityHeaders.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SecurityHeaders.Config.class;
            }

            @Override
            public String content_security_policy() {
                return "default-src 'self'; script-src 'self' 'unsafe-inline'";
            }

            @Override
            public String referrer_policy() {
                return "no-referrer";
            }

            @Override
            public long hsts_max_age() {
                return 0;
            }

            @Override
            public String console_path() {
                return "/system/console";
            }
        };
        assertThrows(IllegalArgumentException.class, () -> new SecurityHeaders(config));
    }
}
