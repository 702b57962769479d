package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cec.portal.itests.mailunsub.MailQueueClient;
import org.cec.portal.itests.mailunsub.MailQueuePlugin;
import org.cec.portal.itests.support.TestSmtp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Open and click tracking of commercial mail against the running distribution and a real SMTP server
 * (GreenMail), messages queued by the test plugin {@link MailQueuePlugin} (issue 13: "an open pixel and
 * click-through links are added only to commercial mail, only for recipients whose recorded consent covers
 * it; relationship mail carries none"). The events are read from the portal's database after it stopped,
 * in the last test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmailTrackingDistributionIT {

    static final String PUBLIC_URL = MailQueueClient.PUBLIC_URL;
    private static final Pattern PIXEL = Pattern.compile("<img src=\"" + Pattern.quote(PUBLIC_URL)
            + "(/email/open/[A-Za-z0-9_.-]+)\" alt=\"\" width=\"1\" height=\"1\">");
    private static final Pattern CLICK = Pattern.compile(
            "<a href=\"" + Pattern.quote(PUBLIC_URL) + "(/email/click/[A-Za-z0-9_.-]+)\">See the offers</a>");

    private static TestSmtp smtp;
    private static RunningPortal portal;

    /** The Message-IDs whose open and click the tests expect recorded (once each), and those they expect not. */
    private static final List<String> expectedRecorded = new ArrayList<>();

    private static final List<String> expectedNothing = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        smtp = TestSmtp.start();
        portal = RunningPortal.start("email-tracking", home -> {
            smtp.writeConfig(home.resolve("etc"));
            MailQueueClient.writeEmailSettings(home.resolve("etc"));
            Files.write(home.resolve("deploy/mailunsub.jar"), MailQueueClient.plugin());
        });
        MailQueueClient.awaitPlugin(portal.uri("/"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
        if (smtp != null) {
            smtp.close();
        }
    }

    private static void queue(String kind, String to) throws Exception {
        HttpResponse<String> queued = MailQueueClient.queue(portal.uri("/"), kind, to, "en");
        assertEquals(200, queued.statusCode(), queued.body());
    }

    private static MimeMessage awaitOne(String to) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<MimeMessage> found = smtp.to(to);
            if (!found.isEmpty()) {
                assertEquals(1, found.size(), "one message to " + to);
                return found.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No message to " + to + " within 30 s");
    }

    private static String group(Pattern p, String html) {
        Matcher m = p.matcher(html);
        assertTrue(m.find(), p + " in:\n" + html);
        return m.group(1);
    }

    private static String messageId(MimeMessage message) throws Exception {
        String id = message.getMessageID().strip();
        return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
    }

    private static HttpResponse<byte[]> fetch(String path) throws Exception {
        return portal.http.send(
                HttpRequest.newBuilder(portal.uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertPixel(HttpResponse<byte[]> answer) {
        assertEquals(200, answer.statusCode());
        assertEquals("image/gif", answer.headers().firstValue("Content-Type").orElse(""));
        assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(answer.headers().allValues("Set-Cookie").isEmpty(), "no cookie: " + answer.headers());
        byte[] body = answer.body();
        assertArrayEquals("GIF89a".getBytes(), java.util.Arrays.copyOf(body, 6), "a GIF");
        assertEquals(1, (body[6] & 0xff) | (body[7] & 0xff) << 8, "1 pixel wide");
        assertEquals(1, (body[8] & 0xff) | (body[9] & 0xff) << 8, "1 pixel high");
    }

    @Test
    @Order(1)
    void aConsentingRecipientsCommercialMessageHasThePixelAndClickThroughLinksThatRecordAndRedirect() throws Exception {
        String to = "tina.tracked@example.org";
        queue("commercial", to);
        MimeMessage message = awaitOne(to);
        List<String[]> parts = EmailUnsubscribeDistributionIT.parts(message);
        String html = EmailUnsubscribeDistributionIT.textOf(parts, "text/html");
        String text = EmailUnsubscribeDistributionIT.textOf(parts, "text/plain");

        String unsubscribe = MailQueueClient.unsubscribePath(message);
        assertTrue(
                html.contains("<a href=\"" + PUBLIC_URL + unsubscribe + "\">Unsubscribe</a>"),
                "not rewritten:\n" + html);
        assertFalse(html.contains("shop.example.org"), "the offers link is rewritten:\n" + html);
        assertFalse(html.contains("tina.tracked"), "the address is not readable in the part:\n" + html);
        assertFalse(text.contains("/email/open/") || text.contains("/email/click/"), "the text part stays:\n" + text);
        assertTrue(text.contains(PUBLIC_URL + unsubscribe), text);

        String pixel = group(PIXEL, html);
        String click = group(CLICK, html);
        assertPixel(fetch(pixel));

        HttpResponse<byte[]> redirect = fetch(click);
        assertEquals(302, redirect.statusCode());
        assertEquals(
                MailQueuePlugin.OFFERS,
                redirect.headers().firstValue("Location").orElse(""));
        assertTrue(redirect.headers().allValues("Set-Cookie").isEmpty(), "no cookie");
        assertEquals("no-store", redirect.headers().firstValue("Cache-Control").orElse(""));

        // a link checker's HEAD records nothing
        HttpResponse<String> head = portal.send(
                HttpRequest.newBuilder(portal.uri(click)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(302, head.statusCode());
        expectedRecorded.add(messageId(message));
    }

    @Test
    @Order(2)
    void relationshipMailAndCommercialMailToARecipientWithoutRecordedConsentCarryNoTracking() throws Exception {
        String rita = "rita.relationship@example.org";
        queue("relationship", rita);
        MimeMessage relationship = awaitOne(rita);
        String html =
                EmailUnsubscribeDistributionIT.textOf(EmailUnsubscribeDistributionIT.parts(relationship), "text/html");
        assertTrue(html.contains("<a href=\"" + MailQueuePlugin.HELP + "\">Help</a>"), "the link as written:\n" + html);
        for (String[] part : EmailUnsubscribeDistributionIT.parts(relationship)) {
            assertFalse(part[1].contains("<img"), "no pixel in " + part[0]);
            assertFalse(part[1].contains("/email/"), "no tracking link in " + part[0]);
        }

        // The consent module has no person-level answer for an address it does not take for a person's
        // (no dot in the domain): commercial mail may go (nobody opted out), but consent does not cover tracking.
        String nina = "nina@intranet";
        queue("commercial", nina);
        String ninas = EmailUnsubscribeDistributionIT.textOf(
                EmailUnsubscribeDistributionIT.parts(awaitOne(nina)), "text/html");
        assertFalse(ninas.contains("<img"), "no pixel:\n" + ninas);
        assertFalse(ninas.contains("/email/open/") || ninas.contains("/email/click/"), ninas);
        assertTrue(
                ninas.contains("shop.example.org/spring?season=spring&amp;lang=en"), "the link as written:\n" + ninas);
    }

    @Test
    @Order(3)
    void afterAnOptOutThePixelAndTheLinkStillWorkButRecordNothing() throws Exception {
        String to = "wanda.withdrawn@example.org";
        queue("commercial", to);
        MimeMessage message = awaitOne(to);
        String html = EmailUnsubscribeDistributionIT.textOf(EmailUnsubscribeDistributionIT.parts(message), "text/html");
        String pixel = group(PIXEL, html);
        String click = group(CLICK, html);

        HttpResponse<String> unsubscribed =
                portal.send(HttpRequest.newBuilder(portal.uri(MailQueueClient.unsubscribePath(message)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")));
        assertEquals(200, unsubscribed.statusCode(), unsubscribed.body());

        // right after the opt-out
        assertPixel(fetch(pixel));
        HttpResponse<byte[]> redirect = fetch(click);
        assertEquals(302, redirect.statusCode());
        assertEquals(
                MailQueuePlugin.OFFERS,
                redirect.headers().firstValue("Location").orElse(""));
        expectedNothing.add(messageId(message));
    }

    @Test
    @Order(4)
    void aForgedOrAlteredClickTokenIsA400AndNoRedirectAndAForgedPixelRecordsNothing() throws Exception {
        String to = "fred.forged@example.org";
        queue("commercial", to);
        MimeMessage message = awaitOne(to);
        String html = EmailUnsubscribeDistributionIT.textOf(EmailUnsubscribeDistributionIT.parts(message), "text/html");
        String click = group(CLICK, html);
        String pixel = group(PIXEL, html);
        int middle = click.length() - (click.length() - "/email/click/".length()) / 2;
        char c = click.charAt(middle);
        String altered = click.substring(0, middle) + (c == 'A' ? 'B' : 'A') + click.substring(middle + 1);
        String pixelAltered =
                pixel.substring(0, pixel.length() - 8) + (pixel.endsWith("AAAAAAAA") ? "BBBBBBBB" : "AAAAAAAA");
        for (String bad : List.of(
                altered,
                click.substring(0, click.length() / 2 + 10),
                "/email/click/",
                "/email/click/evil.example.org.redirect-me",
                "/email/click/" + pixel.substring("/email/open/".length()),
                "/email/click/" + "A".repeat(5000))) {
            HttpResponse<String> answer = portal.get(bad);
            assertEquals(400, answer.statusCode(), bad + ":\n" + answer.body());
            assertTrue(answer.headers().firstValue("Location").isEmpty(), "no redirect for " + bad);
            assertFalse(answer.body().contains("Exception"), "no stack trace");
        }
        for (String bad :
                List.of(pixelAltered, "/email/open/", "/email/open/" + click.substring("/email/click/".length()))) {
            assertPixel(fetch(bad));
        }
        expectedNothing.add(messageId(message));
    }

    @Test
    @Order(99)
    void theOpenAndTheClickOfTheConsentingRecipientAreTheOnlyTrackingEventsAndNameNoAddress() throws Exception {
        String log = portal.output();
        assertFalse(log.contains("tina.tracked") || log.contains("wanda.withdrawn"), "no address in the log");
        assertEquals(143, portal.terminate(Duration.ofSeconds(60)), "stopped cleanly by SIGTERM");
        List<String> events = new ArrayList<>();
        try (Connection c = portal.h2();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT type, payload FROM platform_event"
                        + " WHERE type IN ('email.opened', 'email.clicked') ORDER BY id")) {
            while (r.next()) {
                events.add(r.getString(1) + " " + r.getString(2));
            }
        }
        assertEquals(1, expectedRecorded.size(), "the first test ran");
        String id = expectedRecorded.get(0);
        assertEquals(
                List.of(
                        "email.opened {\"messageId\":\"" + id + "\"}",
                        "email.clicked {\"messageId\":\"" + id + "\",\"url\":\"" + MailQueuePlugin.OFFERS + "\"}"),
                events);
        for (String e : events) {
            assertFalse(e.contains("tina") || e.contains("@example.org"), "no address: " + e);
        }
        assertEquals(2, expectedNothing.size(), "the opt-out and forgery tests ran");
        String sent = URI.create(PUBLIC_URL).getHost();
        assertTrue(id.endsWith("@" + sent), id);
    }
}
