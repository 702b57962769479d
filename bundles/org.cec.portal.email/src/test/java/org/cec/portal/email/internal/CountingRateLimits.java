package org.cec.portal.email.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cec.portal.api.limit.RateLimit;
import org.cec.portal.api.limit.RateLimits;

/**
 * Rate limits for the unit tests of the module's servlets: each limit counts the permits of a key and
 * refuses the one over its budget with a wait of the whole window (the real limits live in the web
 * bundle and are tested there).
 */
public final class CountingRateLimits implements RateLimits {

    @Override
    public RateLimit perWindow(String name, int permits, Duration window) {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        return new RateLimit() {
            @Override
            public Duration acquire(String key) {
                if (counts.getOrDefault(key, 0) >= permits) {
                    return window;
                }
                counts.merge(key, 1, Integer::sum);
                return Duration.ZERO;
            }

            @Override
            public Duration waitTime(String key) {
                return counts.getOrDefault(key, 0) >= permits ? window : Duration.ZERO;
            }

            @Override
            public void reset(String key) {
                counts.remove(key);
            }
        };
    }

    @Override
    public RateLimit growingDelay(String name, int free, Duration first, Duration max) {
        throw new UnsupportedOperationException("no servlet of the email module asks for one");
    }
}
