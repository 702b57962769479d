package org.cec.portal.web.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.annotation.Annotation;
import org.junit.jupiter.api.Test;

class RequestScreeningTest {

    private static RequestScreening screening(String... consoleMethods) {
        return new RequestScreening(
                new RequestScreening.Config() {
                    @Override
                    public String console_path() {
                        return "/system/console";
                    }

                    @Override
                    public String[] console_methods() {
                        return consoleMethods;
                    }

                    @Override
                    public Class<? extends Annotation> annotationType() {
                        return RequestScreening.Config.class;
                    }
                },
                ClassLoaderBundles.translations());
    }

    private static HttpServletRequest request(String method, String uri) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getMethod()).thenReturn(method);
        when(request.getRequestURI()).thenReturn(uri);
        return request;
    }

    @Test
    void traceIsRefusedEverywhere() throws Exception {
        for (String uri : new String[] {"/", "/request", "/system/console/bundles"}) {
            HttpServletResponse response = mock(HttpServletResponse.class);
            FilterChain chain = mock(FilterChain.class);
            screening("GET", "HEAD", "POST").doFilter(request("TRACE", uri), response, chain);
            verify(response).sendError(405);
            verify(chain, never()).doFilter(any(), any());
        }
    }

    @Test
    void theConsoleAcceptsOnlyItsOwnMethods() throws Exception {
        HttpServletResponse response = mock(HttpServletResponse.class);
        FilterChain chain = mock(FilterChain.class);
        screening("GET", "HEAD", "POST").doFilter(request("OPTIONS", "/system/console/services"), response, chain);
        verify(response).sendError(405);
        verify(response).setHeader(eq("Allow"), anyString());
        verify(chain, never()).doFilter(any(), any());

        HttpServletRequest get = request("GET", "/system/console/services");
        FilterChain passes = mock(FilterChain.class);
        HttpServletResponse ok = mock(HttpServletResponse.class);
        screening("GET", "HEAD", "POST").doFilter(get, ok, passes);
        verify(passes).doFilter(get, ok);
    }

    @Test
    void optionsOutsideTheConsoleReachesThePages() throws Exception {
        HttpServletRequest preflight = request("OPTIONS", "/api/v1/requests");
        HttpServletResponse response = mock(HttpServletResponse.class);
        FilterChain chain = mock(FilterChain.class);
        screening("GET", "HEAD", "POST").doFilter(preflight, response, chain);
        verify(chain).doFilter(preflight, response);
    }

    @Test
    void traceCannotBeConfiguredForTheConsole() {
        assertThrows(IllegalArgumentException.class, () -> screening("GET", "trace"));
    }
}
