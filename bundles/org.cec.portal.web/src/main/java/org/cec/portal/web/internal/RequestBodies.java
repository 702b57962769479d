package org.cec.portal.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What to do with the parameters and body of a request before a page reads them. */
final class RequestBodies {

    private static final Logger LOG = LoggerFactory.getLogger(RequestBodies.class);

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

    /** Whether the body is an HTML form ({@code application/x-www-form-urlencoded}). */
    static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /**
     * Decodes the request's parameters now (query string, and the body when it is a form), as UTF-8
     * unless the request names its charset, so that a malformed %-encoding is found here, where it
     * can be answered with a 400, and not in a page, where it would be a 500. The container keeps the
     * decoded parameters for the page. Returns the reason when they cannot be decoded; it is logged
     * in one line at debug level (no value, no stack trace).
     */
    static Optional<String> parametersError(HttpServletRequest request) {
        try {
            if (request.getCharacterEncoding() == null) {
                request.setCharacterEncoding(StandardCharsets.UTF_8.name());
            }
            request.getParameterMap();
            return Optional.empty();
        } catch (UnsupportedEncodingException e) {
            LOG.debug("Refused {} {}: unknown charset", request.getMethod(), request.getRequestURI());
            return Optional.of("request.refused.charset");
        } catch (RuntimeException e) {
            // Jetty's BadMessageException (malformed %-encoding, invalid UTF-8, too many keys, too large)
            LOG.debug(
                    "Refused {} {}: {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    e.getClass().getSimpleName());
            return Optional.of("request.refused.malformed");
        }
    }
}
