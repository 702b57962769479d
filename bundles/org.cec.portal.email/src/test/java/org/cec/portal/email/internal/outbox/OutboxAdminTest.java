package org.cec.portal.email.internal.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.consent.ConsentService;
import org.cec.portal.api.email.MailAddress;
import org.cec.portal.api.email.MailMessage;
import org.cec.portal.api.email.MailRefusedException;
import org.cec.portal.api.email.MailTransportException;
import org.cec.portal.api.email.QueuedMail;
import org.cec.portal.email.internal.CommercialParts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the console does to the outbox, on H2 and PostgreSQL: list, filter, page, retry now, cancel, suppression. */
class OutboxAdminTest {

    private static MailMessage mail(String to) {
        return MailMessage.relationship("intake.confirmation", new MailAddress(to, "Ana"), "en")
                .with("name", "Ana")
                .build();
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void listsNewestFirstFilteredAndPagedAndRetriesAndCancels(String kind) throws Exception {
        try (OutboxFixture f = new OutboxFixture(kind)) {
            OutboxAdmin admin = new OutboxAdmin(f.db, f.signal, f.store, Clock.systemUTC());
            QueuedMail a = f.mailer.queue(mail("ana@example.org"));
            QueuedMail b = f.mailer.queue(mail("ANA_x@example.org"));
            QueuedMail c = f.mailer.queue(mail("bo@example.org"));

            OutboxAdmin.Page all = admin.messages(Optional.empty(), "", 0, 10);
            assertEquals(3, all.total());
            assertEquals(
                    List.of(c.id(), b.id(), a.id()),
                    all.messages().stream().map(OutboxAdmin.Message::id).toList());
            OutboxAdmin.Page second = admin.messages(Optional.empty(), "", 1, 1);
            assertEquals(
                    List.of(b.id()),
                    second.messages().stream().map(OutboxAdmin.Message::id).toList());
            assertEquals(2, admin.messages(Optional.empty(), "Ana", 0, 10).total());
            // _ and % are literal in the prefix
            assertEquals(1, admin.messages(Optional.empty(), "ana_", 0, 10).total());
            assertEquals(0, admin.messages(Optional.empty(), "an%", 0, 10).total());
            assertEquals(3, admin.messages(Optional.of("queued"), "", 0, 10).total());
            assertEquals(0, admin.messages(Optional.of("sent"), "", 0, 10).total());

            assertEquals(OutboxAdmin.Change.DONE, admin.cancel(b.id()));
            assertEquals(OutboxAdmin.Change.NOT_POSSIBLE, admin.cancel(b.id()), "cancelled already");
            assertEquals(OutboxAdmin.Change.NOT_POSSIBLE, admin.retryNow(b.id()), "a cancelled one stays");
            assertEquals(OutboxAdmin.Change.UNKNOWN, admin.cancel(999_999));
            assertEquals(OutboxAdmin.Change.UNKNOWN, admin.retryNow(999_999));

            OutboxFixture.RecordingTransport transport = new OutboxFixture.RecordingTransport();
            f.transport.set(transport);
            transport.failWith.set(new MailTransportException("550 no such user", true, null));
            Sender sender = f.sender();
            assertEquals(2, sender.runOnce());
            assertEquals(2, admin.messages(Optional.of("failed"), "", 0, 10).total());
            OutboxAdmin.Message failed = admin.messages(Optional.of("failed"), "bo", 0, 10)
                    .messages()
                    .get(0);
            assertTrue(failed.lastError().contains("550"), failed.toString());
            assertEquals(1, failed.attempts());

            transport.failWith.set(null);
            assertEquals(OutboxAdmin.Change.DONE, admin.retryNow(c.id()));
            assertEquals(1, sender.runOnce());
            assertEquals(
                    List.of("bo@example.org"),
                    transport.sent.stream().map(m -> m.to().address()).toList());
            assertEquals(OutboxAdmin.Change.NOT_POSSIBLE, admin.cancel(c.id()), "sent");
            List<OutboxAdmin.Message> sent = admin.lastSent(5);
            assertEquals(1, sent.size());
            assertEquals("Hello Ana", sent.get(0).subject());
            assertTrue(sent.get(0).text().contains("Text for Ana"));
            assertTrue(sent.get(0).html().startsWith("<p>"));
            assertNull(
                    admin.messages(Optional.empty(), "", 0, 10)
                            .messages()
                            .get(0)
                            .text(),
                    "no parts in the list");
            assertEquals(0, sender.runOnce(), "the cancelled one never goes");
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void suppressionListAddsAndRemovesAndDecidesWhetherCommercialMailIsQueued(String kind) throws Exception {
        try (OutboxFixture f = new OutboxFixture(kind)) {
            OutboxAdmin admin = new OutboxAdmin(f.db, f.signal, f.store, Clock.systemUTC());
            f.mailer.setOptional(
                    (recipient, language) -> new CommercialParts.Parts(
                            Map.of("unsubscribeUrl", "https://portal.example.org/email/unsubscribe/t"),
                            Map.of("List-Unsubscribe", "<https://portal.example.org/email/unsubscribe/t>")),
                    mock(ConsentService.class));
            MailMessage promo = MailMessage.commercial("news.monthly", MailAddress.of("Ana@Example.org"), "en")
                    .with("name", "Ana")
                    .build();
            assertTrue(admin.suppress("ana@example.org", "added in the console"));
            MailRefusedException refused = assertThrows(MailRefusedException.class, () -> f.mailer.queue(promo));
            assertEquals(MailRefusedException.Reason.SUPPRESSED, refused.reason());
            assertFalse(f.mailer.mayReceiveCommercial("ana@example.org"));
            assertTrue(admin.unsuppress("ana@example.org"));
            assertTrue(f.mailer.mayReceiveCommercial("ana@example.org"));
            assertEquals(0, admin.messages(Optional.empty(), "", 0, 1).total());
            f.mailer.queue(promo);
            assertEquals(
                    "commercial",
                    admin.messages(Optional.empty(), "ana", 0, 1)
                            .messages()
                            .get(0)
                            .kind());
            assertTrue(admin.suppress("ana@example.org", "added in the console"));
            assertFalse(admin.suppress("ana@example.org", "again"));
            assertEquals(
                    List.of("ana@example.org"),
                    admin.suppressions(10).stream()
                            .map(OutboxAdmin.Suppressed::address)
                            .toList());
            assertTrue(admin.unsuppress("ana@example.org"));
            assertFalse(admin.unsuppress("ana@example.org"));
            assertTrue(admin.suppressions(10).isEmpty());
        }
    }
}
