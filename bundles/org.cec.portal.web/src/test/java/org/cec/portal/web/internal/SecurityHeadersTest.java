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
