package org.cec.portal.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BoundedRateLimitTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private BoundedRateLimit perWindow(int permits, Duration window, long maxKeys) {
        return new BoundedRateLimit(BoundedRateLimit.perWindow(permits, window), maxKeys, nanos::get, Runnable::run);
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void aClientOverItsLimitWaitsUntilItsWindowEnds() {
        BoundedRateLimit limit = perWindow(3, Duration.ofMinutes(10), 1000);
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, limit.acquire("10.0.0.1"), "attempt " + i);
        }
        assertEquals(Duration.ofMinutes(10), limit.acquire("10.0.0.1"));
        assertEquals(Duration.ZERO, limit.acquire("10.0.0.2"), "other clients are not affected");
        advance(Duration.ofMinutes(4));
        assertEquals(Duration.ofMinutes(6), limit.waitTime("10.0.0.1"));
        advance(Duration.ofMinutes(6));
        assertEquals(Duration.ZERO, limit.acquire("10.0.0.1"), "a new window");
    }

    @Test
    void manyThreadsOfOneClientAreCountedWithoutLosingAttempts() throws Exception {
        BoundedRateLimit limit = perWindow(20_000, Duration.ofMinutes(10), 1000);
        int threads = 8;
        int each = 5_000;
        java.util.concurrent.atomic.AtomicInteger admitted = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<Thread> started = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    if (limit.acquire("10.0.0.9").isZero()) {
                        admitted.incrementAndGet();
                    }
                }
            });
            thread.start();
            started.add(thread);
        }
        go.countDown();
        for (Thread thread : started) {
            thread.join();
        }
        // 40,000 attempts at a limit of 20,000 within one window: exactly the limit gets through
        assertEquals(20_000, admitted.get());
        assertTrue(limit.acquire("10.0.0.9").compareTo(Duration.ZERO) > 0, "over its limit now");
    }

    @Test
    void floodingWith200000AddressesDoesNotResetAClientOverItsLimit() {
        BoundedRateLimit limit = perWindow(60, Duration.ofMinutes(10), 100_000);
        for (int i = 0; i < 60; i++) {
            limit.acquire("203.0.113.7");
        }
        assertTrue(limit.acquire("203.0.113.7").compareTo(Duration.ZERO) > 0, "over its limit");

        for (int i = 0; i < 200_000; i++) {
            limit.acquire("198.18." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
        }

        assertTrue(limit.trackedKeys() <= 100_001, "memory stays bounded: " + limit.trackedKeys());
        assertTrue(limit.waitTime("203.0.113.7").compareTo(Duration.ZERO) > 0, "still over its limit after the flood");
        assertTrue(limit.acquire("203.0.113.7").compareTo(Duration.ZERO) > 0, "still refused after the flood");
    }

    @Test
    void growingDelaysDoubleAfterTheFreeAttemptsAndStopAtTheMaximum() {
        BoundedRateLimit limit = new BoundedRateLimit(
                BoundedRateLimit.growingDelay(2, Duration.ofSeconds(1), Duration.ofSeconds(5)),
                1000,
                nanos::get,
                Runnable::run);
        assertEquals(Duration.ZERO, limit.acquire("a"));
        assertEquals(Duration.ZERO, limit.acquire("a"));
        assertEquals(Duration.ofSeconds(1), limit.waitTime("a"));
        advance(Duration.ofSeconds(1));
        assertEquals(Duration.ZERO, limit.acquire("a"));
        assertEquals(Duration.ofSeconds(2), limit.acquire("a"), "refused, and not counted");
        advance(Duration.ofSeconds(2));
        assertEquals(Duration.ZERO, limit.acquire("a"));
        assertEquals(Duration.ofSeconds(4), limit.waitTime("a"));
        advance(Duration.ofSeconds(4));
        limit.acquire("a");
        assertEquals(Duration.ofSeconds(5), limit.waitTime("a"), "capped");
        limit.reset("a");
        assertEquals(Duration.ZERO, limit.waitTime("a"));
    }
}
