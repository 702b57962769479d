package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cec.portal.itests.support.PostgresSchema;
import org.cec.portal.itests.support.TestSmtp;
import org.junit.jupiter.api.Test;

/**
 * Two portal nodes on one PostgreSQL schema send the same outbox: 200 confirmations queued while no
 * transport is configured (on both nodes' submissions) arrive exactly once each when both nodes get
 * the SMTP transport at the same time, and both nodes took part (their claims skip each other's rows).
 */
class EmailOutboxPostgresDistributionIT {

    @Test
    void twoNodesSendingOneOutboxSendEachMessageOnce() throws Exception {
        PostgresSchema db = PostgresSchema.create("emailpg");
        try (TestSmtp smtp = TestSmtp.start();
                EmailOutboxDistributionIT.SlowProxy slow = EmailOutboxDistributionIT.SlowProxy.to(smtp.port(), 10)) {
            RunningPortal a = node("a", db);
            RunningPortal b = node("b", db);
            try {
                for (int i = 1; i <= 200; i++) {
                    RunningPortal via = i % 2 == 0 ? a : b;
                    String json = "{\"name\":\"Node Person " + i + "\",\"email\":\"node" + i
                            + "@outbox.test\",\"phone\":\"+1 415 555 0134\",\"city\":\"Oakland\",\"zip\":\"94607\","
                            + "\"services\":[\"ev-charger\"],\"ageConfirmed\":true}";
                    HttpResponse<String> r = via.send(HttpRequest.newBuilder(via.uri("/api/v1/requests"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(json)));
                    assertEquals(201, r.statusCode(), r.body());
                }
                // Every confirmation is queued (once: the consumers are claimed across nodes) before any goes.
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (count(db, "SELECT COUNT(*) FROM email_outbox WHERE status = 'queued'") < 200) {
                    assertTrue(System.nanoTime() < deadline, "not all 200 were queued");
                    Thread.sleep(200);
                }
                Thread.sleep(1_000);
                assertEquals(200, count(db, "SELECT COUNT(*) FROM email_outbox"));
                assertEquals(0, smtp.received().size());

                String cfg = "host=127.0.0.1\nport=" + slow.port() + "\nstarttls=false\nfrom=portal@cec-portal.test\n";
                for (RunningPortal p : List.of(a, b)) {
                    Path tmp = p.home.resolve("etc/" + TestSmtp.PID + ".cfg.tmp");
                    Files.writeString(tmp, cfg);
                    Files.move(tmp, p.home.resolve("etc/" + TestSmtp.PID + ".cfg"), StandardCopyOption.ATOMIC_MOVE);
                }
                smtp.await(200, Duration.ofSeconds(120));
                deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (count(db, "SELECT COUNT(*) FROM email_outbox WHERE status = 'sent'") < 200) {
                    assertTrue(System.nanoTime() < deadline, "not all 200 were marked sent");
                    Thread.sleep(200);
                }
                Thread.sleep(2_000);
                List<MimeMessage> all = smtp.received();
                assertEquals(200, all.size(), "each message once");
                Map<String, Integer> byRecipient = new HashMap<>();
                Set<String> ids = new HashSet<>();
                for (MimeMessage m : all) {
                    byRecipient.merge(
                            ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress(),
                            1,
                            Integer::sum);
                    ids.add(m.getMessageID());
                }
                assertEquals(200, byRecipient.size());
                assertEquals(200, ids.size());
                assertEquals(
                        2,
                        count(db, "SELECT COUNT(DISTINCT claimed_by) FROM email_outbox"),
                        "both nodes sent part of the outbox");
            } finally {
                a.close();
                b.close();
            }
        } finally {
            db.drop();
        }
    }

    private static RunningPortal node(String name, PostgresSchema db) throws Exception {
        return RunningPortal.start("email-pg-" + name, home -> {
            Files.writeString(home.resolve("etc/org.cec.portal.platform.database.cfg"), db.platformConfiguration());
            Files.writeString(home.resolve("etc/org.cec.portal.intake.cfg"), "rateLimit.posts=5000\n");
            Files.writeString(home.resolve("etc/org.cec.portal.email.cfg"), "sender.batch=5\n");
        });
    }

    private static long count(PostgresSchema db, String sql) throws Exception {
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
