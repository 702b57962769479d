package org.cec.portal.intake.internal;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} requests per client in each fixed window of {@code windowMillis}. Kept in
 * memory of this node only (a client spread over N nodes gets N times the limit: fine for abuse
 * control). At most {@code maxClients} are tracked; past that, expired windows are dropped first and,
 * if that is not enough, everything is forgotten.
 */
final class RateLimiter {

    private record Window(long start, int count) {}

    private final int limit;
    private final long windowMillis;
    private final int maxClients;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RateLimiter(int limit, long windowMillis, int maxClients, Clock clock) {
        if (limit < 1 || windowMillis < 1 || maxClients < 1) {
            throw new IllegalArgumentException("limit, window and client count must be positive");
        }
        this.limit = limit;
        this.windowMillis = windowMillis;
        this.maxClients = maxClients;
        this.clock = clock;
    }

    /** Counts one request of {@code client}; false when it is over the limit. */
    boolean allow(String client) {
        long now = clock.millis();
        if (windows.size() >= maxClients && !windows.containsKey(client)) {
            windows.values().removeIf(w -> now - w.start() >= windowMillis);
            if (windows.size() >= maxClients) {
                windows.clear();
            }
        }
        Window w = windows.compute(
                client,
                (k, old) -> old == null || now - old.start() >= windowMillis
                        ? new Window(now, 1)
                        : new Window(old.start(), old.count() + 1));
        return w.count() <= limit;
    }

    /** Seconds until the window of {@code client} ends (for Retry-After). */
    long retryAfterSeconds(String client) {
        Window w = windows.get(client);
        if (w == null) {
            return 0;
        }
        return Math.max(1, (w.start() + windowMillis - clock.millis() + 999) / 1000);
    }
}
