package org.cec.portal.web.internal;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

class HttpsRedirectTest {

    private static HttpServletRequest request(boolean secure, String method, String host, String path, String query) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.isSecure()).thenReturn(secure);
        when(request.getMethod()).thenReturn(method);
        when(request.getServerName()).thenReturn(host);
        when(request.getRequestURI()).thenReturn(path);
        when(request.getQueryString()).thenReturn(query);
        return request;
    }

    @Test
    void plainHttpIsRedirectedToTheSamePathOverHttps() throws Exception {
        HttpsRedirect redirect = new HttpsRedirect(8443);
        HttpServletRequest request = request(false, "GET", "portal.example", "/request", "step=2");
        HttpServletResponse response = mock(HttpServletResponse.class);
        FilterChain chain = mock(FilterChain.class);
        redirect.doFilter(request, response, chain);
        verify(response).setStatus(301);
        verify(response).setHeader("Location", "https://portal.example:8443/request?step=2");
        verify(chain, never()).doFilter(request, response);
    }

    @Test
    void aFormSentOverHttpKeepsItsMethodAndPort443IsImplied() throws Exception {
        HttpServletRequest request = request(false, "POST", "::1", "/", null);
        HttpServletResponse response = mock(HttpServletResponse.class);
        new HttpsRedirect(443).doFilter(request, response, mock(FilterChain.class));
        verify(response).setStatus(308);
        verify(response).setHeader("Location", "https://[::1]/");
    }

    @Test
    void httpsRequestsLivenessAndHttpsOffPassThrough() throws Exception {
        for (Object[] c : new Object[][] {{8443, true, "/request"}, {8443, false, "/health/live"}, {0, false, "/"}}) {
            HttpServletRequest request = request((Boolean) c[1], "GET", "localhost", (String) c[2], null);
            HttpServletResponse response = mock(HttpServletResponse.class);
            FilterChain chain = mock(FilterChain.class);
            new HttpsRedirect((Integer) c[0]).doFilter(request, response, chain);
            verify(chain).doFilter(request, response);
            verify(response, never())
                    .setHeader(org.mockito.ArgumentMatchers.eq("Location"), org.mockito.ArgumentMatchers.any());
        }
    }
}
