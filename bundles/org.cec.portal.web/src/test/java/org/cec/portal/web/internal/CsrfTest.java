package org.cec.portal.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsrfTest {

    @TempDir
    Path keys;

    private Csrf csrf;
    private final List<Cookie> issued = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        csrf = new Csrf(SigningKeys.loadOrCreate(keys, new SecureRandom()), Csrf.perThreadDrbg());
    }

    private HttpServletRequest request(Cookie cookie, String field, String header) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getCookies()).thenReturn(cookie == null ? null : new Cookie[] {cookie});
        when(request.getParameter("_csrf")).thenReturn(field);
        when(request.getHeader("X-CSRF-Token")).thenReturn(header);
        when(request.getRequestURI()).thenReturn("/partner/hello");
        when(request.getContextPath()).thenReturn("");
        return request;
    }

    private String tokenAndCookie() {
        HttpServletResponse response = mock(HttpServletResponse.class);
        doAnswer(inv -> issued.add(inv.getArgument(0))).when(response).addCookie(any());
        return csrf.lazyToken(request(null, null, null), response).get();
    }

    @Test
    void aTokenIsOnlyIssuedWhenAPageAsksForIt() {
        HttpServletResponse response = mock(HttpServletResponse.class);
        doAnswer(inv -> issued.add(inv.getArgument(0))).when(response).addCookie(any());
        csrf.lazyToken(request(null, null, null), response);
        assertTrue(issued.isEmpty(), "no cookie before a form needs the token");
    }

    @Test
    void theIssuedCookieIsHttpOnlyAndSameSiteLax() {
        tokenAndCookie();
        Cookie cookie = issued.get(0);
        assertEquals(Csrf.COOKIE, cookie.getName());
        assertTrue(cookie.isHttpOnly());
        assertEquals("Lax", cookie.getAttribute("SameSite"));
    }

    @Test
    void aMatchingTokenInTheFormOrTheHeaderPasses() {
        String token = tokenAndCookie();
        Cookie cookie = issued.get(0);
        assertTrue(csrf.check(request(cookie, token, null)).isEmpty());
        assertTrue(csrf.check(request(cookie, null, token)).isEmpty());
    }

    @Test
    void aMissingTokenOrCookieIsRefusedWithAReason() {
        String token = tokenAndCookie();
        Cookie cookie = issued.get(0);
        assertTrue(csrf.check(request(cookie, null, null)).orElseThrow().equals("csrf.refused.no-token"));
        assertTrue(csrf.check(request(null, token, null)).orElseThrow().equals("csrf.refused.no-cookie"));
    }

    @Test
    void aTokenOfAnotherCookieOrATamperedCookieIsRefused() {
        String tokenA = tokenAndCookie();
        tokenAndCookie();
        Cookie cookieB = issued.get(1);
        assertFalse(csrf.check(request(cookieB, tokenA, null)).isEmpty(), "token of another visitor");

        Cookie cookieA = issued.get(0);
        String value = cookieA.getValue();
        char first = value.charAt(0) == 'x' ? 'y' : 'x';
        Cookie tampered = new Cookie(Csrf.COOKIE, first + value.substring(1));
        assertFalse(csrf.check(request(tampered, tokenA, null)).isEmpty(), "tampered cookie");
    }

    @Test
    void keysSurviveARestartSoTokensStayValid() throws Exception {
        String token = tokenAndCookie();
        Cookie cookie = issued.get(0);
        Csrf restarted = new Csrf(SigningKeys.loadOrCreate(keys, new SecureRandom()), Csrf.perThreadDrbg());
        assertTrue(restarted.check(request(cookie, token, null)).isEmpty());
    }

    @Test
    void crossSiteApisAreExemptAndSafeMethodsNeedNoToken() {
        HttpServletRequest api = mock(HttpServletRequest.class);
        when(api.getRequestURI()).thenReturn("/api/v1/requests");
        when(api.getContextPath()).thenReturn("");
        assertTrue(Csrf.isExempt(api));
        assertTrue(Csrf.isSafe("GET"));
        assertFalse(Csrf.isSafe("POST"));
        assertFalse(Csrf.isSafe("DELETE"));
    }

    @Test
    void everyIssuedSecretIsNewAndKeepsItsFormat() {
        java.util.Set<String> secrets = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            tokenAndCookie();
            String value = issued.get(i).getValue();
            String secret = value.substring(0, value.indexOf('.'));
            assertTrue(secret.matches("[A-Za-z0-9_-]{32}"), "24 random bytes, base64url: " + secret);
            assertTrue(secrets.add(secret), "never repeats");
        }
    }
}
