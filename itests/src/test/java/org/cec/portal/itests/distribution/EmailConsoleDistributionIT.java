package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cec.portal.itests.support.TestSmtp;
import org.junit.jupiter.api.Test;

/**
 * The console page "Email" over real HTTP with the first admin's credentials and a real SMTP server
 * (GreenMail): confirmations queued with no transport wait on the page; one is cancelled; with SMTP
 * pointed at a closed port the others fail (one attempt allowed) and show their error; with SMTP
 * pointed at GreenMail a retry sends them, and the cancelled one never arrives; the last sent message
 * is shown rendered, its HTML part in a sandboxed iframe; the suppression list takes an address
 * (normalised) and gives it back, audited without the address; bad input gets 400 with a reason.
 */
class EmailConsoleDistributionIT {

    private static final String PAGE = "/system/console/email";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern ROW = Pattern.compile(
            "<tr id=\"email-row-(\\d+)\"><td>\\d+</td><td>[^<]*</td><td>([^<]+)</td>.*?<td class=\"email-status\">([a-z]+)</td>");

    private RunningPortal portal;
    private String admin;

    @Test
    void staffSeeWaitingMessagesCancelAndRetryThemAndEditTheSuppressionList() throws Exception {
        try (TestSmtp smtp = TestSmtp.start()) {
            portal = RunningPortal.start(
                    "email-console",
                    home -> Files.writeString(
                            home.resolve("etc/org.cec.portal.email.cfg"), "retry.attempts=1\nretry.delay.seconds=1\n"));
            try {
                admin = portal.adminAuthorization();
                awaitPage(PAGE, body -> true);

                // ---- no transport: three confirmations wait ----
                for (String who : List.of("a", "b", "c")) {
                    submit("Console Person " + who, "console-" + who + "@mail.test");
                }
                String waiting = awaitPage(
                        PAGE + "?to=Console-&status=queued", body -> rows(body).size() == 3);
                assertTrue(waiting.contains("3 message(s)"), waiting);
                assertTrue(waiting.contains("intake.confirmation") && waiting.contains("relationship"), waiting);
                long a = idOf(waiting, "console-a@mail.test");
                long b = idOf(waiting, "console-b@mail.test");
                long c = idOf(waiting, "console-c@mail.test");

                // ---- bad input: 400 with the reason ----
                assertRefused(post("action", "cancel", "id", "abc"), "id must be the number");
                assertRefused(post("action", "cancel", "id", "999999999"), "No message 999999999");
                assertRefused(post("action", "explode"), "Unknown action");
                assertRefused(get(PAGE + "?page=x"), "page must be a number");
                assertRefused(get(PAGE + "?page=7"), "page must be a number from 0 to 0");
                assertRefused(get(PAGE + "?status=lost"), "status must be one of");
                assertRefused(post("action", "suppress", "address", "not an address"), "address must be");

                // ---- what the page shows again is escaped ----
                String script = "<script>alert(1)</script>";
                String echoed = console(PAGE + "?to=" + URLEncoder.encode(script, StandardCharsets.UTF_8) + "&message="
                        + URLEncoder.encode(script, StandardCharsets.UTF_8));
                assertTrue(echoed.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""), echoed);
                // a message is a key of the page's texts: anything else in the address is not shown
                assertFalse(echoed.contains("id=\"email-message\""), echoed);
                assertFalse(echoed.contains(script), echoed);

                // ---- cancel one: it is never sent ----
                assertEquals(
                        303, post("action", "cancel", "id", Long.toString(b)).statusCode());
                assertRefused(post("action", "cancel", "id", Long.toString(b)), "only a queued message");
                assertEquals("cancelled", statusOf(console(PAGE + "?to=console-b"), b));

                // ---- SMTP at a closed port: the others fail after their one attempt ----
                Path cfg = writeSmtpConfig(closedPort());
                String failed = awaitPage(
                        PAGE + "?to=console-&status=failed", body -> rows(body).size() == 2);
                assertEquals("failed", statusOf(failed, a));
                assertEquals("failed", statusOf(failed, c));
                assertTrue(failed.contains("Retry now"), failed);
                assertEquals(0, smtp.received().size());

                // ---- SMTP at GreenMail: a retry sends them; the cancelled one never arrives ----
                writeSmtpConfig(smtp.port());
                Thread.sleep(3_000); // FileInstall polls every second; the transport is replaced
                retryUntilSent(smtp, a, "console-a@mail.test");
                retryUntilSent(smtp, c, "console-c@mail.test");
                Thread.sleep(2_000);
                assertEquals(1, smtp.to("console-a@mail.test").size());
                assertEquals(1, smtp.to("console-c@mail.test").size());
                assertEquals(0, smtp.to("console-b@mail.test").size(), "the cancelled message is never sent");
                String sentPage = awaitPage(
                        PAGE + "?to=console-&status=sent", body -> rows(body).size() == 2);
                assertFalse(sentPage.contains("Retry now"), "a sent message cannot be retried");
                assertRefused(post("action", "retry", "id", Long.toString(a)), "only those can be retried");
                assertEquals(2, smtp.received().size());

                // ---- the last sent, rendered: text, and HTML sandboxed ----
                String last = console(PAGE + "?view=sent");
                assertTrue(last.contains("id=\"email-sent-" + a + "\""), last);
                assertTrue(last.contains("<pre class=\"email-text\">"), last);
                assertTrue(last.contains("<iframe sandbox=\"\""), last);
                Matcher srcdoc = Pattern.compile("srcdoc=\"([^\"]*)\"").matcher(last);
                assertTrue(srcdoc.find(), last);
                assertTrue(srcdoc.group(1).contains("&lt;"), "the HTML part is escaped into the attribute");
                assertFalse(srcdoc.group(1).contains("<"), srcdoc.group(1));

                // ---- the suppression list: add (normalised), remove, audited without the address ----
                assertEquals(
                        303,
                        post("action", "suppress", "address", "  Console-S@Mail.TEST ")
                                .statusCode());
                String list = console(PAGE + "?view=suppression");
                assertTrue(list.contains("<td>console-s@mail.test</td>"), list);
                assertTrue(list.contains("added in the console"), list);
                assertEquals(
                        303,
                        post("action", "suppress", "address", "console-s@mail.test")
                                .statusCode());
                assertEquals(
                        303,
                        post("action", "unsuppress", "address", "CONSOLE-S@mail.test")
                                .statusCode());
                assertFalse(console(PAGE + "?view=suppression").contains("console-s@mail.test"));
                assertRefused(post("action", "unsuppress", "address", "console-s@mail.test"), "not on the suppression");

                // ---- a cross-site post is refused by the console ----
                HttpResponse<String> crossSite = portal.send(HttpRequest.newBuilder(portal.uri(PAGE))
                        .header("Authorization", admin)
                        .header("Origin", "https://elsewhere.example")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                Http.form("action", "suppress", "address", "x@mail.test"))));
                assertEquals(403, crossSite.statusCode(), crossSite.body());
                assertFalse(console(PAGE + "?view=suppression").contains("x@mail.test"));

                Files.delete(cfg);
                String log = portal.output();
                assertTrue(log.contains("An address was added to the suppression list in the console"), log);
                assertTrue(log.contains("An address was removed from the suppression list in the console"), log);
                assertFalse(log.toLowerCase().contains("console-s@mail.test"), "no address in the log");
            } finally {
                portal.close();
            }
        }
    }

    /** Retries the failed message until it arrives (the closed-port transport may still be the one in use). */
    private void retryUntilSent(TestSmtp smtp, long id, String recipient) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (smtp.to(recipient).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, recipient + " never arrived");
            String status = statusOf(console(PAGE + "?to=" + recipient), id);
            if (status.equals("failed")) {
                assertEquals(
                        303, post("action", "retry", "id", Long.toString(id)).statusCode());
            }
            Thread.sleep(500);
        }
    }

    private static List<String[]> rows(String body) {
        Matcher m = ROW.matcher(body);
        List<String[]> rows = new java.util.ArrayList<>();
        while (m.find()) {
            rows.add(new String[] {m.group(1), m.group(2), m.group(3)});
        }
        return rows;
    }

    private static long idOf(String body, String recipient) {
        return rows(body).stream()
                .filter(r -> r[1].equals(recipient))
                .map(r -> Long.parseLong(r[0]))
                .findFirst()
                .orElseThrow(() -> new AssertionError(recipient + " not listed: " + body));
    }

    private static String statusOf(String body, long id) {
        return rows(body).stream()
                .filter(r -> r[0].equals(Long.toString(id)))
                .map(r -> r[2])
                .findFirst()
                .orElseThrow(() -> new AssertionError(id + " not listed: " + body));
    }

    private static void assertRefused(HttpResponse<String> r, String reason) {
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains(reason), reason + " in " + r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), r.body());
    }

    private String awaitPage(String path, Predicate<String> ready) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            HttpResponse<String> r = get(path);
            if (r.statusCode() == 200 && ready.test(r.body())) {
                return r.body();
            }
            if (System.nanoTime() > deadline) {
                fail(path + " did not show what was expected: " + r.statusCode() + " " + r.body());
            }
            Thread.sleep(250);
        }
    }

    private Path writeSmtpConfig(int port) throws IOException {
        Path etc = portal.home.resolve("etc");
        Path tmp = etc.resolve(TestSmtp.PID + ".cfg.tmp");
        Files.writeString(tmp, "host=127.0.0.1\nport=" + port + "\nstarttls=false\nfrom=portal@cec-portal.test\n");
        Path cfg = etc.resolve(TestSmtp.PID + ".cfg");
        Files.move(tmp, cfg, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return cfg;
    }

    /** A port nothing listens on. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }

    private void submit(String name, String email) throws Exception {
        String json = "{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"phone\":\"+1 415 555 0134\","
                + "\"city\":\"Oakland\",\"zip\":\"94607\",\"services\":[\"ev-charger\"],\"ageConfirmed\":true}";
        HttpResponse<String> r = portal.send(HttpRequest.newBuilder(portal.uri("/api/v1/requests"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
        assertEquals(201, r.statusCode(), r.body());
    }

    private HttpResponse<String> post(String... pairs) throws Exception {
        return portal.send(HttpRequest.newBuilder(portal.uri(PAGE))
                .header("Authorization", admin)
                .header("Origin", "http://127.0.0.1:" + portal.port)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Http.form(pairs))));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return portal.send(HttpRequest.newBuilder(portal.uri(path)).header("Authorization", admin));
    }

    private String console(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }
}
