package org.cec.portal.email.internal.bounces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.cec.portal.api.privacy.PersonalRecord;
import org.cec.portal.email.internal.outbox.OutboxAdmin;
import org.cec.portal.email.internal.outbox.OutboxPersonalData;
import org.cec.portal.email.internal.outbox.OutboxSignal;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bounces on H2 and PostgreSQL: counting, suppression at the threshold, repeated reports, soft bounces, events. */
class BouncesTest {

    private static BounceReport hard(String to, String messageId) {
        return new BounceReport(
                to, BounceReport.Type.HARD, Optional.ofNullable(messageId), "550 5.1.1 " + to + " unknown");
    }

    private static BounceReport soft(String to) {
        return new BounceReport(to, BounceReport.Type.SOFT, Optional.empty(), "452 mailbox full");
    }

    /** A commercial message to {@code to} in the outbox, sent. */
    static void sent(ModuleTestDatabase db, String messageId, String to) {
        db.inTransaction(em -> {
            try (PreparedStatement insert = em.unwrap(Connection.class)
                    .prepareStatement("INSERT INTO email_outbox (message_id, kind, type, language, recipient,"
                            + " recipient_name, about, subject, body_text, headers, status, attempts,"
                            + " next_attempt_at, created_at, sent_at) VALUES (?, 'commercial', 't', 'en', ?, '', ?,"
                            + " 's', 'x', '', 'sent', 1, 0, 0, 0)")) {
                insert.setString(1, messageId);
                insert.setString(2, to);
                insert.setString(3, to.toLowerCase());
                insert.executeUpdate();
            }
            return null;
        });
    }

    static String status(ModuleTestDatabase db, String messageId) {
        return (String) db.rows("SELECT status FROM email_outbox WHERE message_id = '" + messageId + "'")
                .get(0)[0];
    }

    static long suppressed(ModuleTestDatabase db, String address) {
        return ((Number) db.rows("SELECT COUNT(*) FROM email_suppression WHERE address = '" + address + "'")
                        .get(0)[0])
                .longValue();
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void theThirdHardBouncePutsTheAddressOnTheSuppressionListAndMarksTheMessagesBounced(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "email")) {
            Bounces bounces = new Bounces(db, db, 3, Clock.systemUTC());
            sent(db, "m1@portal.example.org", "Ana@example.org");
            sent(db, "m2@portal.example.org", "ana@example.org");

            assertEquals(
                    new Bounces.Outcome(1, 0, 1, 0),
                    bounces.record(List.of(hard("ana@example.org", "m1@portal.example.org"))));
            assertEquals("bounced", status(db, "m1@portal.example.org"));
            assertEquals("sent", status(db, "m2@portal.example.org"));
            assertEquals(
                    new Bounces.Outcome(2, 1, 1, 0),
                    bounces.record(List.of(
                            hard("ana@example.org", "m1@portal.example.org"), // the same report again: not counted
                            soft("ana@example.org"),
                            hard("ana@example.org", null))));
            assertEquals(0, suppressed(db, "ana@example.org"));
            assertEquals(2, (int) db.read(em -> BounceStore.find(em.unwrap(Connection.class), "ana@example.org")
                    .map(BounceStore.Count::hardBounces)
                    .orElse(0)));

            assertEquals(
                    new Bounces.Outcome(1, 0, 1, 1),
                    bounces.record(List.of(hard("ana@example.org", "m2@portal.example.org"))));
            assertEquals(1, suppressed(db, "ana@example.org"));
            assertEquals("bounced", status(db, "m2@portal.example.org"));
            Object[] entry = db.rows("SELECT reason, hard_bounces FROM email_suppression")
                    .get(0);
            assertEquals(3, ((Number) entry[1]).intValue());
            assertTrue(
                    entry[0].toString().startsWith("3 hard bounces, last: 550 5.1.1 <address> unknown"),
                    entry[0].toString());
            // a fourth one updates the count only
            assertEquals(new Bounces.Outcome(1, 0, 1, 0), bounces.record(List.of(hard("ana@example.org", null))));
            assertEquals(
                    4,
                    ((Number) db.rows("SELECT hard_bounces FROM email_suppression")
                                    .get(0)[0])
                            .intValue());

            List<ModuleTestDatabase.Event> events = db.committedEvents();
            assertEquals(
                    6,
                    events.stream().filter(e -> e.type().equals(Bounces.EVENT)).count());
            for (ModuleTestDatabase.Event e : events) {
                assertFalse(e.payload().contains("ana@"), "no address in the event log: " + e.payload());
            }
            assertEquals(
                    "{\"type\":\"hard\",\"messageId\":\"m1@portal.example.org\",\"counted\":true,\"suppressed\":false}",
                    events.get(0).payload());
            assertEquals(
                    "{\"type\":\"soft\",\"counted\":false,\"suppressed\":false}",
                    events.get(2).payload());
            assertEquals(
                    "{\"type\":\"hard\",\"messageId\":\"m2@portal.example.org\",\"counted\":true,\"suppressed\":true}",
                    events.get(4).payload());
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void softBouncesNeverSuppressAndAnUnknownMessageIdStillCountsButIsNotInTheEvent(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "email")) {
            Bounces bounces = new Bounces(db, db, 1, Clock.systemUTC());
            bounces.record(List.of(soft("bo@example.org"), soft("bo@example.org"), soft("bo@example.org")));
            assertEquals(0, suppressed(db, "bo@example.org"));
            assertEquals(0, db.rows("SELECT * FROM email_bounce").size(), "soft bounces store no address");

            // a Message-ID of someone else's message is not marked, and not copied into the event
            sent(db, "m3@portal.example.org", "cy@example.org");
            assertEquals(
                    new Bounces.Outcome(1, 0, 1, 1),
                    bounces.record(List.of(hard("bo@example.org", "m3@portal.example.org"))));
            assertEquals("sent", status(db, "m3@portal.example.org"));
            assertEquals(1, suppressed(db, "bo@example.org"));
            ModuleTestDatabase.Event last =
                    db.committedEvents().get(db.committedEvents().size() - 1);
            assertEquals("{\"type\":\"hard\",\"counted\":true,\"suppressed\":true}", last.payload());
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void anAddressAlreadySuppressedByStaffKeepsItsReason(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "email")) {
            db.inTransaction(
                    em -> new BounceStore().suppress(em.unwrap(Connection.class), "dee@example.org", "staff", 0, 1));
            Bounces bounces = new Bounces(db, db, 1, Clock.systemUTC());
            assertEquals(new Bounces.Outcome(1, 0, 1, 0), bounces.record(List.of(hard("dee@example.org", null))));
            Object[] entry = db.rows("SELECT reason, hard_bounces FROM email_suppression")
                    .get(0);
            assertEquals("staff", entry[0]);
            assertEquals(1, ((Number) entry[1]).intValue());
            int erased = db.inTransaction(em -> BounceStore.erase(em.unwrap(Connection.class), "dee@example.org"));
            assertEquals(1, erased);
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void theCountIsExportedErasedAndForgottenWhenStaffTakeTheAddressOffTheList(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "email")) {
            Bounces bounces = new Bounces(db, db, 2, Clock.systemUTC());
            bounces.record(List.of(hard("eve@example.org", null), hard("eve@example.org", null)));
            assertEquals(1, suppressed(db, "eve@example.org"));

            OutboxAdmin admin = new OutboxAdmin(db, new OutboxSignal());
            assertTrue(admin.unsuppress("eve@example.org"));
            assertEquals(0, db.rows("SELECT * FROM email_bounce").size(), "the count starts again");
            bounces.record(List.of(hard("eve@example.org", null)));
            assertEquals(0, suppressed(db, "eve@example.org"), "one hard bounce after removal: not back on the list");

            OutboxPersonalData data = new OutboxPersonalData(db);
            List<PersonalRecord> records = data.export(" Eve@example.org");
            assertEquals(1, records.size());
            assertEquals("email.bounces", records.get(0).kind());
            assertEquals("1", records.get(0).fields().get("Hard bounces"));
            assertEquals(1, data.erase("eve@example.org"));
            assertEquals(0, db.rows("SELECT * FROM email_bounce").size());
        }
    }

    @org.junit.jupiter.api.Test
    void theThresholdMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new Bounces(null, null, 0, Clock.systemUTC()));
    }
}
