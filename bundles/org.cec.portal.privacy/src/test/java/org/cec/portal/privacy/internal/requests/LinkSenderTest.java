package org.cec.portal.privacy.internal.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.cec.portal.api.email.MailMessage;
import org.cec.portal.api.privacy.PersonalDataProvider;
import org.cec.portal.api.privacy.PersonalRecord;
import org.cec.portal.privacy.internal.RecordingMailer;
import org.cec.portal.privacy.internal.data.PersonalData;
import org.cec.portal.privacy.internal.data.ProviderReferences;
import org.cec.portal.privacy.internal.requests.RequestLog.Row;
import org.cec.portal.privacy.internal.requests.RequestLog.Status;
import org.cec.portal.testing.ModuleTestDatabase;
import org.cec.portal.testing.TestCookieProtection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The link and its request row, on H2 and PostgreSQL. */
class LinkSenderTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    static List<String> kinds() {
        return ModuleTestDatabase.kinds();
    }

    private static PersonalData holdingAda() {
        PersonalData data = new PersonalData();
        PersonalDataProvider intake = new PersonalDataProvider() {
            @Override
            public String area() {
                return "intake";
            }

            @Override
            public List<PersonalRecord> export(String email) {
                return email.equals("ada@example.com")
                        ? List.of(new PersonalRecord("intake.request", NOW, Map.of("name", "Ada")))
                        : List.of();
            }

            @Override
            public int erase(String email) {
                return 0;
            }
        };
        data.addProvider(ProviderReferences.reference(1L), intake);
        return data;
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aKnownAddressGetsARequestAndItsLinkAnUnknownOneNothing(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "privacy")) {
            RecordingMailer mailer = new RecordingMailer();
            MyDataLinks links = new MyDataLinks(TestCookieProtection.random());
            LinkSender sender = new LinkSender(db, holdingAda(), links, mailer, Clock.fixed(NOW, ZoneOffset.UTC));

            assertEquals(0, sender.send("nobody@example.com", "en"));
            assertEquals(List.of(), mailer.queued);
            assertEquals(
                    0L,
                    ((Number) db.rows("SELECT COUNT(*) FROM privacy_request").get(0)[0]).longValue());

            long id = sender.send("ada@example.com", "es");
            assertTrue(id > 0);
            MailMessage mail = mailer.queued.get(0);
            assertEquals(LinkSender.TYPE, mail.type());
            assertEquals("es", mail.language());
            assertEquals("ada@example.com", mail.to().address());
            String path = (String) mail.model().get("linkPath");
            assertTrue(path.startsWith(MyDataLinks.PATH), path);
            MyDataLinks.Link link =
                    links.read(path.substring(MyDataLinks.PATH.length())).orElseThrow();
            assertEquals(id, link.requestId());
            assertEquals("ada@example.com", link.email());

            RequestLog log = new RequestLog();
            Row row = db.read(em -> log.find(em.unwrap(Connection.class), id)).orElseThrow();
            assertEquals(Status.LINK_SENT, row.status());
            assertEquals(NOW.plus(RequestLog.DUE_AFTER), row.dueAt(), "due 45 days after receipt");
            List<Object[]> columns = db.rows("SELECT COUNT(*) FROM information_schema.columns WHERE"
                    + " LOWER(table_name) = 'privacy_request' AND (LOWER(column_name) LIKE '%mail%'"
                    + " OR LOWER(column_name) LIKE '%name%')");
            assertEquals(0L, ((Number) columns.get(0)[0]).longValue(), "the row holds no personal data");

            db.inTransaction(em -> {
                log.viewed(em.unwrap(Connection.class), id, NOW);
                return null;
            });
            boolean first = db.inTransaction(em -> log.erased(em.unwrap(Connection.class), id, NOW, 3));
            boolean second = db.inTransaction(em -> log.erased(em.unwrap(Connection.class), id, NOW, 3));
            assertTrue(first);
            assertEquals(false, second, "erased once only");
            assertEquals(
                    Status.ERASED,
                    db.read(em -> log.find(em.unwrap(Connection.class), id))
                            .orElseThrow()
                            .status());
        }
    }
}
