package org.cec.portal.web.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.cec.portal.api.limit.RateLimit;

/**
 * A rate limit whose per-key state lives in two size-bounded Caffeine caches: keys that may still
 * try, and keys that must wait (over their limit, or in a delay). A flood of new keys, each seen
 * once, only ever fills the first, so it can evict other keys that are under their limit but never
 * reset one that is over it; nothing is ever cleared wholesale. (Only keys that are themselves over
 * the limit compete for the second cache.)
 *
 * <p>The common case, a key under its limit counting one more attempt in the same window, is a
 * compare-and-set on the key's slot, without a lock and without writing the cache: many requests of
 * one client (a mail provider's image proxy loading pixels) do not queue up behind each other. Every
 * other change (a new key, a new window, a key going over its limit, a growing delay) takes the key's
 * lock and writes the cache, which also renews the entry's expiry.
 */
final class BoundedRateLimit implements RateLimit {

    /** What a key has done, as far as the limit cares: since {@code since}, {@code count} attempts. */
    record State(long since, int count) {}

    /** The rule of a limit: how long a key in {@code state} waits, and its state after one more attempt. */
    interface Rule {
        long waitMillis(State state, long now);

        State next(State state, long now);

        /** How long a key's state matters after its last attempt. */
        Duration keep();

        /**
         * Whether going from {@code old} to {@code next} may skip renewing the key's expiry: true only
         * where the expiry depends on when the state began, not on the last attempt.
         */
        default boolean countsInPlace(State old, State next) {
            return false;
        }
    }

    /** A key's state in a cache, replaced in place by the lock-free path. */
    private static final class Slot extends AtomicReference<State> {
        private static final long serialVersionUID = 1L;

        Slot(State state) {
            super(state);
        }
    }

    private final Cache<String, Slot> mayTry;
    private final Cache<String, Slot> waiting;
    private final Object[] locks = new Object[64];
    private final Rule rule;
    private final Ticker ticker;

    BoundedRateLimit(Rule rule, long maxKeys, Ticker ticker, Executor executor) {
        this.rule = rule;
        this.ticker = ticker;
        this.mayTry = cache(rule, maxKeys, ticker, executor);
        this.waiting = cache(rule, maxKeys, ticker, executor);
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    private static Cache<String, Slot> cache(Rule rule, long maxKeys, Ticker ticker, Executor executor) {
        return Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterWrite(rule.keep())
                .ticker(ticker)
                .executor(executor)
                .build();
    }

    private long now() {
        return ticker.read() / 1_000_000L;
    }

    private State stateOf(String key) {
        Slot waits = waiting.getIfPresent(key);
        if (waits != null) {
            return waits.get();
        }
        Slot may = mayTry.getIfPresent(key);
        return may == null ? null : may.get();
    }

    @Override
    public Duration acquire(String key) {
        if (waiting.getIfPresent(key) == null) {
            Slot slot = mayTry.getIfPresent(key);
            while (slot != null) {
                long now = now();
                State old = slot.get();
                State next = rule.next(old, now);
                if (rule.waitMillis(old, now) > 0 || rule.waitMillis(next, now) > 0 || !rule.countsInPlace(old, next)) {
                    break; // the locked path decides
                }
                if (slot.compareAndSet(old, next)) {
                    return Duration.ZERO;
                }
            }
        }
        synchronized (locks[(key.hashCode() & 0x7fffffff) % locks.length]) {
            while (true) {
                long now = now();
                Slot waits = waiting.getIfPresent(key);
                Slot slot = waits == null ? mayTry.getIfPresent(key) : null;
                State old = waits != null ? waits.get() : slot == null ? null : slot.get();
                long wait = old == null ? 0 : rule.waitMillis(old, now);
                if (wait > 0) {
                    return Duration.ofMillis(wait);
                }
                State next = rule.next(old, now);
                boolean over = rule.waitMillis(next, now) > 0;
                if (slot != null && (over || rule.countsInPlace(old, next))) {
                    // the lock-free path may count on this slot at the same time: take the step on the
                    // slot itself, so that no attempt counted there is lost; on a race, look again
                    if (!slot.compareAndSet(old, next)) {
                        continue;
                    }
                    if (!over) {
                        return Duration.ZERO;
                    }
                }
                if (over) {
                    waiting.put(key, new Slot(next));
                    mayTry.invalidate(key);
                } else {
                    mayTry.put(key, new Slot(next));
                    waiting.invalidate(key);
                }
                return Duration.ZERO;
            }
        }
    }

    @Override
    public Duration waitTime(String key) {
        State state = stateOf(key);
        return state == null ? Duration.ZERO : Duration.ofMillis(rule.waitMillis(state, now()));
    }

    @Override
    public void reset(String key) {
        synchronized (locks[(key.hashCode() & 0x7fffffff) % locks.length]) {
            mayTry.invalidate(key);
            waiting.invalidate(key);
        }
    }

    long trackedKeys() {
        mayTry.cleanUp();
        waiting.cleanUp();
        return mayTry.estimatedSize() + waiting.estimatedSize();
    }

    /** At most {@code permits} attempts in each window, which starts with a key's first attempt. */
    static Rule perWindow(int permits, Duration window) {
        if (permits < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("permits and window must be positive");
        }
        long windowMillis = window.toMillis();
        return new Rule() {
            @Override
            public long waitMillis(State s, long now) {
                long end = s.since() + windowMillis;
                return now < end && s.count() >= permits ? end - now : 0;
            }

            @Override
            public State next(State s, long now) {
                return s == null || now >= s.since() + windowMillis
                        ? new State(now, 1)
                        : new State(s.since(), s.count() + 1);
            }

            @Override
            public boolean countsInPlace(State old, State next) {
                // the same window: its entry expires a window after the window began, as written
                return old != null && old.since() == next.since();
            }

            @Override
            public Duration keep() {
                return window;
            }
        };
    }

    /**
     * {@code free} attempts without delay; then each attempt waits {@code first}, doubling with each
     * further attempt, up to {@code max}. {@code since} holds the time of the last attempt.
     */
    static Rule growingDelay(int free, Duration first, Duration max) {
        if (free < 0 || first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("free >= 0 and 0 < first delay <= max delay");
        }
        long firstMillis = first.toMillis();
        long maxMillis = max.toMillis();
        return new Rule() {
            @Override
            public long waitMillis(State s, long now) {
                int over = s.count() - free;
                if (over < 0) {
                    return 0;
                }
                long delay =
                        over >= 62 || firstMillis << over < 0 ? maxMillis : Math.min(maxMillis, firstMillis << over);
                return Math.max(0, s.since() + delay - now);
            }

            @Override
            public State next(State s, long now) {
                return new State(now, s == null ? 1 : s.count() + 1);
            }

            @Override
            public Duration keep() {
                return max.multipliedBy(2);
            }
        };
    }
}
