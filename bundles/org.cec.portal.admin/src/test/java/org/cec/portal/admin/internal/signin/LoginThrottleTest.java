package org.cec.portal.admin.internal.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.cec.portal.api.limit.RateLimit;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    /** Counts attempts per key; past {@code free} of them a key waits a minute (the delays' growth is the web layer's). */
    static final class CountingLimit implements RateLimit {
        private final int free;
        private final Map<String, Integer> counts = new HashMap<>();

        CountingLimit(int free) {
            this.free = free;
        }

        @Override
        public Duration acquire(String key) {
            Duration wait = waitTime(key);
            if (wait.isZero()) {
                counts.merge(key, 1, Integer::sum);
            }
            return wait;
        }

        @Override
        public Duration waitTime(String key) {
            return counts.getOrDefault(key, 0) >= free ? Duration.ofMinutes(1) : Duration.ZERO;
        }

        @Override
        public void reset(String key) {
            counts.remove(key);
        }
    }

    private final LoginThrottle throttle = new LoginThrottle(new CountingLimit(5), new CountingLimit(20));

    @Test
    void anAttackersAddressIsThrottledWhileTheOwnerSignsInFromAnother() {
        for (int i = 0; i < 4; i++) {
            assertFalse(throttle.failed("203.0.113.66", "admin"), "failure " + i);
        }
        assertTrue(throttle.failed("203.0.113.66", "admin"), "the fifth failure starts a delay");
        assertEquals(Duration.ofMinutes(1), throttle.waitTime("203.0.113.66", "admin"));
        assertEquals(Duration.ofMinutes(1), throttle.waitTime("203.0.113.66", "someone-else"), "per address");
        assertEquals(Duration.ZERO, throttle.waitTime("198.51.100.7", "admin"), "the owner's address may try");
    }

    @Test
    void manyAddressesGuessingOneAccountSlowThatAccount() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("203.0.113." + i, "Admin");
        }
        assertEquals(Duration.ofMinutes(1), throttle.waitTime("198.51.100.7", "admin"), "names compared without case");
        assertEquals(Duration.ZERO, throttle.waitTime("198.51.100.7", "other"));
    }

    @Test
    void aSuccessfulSignInForgetsTheFailuresOfItsAddressAndAccount() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("198.51.100.7", "admin");
        }
        throttle.succeeded("198.51.100.7", "admin");
        assertFalse(throttle.failed("198.51.100.7", "admin"), "counting starts again");
    }
}
