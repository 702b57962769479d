package org.cec.portal.email.internal;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** A mocked servlet response whose body goes into a buffer of the test, for the module's servlet tests. */
public final class ServletResponses {

    private ServletResponses() {}

    /** A response (a Mockito mock, to verify its status and headers) writing its body into {@code body}. */
    public static HttpServletResponse writingTo(ByteArrayOutputStream body) throws IOException {
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
}
