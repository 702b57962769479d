package org.cec.portal.email.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import org.cec.portal.api.limit.RateLimit;

/**
 * The request budgets of one public endpoint of the email module (the unsubscribe link, the bounce
 * webhook) per client address: one for all requests and a stricter one for refused requests (a forged
 * link, a wrong secret), so that guessing is slow while honest use is not.
 */
public final class ClientBudget {

    /** A refused request's body up to this size is read to its end, so that the connection can be reused. */
    private static final long DRAIN_LIMIT = 64L * 1024;

    private final RateLimit all;
    private final RateLimit refused;

    public ClientBudget(RateLimit all, RateLimit refused) {
        this.all = all;
        this.refused = refused;
    }

    /**
     * Zero when the client may be served now (which takes one request of its budget); otherwise how long
     * it must wait. A client over its budget of refused requests waits without spending the other one.
     */
    public Duration waitFor(String client) {
        Duration wait = refused.waitTime(client);
        return wait.isZero() ? all.acquire(client) : wait;
    }

    /** Counts a refused request of the client. */
    public void refused(String client) {
        refused.acquire(client);
    }

    /** The value of a {@code Retry-After} header for {@code wait}: whole seconds, at least one. */
    public static String retryAfter(Duration wait) {
        return Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000));
    }

    /** Reads a small body to its end, so that the connection can be reused; a big one Jetty closes. */
    public static void drain(HttpServletRequest request) throws IOException {
        long length = request.getContentLengthLong();
        if (length > 0 && length <= DRAIN_LIMIT) {
            request.getInputStream().transferTo(OutputStream.nullOutputStream());
        }
    }
}
