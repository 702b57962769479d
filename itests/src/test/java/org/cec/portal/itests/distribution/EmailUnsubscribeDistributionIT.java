package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.junit.jupiter.api.Test;

/**
 * Unsubscribing from commercial email against the running distribution and a real SMTP server (GreenMail):
 * what commercial and relationship messages carry (acceptance 4 of issue 13), the one-click POST and the visit
 * of the link opting out before they answer, so the next commercial message is refused by the {@code Mailer}
 * (acceptance 3), forged and altered links refused with a readable 400, and the CSRF exemption holding for
 * exactly the servlets that declare it. Messages are queued by the test plugin {@link MailQueuePlugin}.
 */
class EmailUnsubscribeDistributionIT {

    static final String PUBLIC_URL = MailQueueClient.PUBLIC_URL;
    static final String POSTAL = MailQueueClient.POSTAL;

    private static TestSmtp smtp;
    private static RunningPortal portal;

    @BeforeAll
    static void start() throws Exception {
        smtp = TestSmtp.start();
        portal = RunningPortal.start("email-unsubscribe", home -> {
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

    static HttpResponse<String> queue(RunningPortal portal, String kind, String to) throws Exception {
        return MailQueueClient.queue(portal.uri("/"), kind, to, "en");
    }

    static HttpResponse<String> queue(RunningPortal portal, String path, String kind, String to, String lang)
            throws Exception {
        return MailQueueClient.queue(portal.uri("/"), path, kind, to, lang);
    }

    /** The one message that arrived for {@code to}, waiting for it. */
    static MimeMessage awaitOne(String to) throws Exception {
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

    static String unsubscribePath(MimeMessage message) throws Exception {
        return MailQueueClient.unsubscribePath(message);
    }

    static HttpResponse<String> oneClick(String path) throws Exception {
        // as a mail provider posts it: no cookie, no CSRF token
        return portal.send(HttpRequest.newBuilder(portal.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")));
    }

    /** The text of every part of a message, by MIME type ({@code text/plain}, {@code text/html}). */
    static List<String[]> parts(Part part) throws Exception {
        List<String[]> found = new ArrayList<>();
        if (part.isMimeType("multipart/*")) {
            Multipart multi = (Multipart) part.getContent();
            for (int i = 0; i < multi.getCount(); i++) {
                BodyPart body = multi.getBodyPart(i);
                found.addAll(parts(body));
            }
        } else if (part.isMimeType("text/plain")) {
            found.add(new String[] {"text/plain", part.getContent().toString()});
        } else if (part.isMimeType("text/html")) {
            found.add(new String[] {"text/html", part.getContent().toString()});
        }
        return found;
    }

    static String textOf(List<String[]> parts, String type) {
        return parts.stream()
                .filter(p -> p[0].equals(type))
                .map(p -> p[1])
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " part"));
    }

    @Test
    void everyCommercialMessageHasBothHeadersThePostalAddressAndAPlainTextPart() throws Exception {
        String to = "carla.commercial@example.org";
        assertEquals(200, queue(portal, "commercial", to).statusCode());
        MimeMessage message = awaitOne(to);

        String path = unsubscribePath(message);
        assertEquals("List-Unsubscribe=One-Click", message.getHeader("List-Unsubscribe-Post", null));
        assertFalse(path.toLowerCase().contains("carla"), "the address is not readable in the link: " + path);
        assertFalse(path.contains(URLEncoder.encode(to, StandardCharsets.UTF_8)), path);

        List<String[]> parts = parts(message);
        String text = textOf(parts, "text/plain");
        assertTrue(text.contains(POSTAL), "the postal address in the text part:\n" + text);
        assertTrue(text.contains(PUBLIC_URL + path), "the same link in the text part:\n" + text);
        String html = textOf(parts, "text/html");
        assertTrue(html.contains(POSTAL), html);
        assertTrue(html.contains("href=\"" + PUBLIC_URL + path + "\""), html);
    }

    @Test
    void relationshipMessagesCarryNoUnsubscribeOrTrackingParts() throws Exception {
        String to = "rita.relationship@example.org";
        assertEquals(200, queue(portal, "relationship", to).statusCode());
        MimeMessage message = awaitOne(to);

        assertNull(message.getHeader("List-Unsubscribe"), "no List-Unsubscribe");
        assertNull(message.getHeader("List-Unsubscribe-Post"), "no List-Unsubscribe-Post");
        for (String[] part : parts(message)) {
            assertFalse(part[1].contains("/email/unsubscribe/"), "no unsubscribe link in " + part[0]);
            assertFalse(part[1].contains(POSTAL), "no postal address in " + part[0]);
            assertFalse(part[1].contains("<img"), "no pixel in " + part[0]);
        }
    }

    @Test
    void aOneClickPostOptsOutBeforeItAnswersSoTheNextCommercialMessageIsRefused() throws Exception {
        String to = "olga.oneclick@example.org";
        assertEquals(200, queue(portal, "commercial", to).statusCode());
        String path = unsubscribePath(awaitOne(to));

        HttpResponse<String> answer = oneClick(path);
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.body().length() < 200, "a small body: " + answer.body());
        assertTrue(answer.headers().firstValue("Location").isEmpty(), "no redirect (RFC 8058)");

        // right after the response, with no pause
        HttpResponse<String> refused = queue(portal, "commercial", to);
        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals("refused OPTED_OUT", refused.body());
        // relationship messages still go out
        assertEquals(200, queue(portal, "relationship", to).statusCode());
        // posting again is harmless
        assertEquals(200, oneClick(path).statusCode());
    }

    @Test
    void visitingTheLinkOptsOutAtOnceAndShowsTheConfirmationInTheVisitorsLanguage() throws Exception {
        String to = "vera.visit@example.org";
        assertEquals(200, queue(portal, "commercial", to).statusCode());
        String path = unsubscribePath(awaitOne(to));

        HttpResponse<String> page = portal.send(HttpRequest.newBuilder(portal.uri(path))
                .header("Accept-Language", "es")
                .GET());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("id=\"unsubscribed\""), page.body());
        assertTrue(page.body().contains("Se ha dado de baja"), "Spanish");
        assertTrue(page.body().contains("href=\"/privacy/choices\""), "a link to the privacy choices");
        assertTrue(page.body().contains("<html lang=\"es\""), "in the portal's layout, in Spanish");
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""), "the token goes nowhere");

        assertEquals(409, queue(portal, "commercial", to).statusCode(), "refused right after the visit");
    }

    @Test
    void theLinkOfASpanishMessageOpensItsPageInSpanishWhateverTheBrowserPrefers() throws Exception {
        String to = "sara.spanish@example.org";
        assertEquals(
                200,
                MailQueueClient.queue(portal.uri("/"), "commercial", to, "es").statusCode());
        MimeMessage message = awaitOne(to);
        String header =
                MimeUtility.unfold(message.getHeader("List-Unsubscribe", null)).strip();
        URI link = URI.create(header.substring(1, header.length() - 1));
        assertEquals("page-lang=es", link.getRawQuery(), header);
        assertTrue(textOf(parts(message), "text/plain").contains(link.toString()), "the same link in the text");

        HttpResponse<String> page =
                portal.send(HttpRequest.newBuilder(portal.uri(link.getRawPath() + "?" + link.getRawQuery()))
                        .header("Accept-Language", "en")
                        .GET());
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("<html lang=\"es\""), "in Spanish");
        assertEquals(409, queue(portal, "commercial", to).statusCode(), "opted out");
    }

    @Test
    void aHeadRequestOfALinkCheckerUnsubscribesNobody() throws Exception {
        String to = "hugo.head@example.org";
        assertEquals(200, queue(portal, "commercial", to).statusCode());
        String path = unsubscribePath(awaitOne(to));
        HttpResponse<String> head = portal.send(
                HttpRequest.newBuilder(portal.uri(path)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, head.statusCode());
        assertEquals(200, queue(portal, "commercial", to).statusCode(), "still subscribed");
    }

    @Test
    void aForgedAlteredOrMalformedLinkIsRefusedWith400AndChangesNothing() throws Exception {
        String to = "fred.forged@example.org";
        assertEquals(200, queue(portal, "commercial", to).statusCode());
        String path = unsubscribePath(awaitOne(to));
        String token = path.substring("/email/unsubscribe/".length());
        // one character in the middle changed (the last one of unpadded base64 may carry unused bits only)
        int middle = token.length() / 2;
        char c = token.charAt(middle);
        String altered = "/email/unsubscribe/" + token.substring(0, middle) + (c == 'A' ? 'B' : 'A')
                + token.substring(middle + 1);
        String cut = "/email/unsubscribe/" + token.substring(0, token.length() / 2);

        for (String bad : List.of(
                altered,
                cut,
                "/email/unsubscribe/",
                "/email/unsubscribe/fred.forged@example.org",
                "/email/unsubscribe/%FF%FE",
                "/email/unsubscribe/" + "A".repeat(5000))) {
            HttpResponse<String> page = portal.get(bad);
            assertEquals(400, page.statusCode(), bad + ":\n" + page.body());
            if (!bad.contains("%")) {
                // (a path that is not UTF-8 may be refused by Jetty itself, before any servlet)
                assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), bad);
                assertTrue(page.body().contains("id=\"unsubscribe-invalid\""), bad + ":\n" + page.body());
            }
            assertFalse(page.body().contains("Exception"), "no stack trace");
        }
        HttpResponse<String> post = oneClick(altered);
        assertEquals(400, post.statusCode(), post.body());

        assertEquals(200, queue(portal, "commercial", to).statusCode(), "nothing changed for the address");
    }

    @Test
    void theCsrfExemptionHoldsOnlyForServletsThatDeclareIt() throws Exception {
        HttpResponse<String> checked =
                queue(portal, MailQueuePlugin.CHECKED_PATH, "relationship", "carl.checked@example.org", "en");
        assertEquals(403, checked.statusCode(), "the same servlet without the property keeps the CSRF check");
        HttpResponse<String> exempt =
                queue(portal, MailQueuePlugin.EXEMPT_PATH, "relationship", "erin.exempt@example.org", "en");
        assertEquals(200, exempt.statusCode(), exempt.body());
        // the portal's own forms keep it too
        HttpResponse<String> choices = portal.send(HttpRequest.newBuilder(portal.uri("/privacy/choices"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=x%40example.org")));
        assertEquals(403, choices.statusCode());
    }

    @Test
    void noAddressOfAnUnsubscribingPersonReachesTheLog() throws Exception {
        String to = "lena.logs@example.org";
        assertEquals(200, queue(portal, "commercial", to).statusCode());
        String path = unsubscribePath(awaitOne(to));
        assertEquals(200, oneClick(path).statusCode());
        assertEquals(400, portal.get(path + "x").statusCode());
        Thread.sleep(500);
        String log = portal.output();
        assertFalse(log.contains("lena.logs"), "the address is not in the log");
        assertFalse(log.contains(path.substring(20)), "nor the token (as good as the address)");
    }

    @Test
    void optingBackInOnTheChoicesPageTakesEffectOnlyThroughTheLinkThatArrivesByEmail() throws Exception {
        String to = "owen.optin@example.org";
        assertEquals(200, queue(portal, "commercial", to).statusCode());
        assertEquals(200, oneClick(unsubscribePath(awaitOne(to))).statusCode());
        assertEquals(409, queue(portal, "commercial", to).statusCode(), "opted out");

        FormVisitor visitor = new FormVisitor(portal);
        assertEquals(200, visitor.get("/privacy/choices").statusCode());
        HttpResponse<String> asked =
                visitor.post("/privacy/opt-in", "email=Owen.OptIn%40example.org&marketing-email=on");
        assertEquals(303, asked.statusCode(), asked.body());
        assertEquals(409, queue(portal, "commercial", to).statusCode(), "the opt-out holds until the link is followed");

        MimeMessage confirmation = awaitSubject(to, "Please confirm your privacy choice");
        assertNull(confirmation.getHeader("List-Unsubscribe"), "a relationship message");
        String text = textOf(parts(confirmation), "text/plain");
        Matcher link = Pattern.compile(Pattern.quote(PUBLIC_URL) + "(/privacy/opt-in/confirm/[^\\s\"<>]+)")
                .matcher(text);
        assertTrue(link.find(), "the absolute confirmation link in:\n" + text);
        assertTrue(text.contains("commercial email to this address"), text);

        FormVisitor follower = new FormVisitor(portal); // the link works in another browser too
        HttpResponse<String> page = follower.get(link.group(1));
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("id=\"opt-in-confirm\""), page.body());
        assertEquals(
                409, queue(portal, "commercial", to).statusCode(), "a visit alone (a link checker) changes nothing");
        HttpResponse<String> confirmed = follower.post(link.group(1), "");
        assertEquals(303, confirmed.statusCode(), confirmed.body());
        assertEquals(200, queue(portal, "commercial", to).statusCode(), "opted back in");
        assertFalse(portal.output().contains("owen.optin"), "the address is not in the log");
    }

    /** The one message to {@code to} with {@code subject}, waiting for it. */
    static MimeMessage awaitSubject(String to, String subject) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<MimeMessage> found = new ArrayList<>();
            for (MimeMessage m : smtp.to(to)) {
                if (subject.equals(m.getSubject())) {
                    found.add(m);
                }
            }
            if (!found.isEmpty()) {
                assertEquals(1, found.size(), "one message \"" + subject + "\" to " + to);
                return found.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No message \"" + subject + "\" to " + to + " within 30 s");
    }
}
