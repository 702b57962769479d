package org.cec.portal.admin.internal.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.cec.portal.admin.internal.sessions.ApiTokens;
import org.cec.portal.admin.internal.sessions.StaffSessions;
import org.cec.portal.admin.internal.sessions.Stage;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The account, session and token stores on H2 (and PostgreSQL when CEC_TEST_PG_URL is set). */
class StaffStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T10:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void accountsPasswordsSessionsAndTokens(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "admin")) {
            StaffAccounts accounts = new StaffAccounts(db, new PasswordHasher(new SecureRandom(), 1000), CLOCK);
            StaffSessions sessions = new StaffSessions(db, CLOCK, Duration.ofMinutes(30), Duration.ofHours(12));
            ApiTokens tokens = new ApiTokens(db, CLOCK);

            accounts.create("ana", "a long password 1".toCharArray(), Set.of("staff"));
            assertTrue(accounts.find("ana").orElseThrow().mustChange());
            assertEquals(1, accounts.list().size());
            assertTrue(accounts.verifyPassword("ana", "a long password 1".toCharArray())
                    .isPresent());
            assertTrue(accounts.verifyPassword("ana", "wrong password!!".toCharArray())
                    .isEmpty());
            assertTrue(accounts.verifyPassword("nobody", "a long password 1".toCharArray())
                    .isEmpty());

            String session = sessions.start("ana", Stage.SIGNED_IN, "127.0.0.1");
            assertTrue(sessions.find(session).isPresent());
            accounts.setPassword("ana", "another password 2".toCharArray(), true);
            assertTrue(sessions.find(session).isEmpty());

            accounts.setDisabled("ana", true);
            assertTrue(accounts.verifyPassword("ana", "another password 2".toCharArray())
                    .isEmpty());
            accounts.setDisabled("ana", false);

            accounts.enrolSecondFactor("ana", "sealed", 100, Set.of("h1", "h2"));
            assertTrue(accounts.useStep("ana", 101));
            assertTrue(!accounts.useStep("ana", 101));
            assertTrue(!accounts.useStep("ana", 100));
            assertTrue(accounts.useRecoveryCode("ana", "h1"));
            assertTrue(!accounts.useRecoveryCode("ana", "h1"));
            assertEquals(1, accounts.find("ana").orElseThrow().recoveryCodesLeft());

            ApiTokens.NewToken token = tokens.create("ana", "export", "boss");
            assertEquals("ana", tokens.verify(token.text()).orElseThrow().username());
            assertEquals(1, tokens.list("ana").size());
            assertTrue(tokens.revoke(token.id()).isPresent());
            assertTrue(tokens.verify(token.text()).isEmpty());
        }
    }
}
