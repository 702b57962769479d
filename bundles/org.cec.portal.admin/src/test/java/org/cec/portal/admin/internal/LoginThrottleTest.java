package org.cec.portal.admin.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-28T12:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(15), Duration.ofMinutes(15), clock);

    @Test
    void fiveFailuresWithinFifteenMinutesLockForFifteenMinutes() {
        for (int i = 0; i < 4; i++) {
            assertFalse(throttle.failed("admin"));
            clock.now = clock.now.plusSeconds(60);
        }
        assertFalse(throttle.isLocked("admin"));
        assertTrue(throttle.failed("admin"), "the fifth failure locks");
        assertTrue(throttle.isLocked("ADMIN"), "names are compared without case");
        clock.now = clock.now.plus(Duration.ofMinutes(14));
        assertTrue(throttle.isLocked("admin"));
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertFalse(throttle.isLocked("admin"), "unlocked after fifteen minutes");
    }

    @Test
    void failuresOutsideTheWindowDoNotCount() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("admin");
        }
        clock.now = clock.now.plus(Duration.ofMinutes(16));
        assertFalse(throttle.failed("admin"));
        assertFalse(throttle.isLocked("admin"));
    }

    @Test
    void aSuccessfulSignInForgetsEarlierFailures() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("admin");
        }
        throttle.succeeded("admin");
        assertFalse(throttle.failed("admin"));
    }
}
