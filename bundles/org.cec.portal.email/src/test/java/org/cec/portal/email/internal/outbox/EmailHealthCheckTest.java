package org.cec.portal.email.internal.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Email health check: WARN without a transport, while sending is behind, after failures. */
class EmailHealthCheckTest {

    private static String messages(Result r) {
        List<String> lines = new ArrayList<>();
        for (ResultLog.Entry e : r) {
            lines.add(e.getStatus() + " " + e.getMessage());
        }
        return String.join("\n", lines);
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void warnsWithoutATransportWhileBehindAndAfterFailures(String kind) throws Exception {
        try (OutboxFixture f = new OutboxFixture(kind)) {
            f.mailer.queue(MailMessages.confirmation("ana@example.org"));
            OutboxSender sender = new OutboxSender(f.db, f.db, f.settings, f.signal);
            try {
                EmailHealthCheck check = new EmailHealthCheck(f.db, sender);
                Result none = check.execute();
                assertEquals(Result.Status.WARN, none.getStatus(), messages(none));
                assertTrue(messages(none).contains("No mail transport: 1 message(s) wait"), messages(none));

                // Due for ten minutes and not going: behind.
                f.db.inTransaction(em -> em.createNativeQuery(
                                "UPDATE email_outbox SET next_attempt_at = " + (System.currentTimeMillis() - 600_000))
                        .executeUpdate());
                sender.deactivate(); // the check reads the outbox; nothing may send it meanwhile
                sender.bindTransport(new org.cec.portal.api.email.MailTransport() {
                    @Override
                    public String describe() {
                        return "test";
                    }

                    @Override
                    public void send(org.cec.portal.api.email.OutgoingMail mail) {
                        throw new IllegalStateException("never called: the test only asks the check");
                    }
                });
                Result behind = check.execute();
                assertEquals(Result.Status.WARN, behind.getStatus(), messages(behind));
                assertTrue(messages(behind).contains("oldest waits for 10 minute(s)"), messages(behind));

                f.db.inTransaction(em -> em.createNativeQuery(
                                "UPDATE email_outbox SET status = 'failed', failed_at = " + System.currentTimeMillis())
                        .executeUpdate());
                Result failed = check.execute();
                assertEquals(Result.Status.WARN, failed.getStatus(), messages(failed));
                assertTrue(messages(failed).contains("1 message(s) were given up"), messages(failed));

                f.db.inTransaction(em -> em.createNativeQuery("UPDATE email_outbox SET status = 'sent', sent_at = 1")
                        .executeUpdate());
                Result ok = check.execute();
                assertEquals(Result.Status.OK, ok.getStatus(), messages(ok));
            } finally {
                sender.deactivate();
            }
        }
    }

    /** Messages for the checks. */
    static final class MailMessages {
        static org.cec.portal.api.email.MailMessage confirmation(String to) {
            return org.cec.portal.api.email.MailMessage.relationship(
                            "intake.confirmation", org.cec.portal.api.email.MailAddress.of(to), "en")
                    .with("name", "Ana")
                    .build();
        }
    }
}
