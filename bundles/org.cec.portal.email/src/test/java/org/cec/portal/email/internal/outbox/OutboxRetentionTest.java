package org.cec.portal.email.internal.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Retention empties the content of finished messages older than the cutoff, and nothing else (H2, PostgreSQL). */
class OutboxRetentionTest {

    static List<String> kinds() {
        return ModuleTestDatabase.kinds();
    }

    private static void insert(ModuleTestDatabase db, String id, String status, long createdAt) {
        db.inTransaction(em -> em.createNativeQuery("INSERT INTO email_outbox (message_id, kind, type, language,"
                        + " recipient, recipient_name, about, subject, body_text, body_html, headers, status, attempts,"
                        + " next_attempt_at, created_at) VALUES ('" + id + "', 'relationship', 'intake.confirmation',"
                        + " 'en', 'ana@example.org', 'Ana', 'ana@example.org', 'Hi Ana', 'Text for Ana', '<p>Ana</p>',"
                        + " 'X-A: 1', '" + status + "', 1, 0, " + createdAt + ")")
                .executeUpdate());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void finishedMessagesOlderThanTheCutoffLoseTheirContentYoungerOnesAndQueuedOnesKeepIt(String kind)
            throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "email")) {
            insert(db, "<old-sent@x>", "sent", 1_000);
            insert(db, "<old-bounced@x>", "bounced", 2_000);
            insert(db, "<old-queued@x>", "queued", 3_000);
            insert(db, "<new-sent@x>", "sent", 10_000);
            OutboxRetention retention = new OutboxRetention(db);

            assertEquals("email", retention.area());
            assertEquals(2, retention.expire(Instant.ofEpochMilli(5_000)));
            assertEquals(0, retention.expire(Instant.ofEpochMilli(5_000)), "once");
            List<Object[]> rows = db.rows("SELECT message_id, subject, body_text, body_html, recipient_name, recipient"
                    + " FROM email_outbox ORDER BY created_at");
            assertEquals("", rows.get(0)[1]);
            assertEquals("", rows.get(0)[2]);
            assertEquals(null, rows.get(0)[3]);
            assertEquals("", rows.get(0)[4]);
            assertEquals("ana@example.org", rows.get(0)[5], "that a message went stays until the person's erasure");
            assertEquals("", rows.get(1)[2]);
            assertEquals("Text for Ana", rows.get(2)[2], "a message still to send keeps it");
            assertEquals("Text for Ana", rows.get(3)[2], "a younger one keeps it");
        }
    }
}
