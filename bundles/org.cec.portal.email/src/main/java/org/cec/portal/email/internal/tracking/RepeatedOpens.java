package org.cec.portal.email.internal.tracking;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * Which messages' pixels were loaded a moment ago: a mail client shows a message and loads its pixel
 * again each time it redraws it, an image proxy loads it for every device of the recipient, and a
 * reader coming back to a message within the hour has not opened it anew. One open per message per
 * {@link #WINDOW} on this node is recorded; the loads in between are served the same GIF and recorded
 * nowhere (so the event log and its consumers do no work for them). Bounded: at most {@link #MAX}
 * messages are remembered; past that the least recently seen are forgotten, and their next load counts
 * again.
 */
final class RepeatedOpens {

    static final Duration WINDOW = Duration.ofHours(1);
    static final int MAX = 100_000;

    private final Cache<String, Boolean> seen;

    RepeatedOpens() {
        this(WINDOW, MAX, Ticker.systemTicker());
    }

    /** For tests: the window and the bound, on {@code ticker}'s time. */
    RepeatedOpens(Duration window, int max, Ticker ticker) {
        this.seen = Caffeine.newBuilder()
                .expireAfterWrite(window)
                .maximumSize(max)
                .ticker(ticker)
                .build();
    }

    /** Whether this load of {@code messageId}'s pixel is its first within the window (and marks it seen). */
    boolean first(String messageId) {
        return seen.asMap().putIfAbsent(messageId, Boolean.TRUE) == null;
    }
}
