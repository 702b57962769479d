package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cec.portal.itests.support.TestSmtp;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, acceptance 5, against the distribution with a real SMTP server (GreenMail): 1,006 people make
 * requests through the public intake API; staff write a campaign in the console (a bad draft gets 400 with
 * what was typed), preview it in English and Spanish, send a test to an address they type, then send it
 * to the 1,000 whose ZIP code starts with 946. It is sent at the configured rate (measured), the portal is
 * stopped in the middle of sending and started again, and exactly 1,000 distinct recipients get it, none
 * twice, each with the unsubscribe headers and the postal address. Then a second campaign at a low rate
 * (30 a minute, measured) to ZIP 100 and the service heat-pump: one of its people opted out (one click on
 * the unsubscribe link of a message they got), one is on the suppression list, one asked for another
 * service: those are skipped, the two refused are counted.
 */
class EmailCampaignDistributionIT {

    private static final String PAGE = "/system/console/email";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String POSTAL = "CEC Portal, 1 Main Street, Springfield, CA 94110";
    private static final int MANY = 1000;
    private static final int FAST_RATE = 6000; // per minute
    private static final int SLOW_RATE = 30;
    private static final Pattern ID = Pattern.compile("[?&]id=(\\d+)");

    private RunningPortal portal;
    private String admin;

    @Test
    void aCampaignReachesEachOfAThousandOnceAtTheConfiguredRateAcrossARestartAndSkipsOptOuts() throws Exception {
        try (TestSmtp smtp = TestSmtp.start()) {
            portal = RunningPortal.start("email-campaign", home -> {
                Path etc = home.resolve("etc");
                Files.writeString(etc.resolve("org.cec.portal.intake.cfg"), "rateLimit.posts=50000\n");
                Files.writeString(
                        etc.resolve("org.cec.portal.email.cfg"),
                        "public.url=https://portal.example.test\npostal.address=" + POSTAL + "\nlease.seconds=10\n");
                Files.writeString(
                        etc.resolve("org.cec.portal.email.campaigns.cfg"), "messages.per.minute=" + FAST_RATE + "\n");
                smtp.writeConfig(etc);
            });
            try {
                admin = portal.adminAuthorization();
                // ---- 1,006 people make requests; their confirmations arrive ----
                ExecutorService pool = Executors.newFixedThreadPool(8);
                List<Future<?>> submitted = new ArrayList<>();
                for (int i = 1; i <= MANY; i++) {
                    String email = "c" + i + "@campaign.test";
                    int n = i;
                    String lang = i % 2 == 0 ? "es" : "en";
                    submitted.add(pool.submit(() -> {
                        submit("Person " + n, email, "94607", "ev-charger", lang);
                        return null;
                    }));
                }
                for (int i = 1; i <= 5; i++) {
                    submit("Other " + i, "x" + i + "@other.test", "10001", "heat-pump", "en");
                }
                submit("Other 6", "x6@other.test", "10002", "solar-pv", "en");
                for (Future<?> f : submitted) {
                    f.get();
                }
                pool.shutdown();
                smtp.await(MANY + 6, WAIT);
                Thread.sleep(1_000);
                smtp.clear();

                // ---- a bad draft: 400, the form again with what was typed ----
                HttpResponse<String> bad = post(
                        "action", "campaign-create",
                        "subject", "Line one\r\nBcc: x@evil.test",
                        "body", "Typed <b>text</b> is kept",
                        "zipPrefix", "94x",
                        "service", "");
                assertEquals(400, bad.statusCode(), bad.body());
                assertTrue(bad.body().contains("The subject must be one line"), bad.body());
                assertTrue(bad.body().contains("The ZIP prefix must be up to 5 digits"), bad.body());
                assertTrue(bad.body().contains(">Typed &lt;b&gt;text&lt;/b&gt; is kept</textarea>"), bad.body());
                assertTrue(bad.body().contains("name=\"zipPrefix\" value=\"94x\""), bad.body());
                assertFalse(bad.body().contains("Exception"), bad.body());

                // ---- the campaign: written, previewed, tested ----
                long campaign = create("Spring news <for you>", "Heat pumps are on sale.\n\nAsk us <how>.", "946", "");
                String preview = awaitPage(
                        PAGE + "?view=campaign&id=" + campaign,
                        body -> body.contains("audience " + (MANY + 6) + " request"));
                assertTrue(preview.contains("id=\"email-preview-en\"") && preview.contains("id=\"email-preview-es\""));
                assertTrue(preview.contains("Ask us &lt;how&gt;."), preview);
                assertTrue(preview.contains("Hola, Ana:"), "the Spanish fixed parts: " + preview);
                assertFalse(preview.contains("<how>"), preview);
                assertEquals(
                        303,
                        post(
                                        "action",
                                        "campaign-test",
                                        "id",
                                        "" + campaign,
                                        "address",
                                        "Staff@Portal.test",
                                        "language",
                                        "en")
                                .statusCode());
                MimeMessage test = awaitTo(smtp, "staff@portal.test");
                assertEquals("Spring news <for you>", test.getSubject());
                assertTrue(text(test).contains("This is a test of a newsletter"), text(test));
                assertRefused(
                        post("action", "campaign-test", "id", "" + campaign, "address", "no address", "language", "en"),
                        "address must be");
                assertRefused(post("action", "campaign-send", "id", "999999"), "No campaign 999999");
                // a cross-site post is refused by the console, like every post of the page
                HttpResponse<String> crossSite = portal.send(HttpRequest.newBuilder(portal.uri(PAGE))
                        .header("Authorization", admin)
                        .header("Origin", "https://elsewhere.example")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                Http.form("action", "campaign-send", "id", "" + campaign))));
                assertEquals(403, crossSite.statusCode(), crossSite.body());
                assertTrue(console(PAGE + "?view=campaign&id=" + campaign)
                        .contains("<span id=\"email-campaign-status\">draft</span>"));
                smtp.clear();

                // ---- sent at the configured rate, stopped in the middle, started again ----
                assertEquals(
                        303,
                        post("action", "campaign-send", "id", "" + campaign).statusCode());
                assertRefused(post("action", "campaign-send", "id", "" + campaign), "is not a draft");
                List<long[]> before = watch(smtp, n -> n >= 100, Duration.ofSeconds(60));
                String live = console(PAGE + "?view=campaign&id=" + campaign);
                assertTrue(live.contains("<meta http-equiv=\"refresh\" content=\"2\">"), "reloads while sending");
                assertTrue(live.contains("<span id=\"email-campaign-status\">sending</span>"), live);
                before = watch(smtp, n -> n >= 300, Duration.ofSeconds(60));
                assertEquals(143, portal.terminate(Duration.ofSeconds(60)));
                int atStop = smtp.received().size();
                assertTrue(atStop < MANY, "stopped in the middle of sending (" + atStop + " had arrived)");
                assertRate(before, FAST_RATE, "before the restart");
                portal = portal.restart();
                admin = portal.adminAuthorization();
                List<long[]> after = watch(smtp, n -> n >= MANY, WAIT);
                assertRate(after, FAST_RATE, "after the restart");
                Thread.sleep(3_000);
                List<MimeMessage> all = smtp.received();
                Map<String, Integer> byRecipient = new HashMap<>();
                for (MimeMessage m : all) {
                    byRecipient.merge(recipient(m), 1, Integer::sum);
                }
                assertEquals(MANY, byRecipient.size(), "distinct recipients");
                for (MimeMessage m : all) {
                    if (byRecipient.get(recipient(m)) > 1) {
                        System.out.println("EmailCampaignDistributionIT: twice " + m.getMessageID());
                    }
                }
                assertEquals(MANY, all.size(), "none twice");
                for (int i = 1; i <= MANY; i++) {
                    assertEquals(1, byRecipient.getOrDefault("c" + i + "@campaign.test", 0), "c" + i);
                }
                MimeMessage one = smtp.to("c2@campaign.test").get(0);
                assertEquals("Spring news <for you>", one.getSubject());
                assertNotNull(one.getHeader("List-Unsubscribe", null));
                assertEquals("List-Unsubscribe=One-Click", one.getHeader("List-Unsubscribe-Post", null));
                assertTrue(text(one).contains(POSTAL), text(one));
                assertTrue(text(one).contains("Hola, Person 2:"), "in the request's language");
                String done = awaitPage(
                        PAGE + "?view=campaign&id=" + campaign,
                        body -> body.contains("<span id=\"email-campaign-sent\">" + MANY + "</span>"));
                assertTrue(done.contains("<span id=\"email-campaign-status\">done</span>"), done);
                assertTrue(done.contains("<span id=\"email-campaign-queued\">" + MANY + "</span>"), done);
                assertTrue(done.contains("<span id=\"email-campaign-refused\">0</span>"), done);
                assertFalse(done.contains("http-equiv=\"refresh\""), "no reloading once all is sent");

                // ---- opted out and suppressed people are skipped and counted, at a low rate ----
                Path cfg = portal.home.resolve("etc/org.cec.portal.email.campaigns.cfg");
                Path tmp = portal.home.resolve("etc/campaigns.cfg.tmp");
                Files.writeString(tmp, "messages.per.minute=" + SLOW_RATE + "\n");
                Files.move(tmp, cfg, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                long second = create("Heat pump evening", "Come and see.", "100", "heat-pump");
                smtp.clear();
                // x1 gets a test message and unsubscribes with one click, as a mail provider posts it
                assertEquals(
                        303,
                        post("action", "campaign-test", "id", "" + second, "address", "x1@other.test", "language", "en")
                                .statusCode());
                String header = awaitTo(smtp, "x1@other.test").getHeader("List-Unsubscribe", null);
                String path =
                        URI.create(header.substring(1, header.length() - 1)).getRawPath();
                HttpResponse<String> unsubscribed = portal.send(HttpRequest.newBuilder(portal.uri(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")));
                assertEquals(200, unsubscribed.statusCode(), unsubscribed.body());
                assertEquals(
                        303,
                        post("action", "suppress", "address", "x2@other.test").statusCode());
                Thread.sleep(3_000); // FileInstall has applied the low rate
                smtp.clear();
                assertEquals(
                        303, post("action", "campaign-send", "id", "" + second).statusCode());
                List<long[]> slow = watch(smtp, n -> n >= 3, WAIT);
                String counted = awaitPage(
                        PAGE + "?view=campaign&id=" + second,
                        body -> body.contains("<span id=\"email-campaign-status\">done</span>"));
                assertTrue(counted.contains("<span id=\"email-campaign-refused\">2</span>"), counted);
                assertTrue(counted.contains("<span id=\"email-campaign-queued\">3</span>"), counted);
                Thread.sleep(2_000);
                List<String> got = new ArrayList<>();
                for (MimeMessage m : smtp.received()) {
                    got.add(recipient(m));
                }
                assertEquals(
                        List.of("x3@other.test", "x4@other.test", "x5@other.test"),
                        got.stream().sorted().toList());
                long span = slow.get(slow.size() - 1)[0] - slow.get(0)[0];
                System.out.println(
                        "EmailCampaignDistributionIT: 3 messages at " + SLOW_RATE + "/min took " + span + " ms");
                assertTrue(span >= 3_000, "3 messages at 30 a minute are 2 s apart, not within " + span + " ms");

                String list = console(PAGE + "?view=campaigns");
                assertTrue(list.contains("Spring news &lt;for you&gt;"), list);
                String log = portal.output();
                assertFalse(log.contains("@campaign.test") || log.contains("@other.test"), "no address in the log");
            } catch (AssertionError | Exception e) {
                System.out.println(portal.diagnostics());
                throw e;
            } finally {
                portal.close();
            }
        }
    }

    /**
     * Polls the server's count until {@code enough}; returns (time ms, count) samples from the first arrival.
     */
    private static List<long[]> watch(TestSmtp smtp, Predicate<Integer> enough, Duration timeout) throws Exception {
        List<long[]> samples = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (true) {
            int n = smtp.received().size();
            long now = System.nanoTime() / 1_000_000;
            if (n != last) {
                samples.add(new long[] {now, n});
                last = n;
            }
            if (enough.test(n)) {
                return samples;
            }
            assertTrue(System.nanoTime() < deadline, "only " + n + " messages arrived");
            Thread.sleep(20);
        }
    }

    /** No more arrived in any stretch than the rate allows, plus one second's burst and a little slack. */
    private static void assertRate(List<long[]> samples, int perMinute, String when) {
        long[] first = samples.get(0);
        long[] last = samples.get(samples.size() - 1);
        double seconds = (last[0] - first[0]) / 1000.0;
        long count = last[1] - first[1];
        double allowed = perMinute / 60.0 * (seconds + 1) * 1.2 + 10;
        System.out.println("EmailCampaignDistributionIT: " + when + ", " + count + " messages in " + seconds
                + " s (at most " + perMinute + " a minute allowed)");
        assertTrue(
                count <= allowed,
                when + ": " + count + " messages in " + seconds + " s is faster than " + perMinute + " a minute");
        assertTrue(count > 0 && seconds > 0.5, when + ": a stretch long enough to measure");
    }

    private long create(String subject, String body, String zip, String service) throws Exception {
        HttpResponse<String> r = post(
                "action", "campaign-create", "subject", subject, "body", body, "zipPrefix", zip, "service", service);
        assertEquals(303, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        Matcher m = ID.matcher(location);
        assertTrue(m.find(), location);
        return Long.parseLong(m.group(1));
    }

    private static MimeMessage awaitTo(TestSmtp smtp, String address) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<MimeMessage> to = smtp.to(address);
            if (!to.isEmpty()) {
                return to.get(0);
            }
            assertTrue(System.nanoTime() < deadline, "nothing arrived for " + address);
            Thread.sleep(100);
        }
    }

    private static String text(Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < mp.getCount(); i++) {
                s.append(text(mp.getBodyPart(i)));
            }
            return s.toString();
        }
        return "";
    }

    private static String recipient(MimeMessage m) throws MessagingException {
        return ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
    }

    private void submit(String name, String email, String zip, String service, String language) throws Exception {
        String json = "{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"phone\":\"+1 415 555 0134\","
                + "\"city\":\"Oakland\",\"zip\":\"" + zip + "\",\"services\":[\"" + service + "\"],"
                + "\"language\":\"" + language + "\",\"ageConfirmed\":true}";
        HttpResponse<String> r = portal.send(HttpRequest.newBuilder(portal.uri("/api/v1/requests"))
                .header("Content-Type", "application/json")
                .header("Accept-Language", language)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
        assertEquals(201, r.statusCode(), r.body());
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
