package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.cec.portal.itests.mailunsub.MailQueueClient;
import org.cec.portal.itests.support.TestSmtp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bounce webhook {@code POST /email/bounces} against the running distribution and a real SMTP server
 * (GreenMail): a missing or wrong shared secret is 401 without detail, a body that is not bounce reports 400
 * with the reason, and after {@code hard.bounces.to.suppress} (3 here) hard bounces the address is on the
 * suppression list: the next commercial message to it is refused by the {@code Mailer} ({@code SUPPRESSED})
 * while a relationship message still arrives. Soft bounces suppress nobody. Every request is posted as a
 * mail provider posts it: without the portal's cookie or CSRF token. Messages are queued by the test plugin
 * {@code mailunsub} ({@link org.cec.portal.itests.mailunsub.MailQueuePlugin}).
 */
class EmailBouncesDistributionIT {

    static final String SECRET = "itests-bounce-secret-0123456789";

    static final String MAILBOX_PASSWORD = "itests-mailbox-password-42";

    private static TestSmtp smtp;
    private static GreenMail imap;
    private static GreenMailUser mailbox;
    private static RunningPortal portal;

    @BeforeAll
    static void start() throws Exception {
        smtp = TestSmtp.start();
        int imapPort;
        try (ServerSocket free = new ServerSocket(0)) {
            imapPort = free.getLocalPort();
        }
        imap = new GreenMail(new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        imap.start();
        mailbox = imap.setUser("bounces@cec-portal.test", "bounces", MAILBOX_PASSWORD);
        portal = RunningPortal.start("email-bounces", home -> {
            smtp.writeConfig(home.resolve("etc"));
            Files.writeString(
                    home.resolve("etc/org.cec.portal.email.bounces.mailbox.cfg"),
                    "host=127.0.0.1\nport=" + imapPort + "\nsecurity=none\nusername=bounces\npassword="
                            + MAILBOX_PASSWORD + "\npoll.seconds=10\n",
                    StandardCharsets.UTF_8);
            MailQueueClient.writeEmailSettings(home.resolve("etc"));
            Files.writeString(
                    home.resolve("etc/org.cec.portal.email.bounces.cfg"),
                    "secret=" + SECRET + "\nhard.bounces.to.suppress=3\n",
                    StandardCharsets.UTF_8);
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
        if (imap != null) {
            imap.stop();
        }
    }

    static HttpResponse<String> queue(String kind, String to) throws Exception {
        return MailQueueClient.queue(portal.uri("/"), kind, to, "en");
    }

    /** Posts {@code body} as JSON with the headers given (name, value, ...), and no cookie or CSRF token. */
    static HttpResponse<String> post(String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(portal.uri("/email/bounces"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return portal.send(request);
    }

    static HttpResponse<String> bounce(String body) throws Exception {
        return post(body, "Authorization", "Bearer " + SECRET);
    }

    static String report(String to, String type, String messageId) {
        return "{\"recipient\": \"" + to + "\", \"type\": \"" + type + "\""
                + (messageId == null ? "" : ", \"messageId\": \"" + messageId + "\"")
                + ", \"reason\": \"550 5.1.1 <" + to + ">: no such user\"}";
    }

    /** The messages that arrived for {@code to}, waiting until there are {@code count}. */
    static List<MimeMessage> await(String to, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<MimeMessage> found = smtp.to(to);
        while (System.nanoTime() < deadline) {
            found = smtp.to(to);
            if (found.size() >= count) {
                assertEquals(count, found.size(), "messages to " + to);
                return found;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(found.size() + " of " + count + " messages to " + to + " within 30 s");
    }

    @Test
    void aMissingOrWrongSecretIs401WithoutDetailAndRecordsNothing() throws Exception {
        String to = "wanda.wrong@example.org";
        String body = report(to, "hard", null);
        for (String[] headers : List.of(
                new String[0],
                new String[] {"Authorization", "Bearer wrong-secret-0123456789"},
                new String[] {"Authorization", "Bearer " + SECRET + "x"},
                new String[] {"Authorization", "Basic " + SECRET},
                new String[] {"Authorization", "Bearer"},
                new String[] {"X-CEC-Bounce-Secret", SECRET.substring(1)})) {
            HttpResponse<String> answer = post(body, headers);
            assertEquals(401, answer.statusCode(), String.join(" ", headers) + ": " + answer.body());
            assertEquals("{}", answer.body().strip(), "no detail");
        }
        // three of them would have suppressed the address
        assertEquals(200, queue("commercial", to).statusCode());
    }

    @Test
    void aBodyThatIsNotBounceReportsIs400WithTheReason() throws Exception {
        for (String[] bad : List.of(
                new String[] {"not json", "The body is not JSON"},
                new String[] {"{\"recipient\": \"bea.bad@example.org\"}", "type is missing"},
                new String[] {"{\"type\": \"hard\"}", "recipient is missing"},
                new String[] {"{\"recipient\": \"nobody\", \"type\": \"hard\"}", "recipient is not an email address"},
                new String[] {"{\"recipient\": \"bea.bad@example.org\", \"type\": \"bounced\"}", "type must be"},
                new String[] {"[]", "The array holds no bounce"},
                new String[] {"[" + report("bea.bad@example.org", "hard", null) + ", 1]", "Item 1:"})) {
            HttpResponse<String> answer = bounce(bad[0]);
            assertEquals(400, answer.statusCode(), bad[0] + ": " + answer.body());
            assertTrue(answer.body().contains(bad[1]), bad[0] + ": " + answer.body());
            assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            assertFalse(answer.body().contains("Exception"), "no stack trace");
        }
        HttpResponse<String> form = portal.send(HttpRequest.newBuilder(portal.uri("/email/bounces"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-CEC-Bounce-Secret", SECRET)
                .POST(HttpRequest.BodyPublishers.ofString("recipient=x")));
        assertEquals(415, form.statusCode(), form.body());
        // a half-recorded request does not exist: the valid first item of the refused array counted nothing
        assertEquals(200, queue("commercial", "bea.bad@example.org").statusCode());
    }

    @Test
    void threeHardBouncesStopCommercialMailToTheAddressWhileRelationshipMailStillGoes() throws Exception {
        String to = "harry.hard@example.org";
        assertEquals(200, queue("commercial", to).statusCode());
        MimeMessage first = await(to, 1).get(0);
        String messageId = first.getMessageID();
        assertTrue(messageId != null && messageId.startsWith("<"), messageId);

        HttpResponse<String> one = bounce(report("Harry.Hard@Example.org", "hard", messageId));
        assertEquals(200, one.statusCode(), one.body());
        assertEquals(
                "{\"hard\":1,\"soft\":0,\"counted\":1,\"suppressed\":0}",
                one.body().strip());
        // the provider delivers the same report again: not counted twice
        assertEquals(
                "{\"hard\":1,\"soft\":0,\"counted\":0,\"suppressed\":0}",
                bounce(report(to, "hard", messageId)).body().strip());
        // the other header works too
        HttpResponse<String> two = post(report(to, "hard", null), "X-CEC-Bounce-Secret", SECRET);
        assertEquals(200, two.statusCode(), two.body());
        assertEquals(200, queue("commercial", to).statusCode(), "two hard bounces: still on the list");
        await(to, 2);

        HttpResponse<String> three = bounce("[" + report(to, "hard", null) + "]");
        assertEquals(
                "{\"hard\":1,\"soft\":0,\"counted\":1,\"suppressed\":1}",
                three.body().strip());

        HttpResponse<String> refused = queue("commercial", to);
        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals("refused SUPPRESSED", refused.body());
        assertEquals(200, queue("relationship", to).statusCode());
        List<MimeMessage> all = await(to, 3);

        // the console's outbox shows the message the first report named as bounced
        HttpResponse<String> console =
                portal.send(HttpRequest.newBuilder(portal.uri("/system/console/email?status=bounced&to=harry.hard"))
                        .header("Authorization", portal.adminAuthorization()));
        assertEquals(200, console.statusCode(), console.body());
        String bare = messageId.substring(1, messageId.length() - 1);
        assertTrue(console.body().contains(bare), console.body());
        assertEquals(1, console.body().split("id=\"email-row-", -1).length - 1, "only that one is bounced");
        assertTrue(console.body().contains("<td class=\"email-status\">bounced</td>"), console.body());
        assertEquals("Your request, Ana", all.get(2).getSubject(), "the relationship message arrived");
    }

    /** A delivery status notification as Postfix writes it, for the message {@code messageId} to {@code to}. */
    static MimeMessage notification(String to, String messageId) throws Exception {
        String raw = "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\r\n"
                + "To: bounces@cec-portal.test\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B1\"\r\n"
                + "\r\n"
                + "--B1\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
                + "I'm sorry to have to inform you that your message could not be delivered.\r\n"
                + "--B1\r\nContent-Type: message/delivery-status\r\n\r\n"
                + "Reporting-MTA: dns; mx.example.org\r\n\r\n"
                + "Final-Recipient: rfc822; " + to + "\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                + "Diagnostic-Code: smtp; 550 5.1.1 <" + to + ">: User unknown\r\n"
                + "--B1\r\nContent-Type: text/rfc822-headers\r\n\r\n"
                + "From: portal@cec-portal.test\r\nTo: " + to + "\r\nMessage-ID: " + messageId + "\r\n"
                + "--B1--\r\n";
        return new MimeMessage(
                Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void notificationsInTheBounceMailboxCountLikeWebhookReports() throws Exception {
        String to = "ivy.imap@example.org";
        for (int i = 0; i < 3; i++) {
            assertEquals(200, queue("commercial", to).statusCode());
        }
        List<MimeMessage> sent = await(to, 3);
        mailbox.deliver(notification(to, sent.get(0).getMessageID()));
        mailbox.deliver(notification(to, sent.get(1).getMessageID()));
        mailbox.deliver(notification(to, sent.get(2).getMessageID()));
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        HttpResponse<String> refused = queue("commercial", to);
        while (refused.statusCode() == 200 && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            refused = queue("commercial", to);
        }
        assertEquals(409, refused.statusCode(), "suppressed once the mailbox was read: " + refused.body());
        assertEquals("refused SUPPRESSED", refused.body());
        assertEquals(200, queue("relationship", to).statusCode());
        assertTrue(portal.output().contains(" notification(s) read ("), portal.output());
        assertFalse(portal.output().contains("ivy.imap"), "the address is not in the log");
        assertEquals(0, imap.getReceivedMessagesForDomain("cec-portal.test").length, "the notifications are deleted");
    }

    @Test
    void softBouncesSuppressNobody() throws Exception {
        String to = "sophie.soft@example.org";
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 5; i++) {
            many.append(i == 0 ? "" : ",").append(report(to, "soft", null));
        }
        HttpResponse<String> answer = bounce(many.append(']').toString());
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(
                "{\"hard\":0,\"soft\":5,\"counted\":0,\"suppressed\":0}",
                answer.body().strip());
        assertEquals(200, queue("commercial", to).statusCode());
        await(to, 1);
    }

    @Test
    void otherMethodsAndTheLogGiveNothingAway() throws Exception {
        assertEquals(405, portal.get("/email/bounces").statusCode());
        String to = "lou.logs@example.org";
        assertEquals(200, bounce(report(to, "hard", null)).statusCode());
        assertEquals(401, post(report(to, "hard", null)).statusCode());
        Thread.sleep(500);
        String log = portal.output();
        assertFalse(log.contains("lou.logs"), "the address is not in the log");
        assertFalse(log.contains(SECRET), "nor the secret");
    }
}
