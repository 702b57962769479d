package org.cec.portal.admin.internal.accounts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.cec.portal.admin.internal.sessions.StaffSessions;
import org.cec.portal.admin.internal.sessions.Stage;
import org.cec.portal.testing.ModuleTestDatabase;
import org.cec.portal.testing.MovableClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Sessions end after 30 idle minutes and, however active, after 12 hours. */
class SessionExpiryTest {

    /** A clock that the test moves. */
    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void idleAndAbsolute(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "admin")) {
            MovableClock clock = new MovableClock(Instant.parse("2026-06-01T08:00:00Z"));
            StaffSessions sessions = new StaffSessions(db, clock, Duration.ofMinutes(30), Duration.ofHours(12));
            new StaffAccounts(db, new PasswordHasher(new java.security.SecureRandom(), 1000), clock)
                    .create("ana", "a long password 1".toCharArray(), java.util.Set.of("staff"));
            String idle = sessions.start("ana", Stage.SIGNED_IN, "127.0.0.1");
            clock.advance(Duration.ofMinutes(29));
            assertTrue(sessions.find(idle).isPresent());
            clock.advance(Duration.ofMinutes(31));
            assertTrue(sessions.find(idle).isEmpty());

            String busy = sessions.start("ana", Stage.SIGNED_IN, "127.0.0.1");
            for (int i = 0; i < 35; i++) {
                clock.advance(Duration.ofMinutes(20));
                assertTrue(sessions.find(busy).isPresent(), "active after " + (i + 1) * 20 + " minutes");
            }
            clock.advance(Duration.ofMinutes(20));
            assertTrue(sessions.find(busy).isEmpty());
        }
    }
}
