package org.cec.portal.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleStartingServletTest {

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final ConsoleStartingServlet servlet =
            new ConsoleStartingServlet(new SecurityHeaders(SecurityHeadersTest.config("default-src 'none'")));

    private HttpServletResponse response() throws Exception {
        HttpServletResponse response = mock(HttpServletResponse.class);
        when(response.getOutputStream()).thenReturn(new ServletOutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {}
        });
        return response;
    }

    private static HttpServletRequest request(String method) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getMethod()).thenReturn(method);
        when(request.getRequestURI()).thenReturn("/system/console/bundles");
        when(request.getContentLengthLong()).thenReturn(-1L);
        return request;
    }

    @Test
    void everyMethodGets503WithRetryAfterAndAPlainReason() throws Exception {
        for (String method : new String[] {"GET", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"}) {
            body.reset();
            HttpServletResponse response = response();
            servlet.service(request(method), response);
            verify(response).setStatus(503);
            verify(response).setHeader("Retry-After", "5");
            verify(response).setHeader("Cache-Control", "no-store");
            verify(response).setContentType("text/plain;charset=UTF-8");
            verify(response).setContentLength(24);
            verify(response).setHeader("Content-Security-Policy", "default-src 'none'");
            verify(response).setHeader("X-Frame-Options", "DENY");
            verify(response).setHeader("X-Content-Type-Options", "nosniff");
            assertEquals("The console is starting.", body.toString(StandardCharsets.UTF_8), method);
        }
    }

    @Test
    void headGetsTheSameHeadersWithoutABody() throws Exception {
        HttpServletResponse response = response();
        servlet.service(request("HEAD"), response);
        verify(response).setStatus(503);
        verify(response).setHeader("Retry-After", "5");
        verify(response).setContentLength(24);
        verify(response, never()).getOutputStream();
        assertEquals(0, body.size());
    }
}
