package org.cec.portal.email.internal.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cec.portal.api.consent.ConsentService;
import org.cec.portal.api.consent.OptOut;
import org.cec.portal.api.email.MailAddress;
import org.cec.portal.api.email.MailMessage;
import org.cec.portal.api.email.MailRefusedException;
import org.cec.portal.api.email.MailTransportException;
import org.cec.portal.api.email.OutgoingMail;
import org.cec.portal.api.email.QueuedMail;
import org.cec.portal.api.privacy.PersonalRecord;
import org.cec.portal.email.internal.CommercialParts;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The outbox on H2 and PostgreSQL: queueing, the caller's transaction, commercial checks, sending, claims. */
class OutboxTest {

    private static MailMessage confirmation(String to, String key) {
        MailMessage.Builder b = MailMessage.relationship("intake.confirmation", new MailAddress(to, "Ana Reyes"), "es")
                .with("name", "Ana");
        return (key == null ? b : b.key(key)).build();
    }

    private static final CommercialParts PARTS = (recipient, language) -> new CommercialParts.Parts(
            Map.of("unsubscribeUrl", "https://portal.example.org/email/unsubscribe/t-" + recipient.hashCode()),
            Map.of(
                    "List-Unsubscribe", "<https://portal.example.org/email/unsubscribe/t>",
                    "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void queuesOnceForAnIdempotencyKeyWithAStableMessageId(String kind) throws Exception {
        try (OutboxFixture f = new OutboxFixture(kind)) {
            QueuedMail first = f.mailer.queue(confirmation("Ana@Example.org", "intake.submitted:1"));
            QueuedMail again = f.mailer.queue(confirmation("Ana@Example.org", "intake.submitted:1"));
            QueuedMail other = f.mailer.queue(confirmation("ana@example.org", null));
            assertFalse(first.alreadyQueued());
            assertTrue(again.alreadyQueued());
            assertEquals(first.id(), again.id());
            assertEquals(first.messageId(), again.messageId());
            assertNotEquals(first.messageId(), other.messageId());
            assertTrue(first.messageId().endsWith("@portal.example.org"), first.messageId());
            assertEquals(2, f.count("status = 'queued'"));
            Object[] row = f.db.rows(
                            "SELECT subject, body_text, body_html, about, language FROM email_outbox WHERE id = "
                                    + first.id())
                    .get(0);
            assertEquals("Hello Ana", row[0]);
            assertEquals("Text for Ana", row[1]);
            assertEquals("<p>Text for Ana</p>", row[2]);
            assertEquals("ana@example.org", row[3]);
            assertEquals("es", row[4]);
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void queuedInTheCallersTransactionExactlyWhenItCommits(String kind) throws Exception {
        try (OutboxFixture f = new OutboxFixture(kind)) {
            List<Runnable> after = new ArrayList<>();
            assertThrows(
                    IllegalStateException.class,
                    () -> f.db.inTransaction(em -> {
                        f.callers.connection.set(em.unwrap(Connection.class));
                        f.callers.after.set(after);
                        try {
                            f.mailer.queue(confirmation("ana@example.org", "k-rolled-back"));
                            throw new IllegalStateException("the caller's change fails");
                        } finally {
                            f.callers.connection.remove();
                            f.callers.after.remove();
                        }
                    }));
            assertEquals(0, f.count("1 = 1"), "rolled back with the caller");
            long seen = f.signal.generation();
            f.db.inTransaction(em -> {
                f.callers.connection.set(em.unwrap(Connection.class));
                f.callers.after.set(after);
                try {
                    f.mailer.queue(confirmation("ana@example.org", "k-committed"));
                    assertEquals(seen, f.signal.generation(), "the sender is not woken before the commit");
                    return null;
                } finally {
                    f.callers.connection.remove();
                    f.callers.after.remove();
                }
            });
            after.forEach(Runnable::run); // what the platform does after the commit
            assertEquals(1, f.count("idempotency_key = 'k-committed'"));
            assertTrue(f.signal.generation() > seen, "woken after the commit");
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void commercialMailIsRefusedForOptedOutOrSuppressedAddressesAndWithoutItsParts(String kind) throws Exception {
        try (OutboxFixture f = new OutboxFixture(kind);
                OutboxFixture noAddress = new OutboxFixture(kind, "", 60_000, 120_000)) {
            ConsentService consent = mock(ConsentService.class);
            when(consent.hasOptedOut(eq("out@example.org"), eq(OptOut.MARKETING_EMAIL)))
                    .thenReturn(true);
            MailMessage toOptedOut = MailMessage.commercial("news.monthly", MailAddress.of("Out@Example.org"), "en")
                    .with("name", "Out")
                    .build();
            MailMessage toAna = MailMessage.commercial("news.monthly", MailAddress.of("ana@example.org"), "en")
                    .with("name", "Ana")
                    .build();

            // Without a consent service or unsubscribe parts nothing commercial goes.
            assertThrows(IllegalStateException.class, () -> f.mailer.queue(toAna));
            f.mailer.setOptional(PARTS, null);
            IllegalStateException noConsent = assertThrows(IllegalStateException.class, () -> f.mailer.queue(toAna));
            assertTrue(noConsent.getMessage().contains("consent"), noConsent.getMessage());
            f.mailer.setOptional(null, consent);
            assertThrows(IllegalStateException.class, () -> f.mailer.queue(toAna));
            noAddress.mailer.setOptional(PARTS, consent);
            IllegalStateException noPostal =
                    assertThrows(IllegalStateException.class, () -> noAddress.mailer.queue(toAna));
            assertTrue(noPostal.getMessage().contains("postal.address"), noPostal.getMessage());
            assertFalse(noAddress.mailer.mayReceiveCommercial("ana@example.org"));

            f.mailer.setOptional(PARTS, consent);
            MailRefusedException optedOut = assertThrows(MailRefusedException.class, () -> f.mailer.queue(toOptedOut));
            assertEquals(MailRefusedException.Reason.OPTED_OUT, optedOut.reason());
            assertFalse(f.mailer.mayReceiveCommercial("out@example.org"));

            f.db.inTransaction(em -> {
                f.store.suppress(em.unwrap(Connection.class), "ana@example.org", "hard bounces", 0);
                return null;
            });
            MailRefusedException suppressed = assertThrows(MailRefusedException.class, () -> f.mailer.queue(toAna));
            assertEquals(MailRefusedException.Reason.SUPPRESSED, suppressed.reason());
            assertEquals(0, f.count("1 = 1"));

            QueuedMail ok =
                    f.mailer.queue(MailMessage.commercial("news.monthly", MailAddress.of("bo@example.org"), "en")
                            .with("name", "Bo")
                            .build());
            assertTrue(f.mailer.mayReceiveCommercial("bo@example.org"));
            Map<String, Object> row = f.row(ok.id());
            assertTrue(
                    String.valueOf(row.get("headers")).contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
            Object text = f.db.rows("SELECT body_text FROM email_outbox WHERE id = " + ok.id())
                    .get(0)[0];
            assertTrue(String.valueOf(text).contains("postalAddress=1 Main St, Springfield"), String.valueOf(text));
            assertTrue(String.valueOf(text).contains("unsubscribeUrl="), String.valueOf(text));
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void aTemplateThatPutsALineBreakInTheSubjectIsRefused(String kind) throws Exception {
        try (OutboxFixture f = new OutboxFixture(kind)) {
            MailMessage bad = MailMessage.relationship("intake.confirmation", MailAddress.of("ana@example.org"), "en")
                    .with("subject", "Hi\r\nBcc: victim@example.org")
                    .build();
            MailRefusedException e = assertThrows(MailRefusedException.class, () -> f.mailer.queue(bad));
            assertEquals(MailRefusedException.Reason.TEMPLATE_FAILED, e.reason());
            assertTrue(e.getMessage().contains("line break"), e.getMessage());
            MailRefusedException unknown = assertThrows(
                    MailRefusedException.class,
                    () -> f.mailer.queue(MailMessage.relationship("unknown.type", MailAddress.of("a@b.org"), "en")
                            .build()));
            assertEquals(MailRefusedException.Reason.UNKNOWN_TYPE, unknown.reason());
            assertEquals(0, f.count("1 = 1"));
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void messagesWaitWithoutATransportAndEachGoesOnceWhenOneAppears(String kind) throws Exception {
        try (OutboxFixture f = new OutboxFixture(kind)) {
            for (int i = 0; i < 57; i++) {
                f.mailer.queue(confirmation("p" + i + "@example.org", "k" + i));
            }
            Sender sender = f.sender();
            sender.start();
            try {
                Thread.sleep(1_500);
                assertEquals(
                        57, f.count("status = 'queued' AND attempts = 0"), "nothing is claimed without a transport");
                OutboxFixture.RecordingTransport transport = new OutboxFixture.RecordingTransport();
                f.transport.set(transport);
                f.signal.wake();
                long end = System.currentTimeMillis() + 20_000;
                while (f.count("status = 'sent'") < 57 && System.currentTimeMillis() < end) {
                    Thread.sleep(50);
                }
            } finally {
                sender.stop();
            }
            assertEquals(57, f.count("status = 'sent' AND sent_at IS NOT NULL AND lease_until IS NULL"));
            OutboxFixture.RecordingTransport transport = (OutboxFixture.RecordingTransport) f.transport.get();
            Set<String> ids = new HashSet<>();
            for (OutgoingMail m : transport.sent) {
                assertTrue(ids.add(m.messageId()), "sent twice: " + m.messageId());
                assertEquals(1, m.attempt());
            }
            assertEquals(57, ids.size());
            List<ModuleTestDatabase.Event> events = f.db.committedEvents();
            assertEquals(
                    57,
                    events.stream().filter(e -> e.type().equals("email.sent")).count());
            assertFalse(events.get(0).payload().contains("@example.org"), "no address in the event log");
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void temporaryFailuresBackOffAndPermanentOnesAreGivenUp(String kind) throws Exception {
        try (OutboxFixture f = new OutboxFixture(kind)) {
            QueuedMail temp = f.mailer.queue(confirmation("t@example.org", "temp"));
            OutboxFixture.RecordingTransport transport = new OutboxFixture.RecordingTransport();
            f.transport.set(transport);
            Sender sender = f.sender();
            transport.failWith.set(new MailTransportException("421 try later <t@example.org>", false, null));
            long before = System.currentTimeMillis();
            assertEquals(1, sender.runOnce());
            Map<String, Object> row = f.row(temp.id());
            assertEquals("queued", row.get("status"));
            assertEquals(1, row.get("attempts"));
            assertTrue((long) row.get("next") >= before + 60_000, "due again after the first delay");
            assertEquals(0, sender.runOnce(), "not due yet");

            // Due again now (as if the delay had passed): the second attempt fails permanently.
            int updated = f.db.inTransaction(em -> em.createNativeQuery("UPDATE email_outbox SET next_attempt_at = 0")
                    .executeUpdate());
            assertEquals(1, updated);
            assertEquals(0L, f.row(temp.id()).get("next"), f.row(temp.id()).toString());
            transport.failWith.set(new MailTransportException("550 no such user", true, null));
            assertEquals(1, sender.runOnce());
            row = f.row(temp.id());
            assertEquals("failed", row.get("status"));
            assertEquals(2, row.get("attempts"));
            assertTrue(String.valueOf(row.get("error")).contains("550"));
            assertEquals(
                    List.of("email.failed"),
                    f.db.committedEvents().stream()
                            .map(ModuleTestDatabase.Event::type)
                            .toList());
            assertEquals(0, sender.runOnce());
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void backoffDoublesUpToItsLongestDelay(String kind) throws Exception {
        try (OutboxFixture f = new OutboxFixture(kind)) {
            assertEquals(60_000, f.settings.retryDelayMillis(1));
            assertEquals(120_000, f.settings.retryDelayMillis(2));
            assertEquals(240_000, f.settings.retryDelayMillis(3));
            assertEquals(480_000, f.settings.retryDelayMillis(4));
            assertEquals(480_000, f.settings.retryDelayMillis(9));
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void concurrentClaimsNeverShareAMessageAndALapsedClaimIsTakenAgain(String kind) throws Exception {
        try (OutboxFixture f = new OutboxFixture(kind)) {
            for (int i = 0; i < 30; i++) {
                f.mailer.queue(confirmation("c" + i + "@example.org", "c" + i));
            }
            long now = System.currentTimeMillis();
            // Node A claims inside a transaction that stays open while node B claims: B skips A's rows.
            List<OutgoingMail> b = new ArrayList<>();
            List<OutgoingMail> a = f.db.inTransaction(em -> {
                List<OutgoingMail> mine = f.store.claim(em.unwrap(Connection.class), "node-a", now, now + 1_000, 20);
                Thread other = new Thread(() -> b.addAll(f.db.inTransaction(
                        em2 -> f.store.claim(em2.unwrap(Connection.class), "node-b", now, now + 60_000, 20))));
                other.start();
                other.join(20_000);
                return mine;
            });
            assertEquals(20, a.size());
            assertEquals(10, b.size(), "B got the rows A did not hold");
            Set<Long> ids = new HashSet<>();
            a.forEach(m -> ids.add(m.outboxId()));
            b.forEach(m -> assertTrue(ids.add(m.outboxId()), "claimed by both: " + m.outboxId()));

            // Node A is killed: nobody takes its claims before the lease ends, node C takes them after it.
            List<OutgoingMail> early = f.db.inTransaction(
                    em -> f.store.claim(em.unwrap(Connection.class), "node-c", now + 500, now + 60_000, 50));
            assertEquals(0, early.size());
            List<OutgoingMail> late = f.db.inTransaction(
                    em -> f.store.claim(em.unwrap(Connection.class), "node-c", now + 1_001, now + 60_000, 50));
            assertEquals(20, late.size());
            for (int i = 0; i < 20; i++) {
                assertEquals(a.get(i).outboxId(), late.get(i).outboxId());
                assertEquals(a.get(i).messageId(), late.get(i).messageId(), "the same Message-ID the second time");
                assertEquals(2, late.get(i).attempt());
            }
            // A's late report changes nothing: the message is C's now.
            f.db.inTransaction(em -> {
                f.store.markSent(em.unwrap(Connection.class), List.of(a.get(0).outboxId()), "node-a", now);
                return null;
            });
            assertEquals("sending", f.row(a.get(0).outboxId()).get("status"));
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void senderThreadsClaimWindowsOfTheirOwnAndAnEmptyWindowFallsBackToTheFirstBatch(String kind) throws Exception {
        try (OutboxFixture f = new OutboxFixture(kind)) {
            for (int i = 0; i < 25; i++) {
                f.mailer.queue(confirmation("w" + i + "@example.org", "w" + i));
            }
            long now = System.currentTimeMillis();
            // Two threads of one node claim at the same moment (both transactions open): windows 0 and 10.
            List<OutgoingMail> second = new ArrayList<>();
            List<OutgoingMail> first = f.db.inTransaction(em -> {
                List<OutgoingMail> mine = f.store.claim(em.unwrap(Connection.class), "node", now, now + 60_000, 10, 0);
                Thread other = new Thread(() -> second.addAll(f.db.inTransaction(
                        em2 -> f.store.claim(em2.unwrap(Connection.class), "node", now, now + 60_000, 10, 10))));
                other.start();
                other.join(20_000);
                return mine;
            });
            assertEquals(10, first.size());
            assertEquals(10, second.size());
            Set<Long> ids = new HashSet<>();
            first.forEach(m -> ids.add(m.outboxId()));
            second.forEach(m -> assertTrue(ids.add(m.outboxId()), "claimed twice: " + m.outboxId()));
            assertEquals(20, f.count("status = 'sending' AND attempts = 1"));

            // Five are left: the third thread's window (from the 20th due message on) is empty now, so it
            // takes the first batch; the messages claimed are not claimed again.
            OutboxFixture.RecordingTransport transport = new OutboxFixture.RecordingTransport();
            f.transport.set(transport);
            assertEquals(5, f.sender().runOnce(2));
            assertEquals(0, f.sender().runOnce(2));
            assertEquals(5, f.count("status = 'sent'"));
            transport.sent.forEach(m -> assertTrue(ids.add(m.outboxId()), "sent one claimed: " + m.outboxId()));
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void exportListsAPersonsMessagesAndErasureRemovesTheirContentAndAddress(String kind) throws Exception {
        try (OutboxFixture f = new OutboxFixture(kind)) {
            f.mailer.queue(confirmation("ana@example.org", "a1"));
            f.mailer.queue(MailMessage.relationship("directory.lead", MailAddress.of("pro@solar.example"), "en")
                    .with("name", "Ana's lead")
                    .about("ana@example.org")
                    .build());
            f.mailer.queue(confirmation("bo@example.org", "b1"));
            OutboxPersonalData data = new OutboxPersonalData(f.db);
            List<PersonalRecord> records = data.export("ANA@example.org ");
            assertEquals(2, records.size());
            assertEquals("email.message", records.get(0).kind());
            assertEquals("intake.confirmation", records.get(0).fields().get("Message"));
            assertEquals("Hello Ana", records.get(0).fields().get("Subject"));
            assertEquals("directory.lead", records.get(1).fields().get("Message"));

            assertEquals(2, data.erase("ana@example.org"));
            assertEquals(List.of(), data.export("ana@example.org"));
            assertEquals(
                    0, f.count("(recipient <> 'bo@example.org' AND body_text <> '') OR recipient = 'ana@example.org'"));
            assertEquals(2, f.count("status = 'cancelled'"), "not sent after the erasure");
            assertEquals(1, data.export("bo@example.org").size(), "others keep theirs");
        }
    }
}
