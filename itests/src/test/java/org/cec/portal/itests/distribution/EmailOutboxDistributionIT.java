package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cec.portal.itests.support.TestSmtp;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, acceptance 2 for SMTP, against the distribution with a real SMTP server (GreenMail): with no
 * transport configured, 100 submissions queue 100 confirmations and nothing is sent; once {@code
 * org.cec.portal.email.smtp} is configured at runtime all 100 arrive, none twice. Then 200 more are
 * queued, the transport is pointed at a slowed-down connection to the server, and the portal is killed
 * ({@code kill -9}) while it sends: after the restart every message arrives, and a message that arrived
 * twice (it was in flight at the kill) has the same {@code Message-ID} both times. Also acceptance 6
 * end to end: a name with a line break never reaches a mail header.
 */
class EmailOutboxDistributionIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int THREADS = 4;
    private static final int BATCH = 5;

    @Test
    void messagesWaitForATransportThenArriveOnceAndAKillInTheMiddleOfSendingLosesNone() throws Exception {
        try (TestSmtp smtp = TestSmtp.start();
                SlowProxy slow = SlowProxy.to(smtp.port(), 15)) {
            RunningPortal portal = RunningPortal.start("email-outbox", home -> {
                Files.writeString(home.resolve("etc/org.cec.portal.intake.cfg"), "rateLimit.posts=5000\n");
                Files.writeString(
                        home.resolve("etc/org.cec.portal.email.cfg"),
                        "lease.seconds=10\nsender.threads=" + THREADS + "\nsender.batch=" + BATCH + "\n");
            });
            try {
                // ---- no transport: everything waits ----
                for (int i = 1; i <= 100; i++) {
                    submit(portal, "Wait Person " + i, "wait" + i + "@outbox.test");
                }
                // An attempted header injection through the name: a clear 400, nothing queued.
                HttpResponse<String> injected = post(portal, "Eve\\r\\nBcc: victim@evil.test", "eve@outbox.test");
                assertEquals(400, injected.statusCode(), injected.body());
                assertTrue(injected.body().contains("name"), injected.body());
                Thread.sleep(3_000);
                assertEquals(0, smtp.received().size(), "nothing leaves without a transport");

                // ---- the SMTP transport configured at runtime: all 100 arrive, none twice ----
                Path cfg = writeSmtpConfig(portal, smtp.port());
                List<MimeMessage> first = smtp.await(100, WAIT);
                Thread.sleep(2_000);
                Map<String, Integer> byRecipient = byRecipient(smtp.received());
                for (int i = 1; i <= 100; i++) {
                    assertEquals(1, byRecipient.getOrDefault("wait" + i + "@outbox.test", 0), "wait" + i);
                }
                assertEquals(first.size(), smtp.received().size(), "nothing more, nothing twice");
                for (MimeMessage m : smtp.received()) {
                    for (String h : List.of("To", "Subject", "From")) {
                        for (String value : headerValues(m, h)) {
                            assertFalse(value.toLowerCase().contains("bcc:"), h + ": " + value);
                        }
                    }
                    assertEquals(null, m.getHeader("Bcc"));
                }
                assertEquals(
                        1,
                        smtp.countByMessageId().values().stream()
                                .mapToInt(Integer::intValue)
                                .max()
                                .orElse(0));

                // ---- the transport goes: 200 more wait ----
                Files.delete(cfg);
                Thread.sleep(3_000); // FileInstall polls every second; the transport is unregistered
                smtp.clear();
                for (int i = 1; i <= 200; i++) {
                    submit(portal, "Kill Person " + i, "kill" + i + "@outbox.test");
                }
                Thread.sleep(2_000);
                assertEquals(0, smtp.received().size(), "the transport is gone: nothing is sent");

                // ---- sending through a slow connection, killed in the middle ----
                writeSmtpConfig(portal, slow.port());
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (smtp.received().size() < 20) {
                    assertTrue(System.nanoTime() < deadline, "sending did not start");
                    Thread.sleep(20);
                }
                portal.kill();
                int atKill = smtp.received().size();
                assertTrue(atKill < 200, "killed in the middle of sending (" + atKill + " had arrived)");

                portal = portal.restart();
                deadline = System.nanoTime() + WAIT.toNanos();
                while (byRecipient(smtp.received()).size() < 200) {
                    assertTrue(
                            System.nanoTime() < deadline,
                            "after the restart only "
                                    + byRecipient(smtp.received()).size() + " of 200 arrived");
                    Thread.sleep(200);
                }
                Thread.sleep(3_000);
                List<MimeMessage> all = smtp.received();
                Map<String, Set<String>> idsByRecipient = new HashMap<>();
                for (MimeMessage m : all) {
                    idsByRecipient
                            .computeIfAbsent(recipient(m), r -> new HashSet<>())
                            .add(m.getMessageID());
                }
                for (int i = 1; i <= 200; i++) {
                    Set<String> ids = idsByRecipient.get("kill" + i + "@outbox.test");
                    assertEquals(1, ids == null ? 0 : ids.size(), "kill" + i + ": one message, one Message-ID " + ids);
                }
                int duplicates = all.size() - 200;
                System.out.println("EmailOutboxDistributionIT: " + atKill + " of 200 had arrived at the kill, "
                        + duplicates + " arrived twice (in flight at the kill)");
                assertTrue(
                        duplicates <= THREADS * BATCH,
                        duplicates + " duplicates: more than the " + THREADS * BATCH + " messages in flight");
                assertEquals(143, portal.terminate(Duration.ofSeconds(60)));
                String log = portal.output();
                assertFalse(log.contains("@outbox.test"), "no address in the log");
            } finally {
                portal.close();
            }
        }
    }

    private static Path writeSmtpConfig(RunningPortal portal, int port) throws IOException {
        Path etc = portal.home.resolve("etc");
        Path tmp = etc.resolve(TestSmtp.PID + ".cfg.tmp");
        Files.writeString(tmp, "host=127.0.0.1\nport=" + port + "\nstarttls=false\nfrom=portal@cec-portal.test\n");
        Path cfg = etc.resolve(TestSmtp.PID + ".cfg");
        Files.move(tmp, cfg, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return cfg;
    }

    private static void submit(RunningPortal portal, String name, String email) throws Exception {
        HttpResponse<String> r = post(portal, name, email);
        assertEquals(201, r.statusCode(), r.body());
    }

    private static HttpResponse<String> post(RunningPortal portal, String name, String email) throws Exception {
        String json = "{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"phone\":\"+1 415 555 0134\","
                + "\"city\":\"Oakland\",\"zip\":\"94607\",\"services\":[\"ev-charger\"],\"ageConfirmed\":true}";
        return portal.send(HttpRequest.newBuilder(portal.uri("/api/v1/requests"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static String recipient(MimeMessage m) throws MessagingException {
        return ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
    }

    private static Map<String, Integer> byRecipient(List<MimeMessage> messages) throws MessagingException {
        Map<String, Integer> counts = new HashMap<>();
        for (MimeMessage m : messages) {
            counts.merge(recipient(m), 1, Integer::sum);
        }
        return counts;
    }

    private static List<String> headerValues(MimeMessage m, String name) throws MessagingException {
        String[] values = m.getHeader(name);
        return values == null ? List.of() : List.of(values);
    }

    /** Forwards to the SMTP server, holding each chunk the client sends for a while: sending takes seconds. */
    static final class SlowProxy implements AutoCloseable {
        private final ServerSocket server;
        private final int target;
        private final long delayMillis;

        private SlowProxy(int target, long delayMillis) throws IOException {
            this.target = target;
            this.delayMillis = delayMillis;
            this.server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread acceptor = new Thread(this::accept, "slow-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        static SlowProxy to(int target, long delayMillis) throws IOException {
            return new SlowProxy(target, delayMillis);
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    pump(client, upstream, delayMillis);
                    pump(upstream, client, 0);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void pump(Socket from, Socket to, long delay) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (InputStream in = from.getInputStream();
                        OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        if (delay > 0) {
                            Thread.sleep(delay);
                        }
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // one side closed
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException ignored) {
                        // closing anyway
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
