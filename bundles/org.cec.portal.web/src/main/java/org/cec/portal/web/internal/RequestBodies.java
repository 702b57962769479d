package org.cec.portal.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.OutputStream;

/** What to do with the body of a request that is refused before anything read it. */
final class RequestBodies {

    /** Bodies up to this size are read before a refusal is sent. */
    static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    private RequestBodies() {}

    /**
     * Reads (and drops) a body of moderate size: Jetty closes a connection whose request body was
     * left unread, and a client still sending it, or reusing the connection, would then see it reset
     * instead of the refusal page.
     */
    static void drain(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        if (length > 0 && length <= DRAIN_LIMIT) {
            try {
                request.getInputStream().transferTo(OutputStream.nullOutputStream());
            } catch (IOException | IllegalStateException gone) {
                // the client went away, or a reader was taken already: nothing left to drain
            }
        }
    }
}
