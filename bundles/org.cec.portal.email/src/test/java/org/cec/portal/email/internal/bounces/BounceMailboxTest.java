package org.cec.portal.email.internal.bounces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.lang.annotation.Annotation;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.Properties;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bounce mailbox against a real IMAP server (GreenMail): delivery status notifications naming a sent
 * message count as the webhook's reports and are deleted; anything else is marked read and left.
 */
class BounceMailboxTest {

    private static final String MAILBOX = "bounces@portal.example.org";
    private static final String PASSWORD = "mailbox-password-123";

    private GreenMail imap;
    private GreenMailUser user;
    private int port;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        imap = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        imap.start();
        user = imap.setUser(MAILBOX, "bounces", PASSWORD);
    }

    @AfterEach
    void stop() {
        imap.stop();
    }

    /** A notification as a mail server sends it, for the message {@code messageId} to {@code to}. */
    static MimeMessage notification(String to, String action, String status, String messageId) throws Exception {
        MimeMessage dsn = new MimeMessage(Session.getInstance(new Properties()));
        dsn.setFrom(new InternetAddress("MAILER-DAEMON@mx.example.org"));
        dsn.setRecipient(Message.RecipientType.TO, new InternetAddress(MAILBOX));
        dsn.setSubject("Undelivered Mail Returned to Sender");
        MimeMultipart report = new MimeMultipart("report; report-type=delivery-status");
        MimeBodyPart human = new MimeBodyPart();
        human.setText("This is the mail system at host mx.example.org. I'm sorry to have to inform you...");
        report.addBodyPart(human);
        MimeBodyPart fields = new MimeBodyPart();
        fields.setContent(
                "Reporting-MTA: dns; mx.example.org\r\nArrival-Date: Thu, 3 Dec 2026 09:00:00 +0000\r\n\r\n"
                        + "Final-Recipient: rfc822; " + to + "\r\nOriginal-Recipient: rfc822;" + to + "\r\n"
                        + "Action: " + action + "\r\nStatus: " + status + "\r\n"
                        + "Diagnostic-Code: smtp; 550 5.1.1 <" + to + ">: Recipient address rejected:\r\n"
                        + "    User unknown in virtual mailbox table\r\n",
                "message/delivery-status");
        report.addBodyPart(fields);
        MimeBodyPart headers = new MimeBodyPart();
        headers.setContent(
                "From: portal@portal.example.org\r\nTo: " + to + "\r\nSubject: News\r\nMessage-ID: <" + messageId
                        + ">\r\n\r\n",
                "text/rfc822-headers");
        report.addBodyPart(headers);
        dsn.setContent(report);
        dsn.saveChanges();
        return dsn;
    }

    private static MimeMessage outOfOffice() throws Exception {
        MimeMessage reply = new MimeMessage(Session.getInstance(new Properties()));
        reply.setFrom(new InternetAddress("someone@example.org"));
        reply.setSubject("Out of office");
        reply.setText("I am away until Monday.");
        reply.saveChanges();
        return reply;
    }

    private BounceMailboxConfig config(String security, String password) {
        return new BounceMailboxConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return BounceMailboxConfig.class;
            }

            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public String security() {
                return security;
            }

            @Override
            public String username() {
                return "bounces";
            }

            @Override
            public String password() {
                return password;
            }

            @Override
            public String folder() {
                return "INBOX";
            }

            @Override
            public int poll_seconds() {
                return 60;
            }
        };
    }

    /** The messages left in the mailbox, and how many of them are unread. */
    private int[] left() throws Exception {
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", port, "bounces", PASSWORD);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                int unread = 0;
                for (Message m : inbox.getMessages()) {
                    unread += m.isSet(Flags.Flag.SEEN) ? 0 : 1;
                }
                return new int[] {inbox.getMessageCount(), unread};
            } finally {
                inbox.close(false);
            }
        }
    }

    @Test
    void notificationsCountAsBouncesAndAreDeletedOtherMailIsLeftRead() throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create("h2", "email")) {
            Bounces bounces = new Bounces(db, db, 3, Clock.systemUTC());
            for (int i = 1; i <= 3; i++) {
                BouncesTest.sent(db, "n" + i + "@portal.example.org", "ivy@example.org");
            }
            user.deliver(notification("Ivy@Example.org", "failed", "5.1.1", "n1@portal.example.org"));
            user.deliver(notification("ivy@example.org", "failed", "5.1.1", "n2@portal.example.org"));
            user.deliver(notification("ivy@example.org", "delayed", "4.2.2", "n3@portal.example.org"));
            user.deliver(outOfOffice());
            BounceMailbox mailbox = new BounceMailbox(config("none", PASSWORD), bounces, false);
            try {
                assertEquals(new BounceMailbox.Read(3, 2, 1, 1), mailbox.read());
                assertEquals(0, BouncesTest.suppressed(db, "ivy@example.org"), "two hard bounces of three");
                assertEquals("bounced", BouncesTest.status(db, "n1@portal.example.org"));
                assertEquals("sent", BouncesTest.status(db, "n3@portal.example.org"), "a soft bounce changes nothing");
                assertEquals(1, left()[0], "the notifications are deleted");
                assertEquals(0, left()[1], "the other message is marked read");

                user.deliver(notification("ivy@example.org", "failed", "5.1.1", "n3@portal.example.org"));
                assertEquals(new BounceMailbox.Read(1, 1, 0, 0), mailbox.read(), "the read one is not read again");
                assertEquals(1, BouncesTest.suppressed(db, "ivy@example.org"), "the third hard bounce suppresses");
            } finally {
                mailbox.deactivate();
            }
        }
    }

    @Test
    void aNotificationWithoutTheBouncedMessagesIdCountsNothing() throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create("h2", "email")) {
            Bounces bounces = new Bounces(db, db, 1, Clock.systemUTC());
            MimeMessage forged = notification("victim@example.org", "failed", "5.1.1", "x@y");
            MimeMultipart parts = (MimeMultipart) forged.getContent();
            parts.removeBodyPart(2); // no returned headers: anyone could have written it
            forged.setContent(parts);
            forged.saveChanges();
            user.deliver(forged);
            BounceMailbox mailbox = new BounceMailbox(config("none", PASSWORD), bounces, false);
            try {
                assertEquals(new BounceMailbox.Read(0, 0, 0, 1), mailbox.read());
                assertEquals(0, BouncesTest.suppressed(db, "victim@example.org"));
            } finally {
                mailbox.deactivate();
            }
        }
    }

    @Test
    void aWrongPasswordFailsTheReadWithoutRecordingAndMissingSettingsAreRefused() throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create("h2", "email")) {
            Bounces bounces = new Bounces(db, db, 1, Clock.systemUTC());
            BounceMailbox wrong = new BounceMailbox(config("none", "not-the-password"), bounces, false);
            try {
                assertThrows(jakarta.mail.AuthenticationFailedException.class, wrong::read);
            } finally {
                wrong.deactivate();
            }
            IllegalArgumentException missing = assertThrows(
                    IllegalArgumentException.class, () -> new BounceMailbox(config("none", ""), bounces, false));
            assertTrue(missing.getMessage().contains("password"), missing.getMessage());
            IllegalArgumentException security = assertThrows(
                    IllegalArgumentException.class, () -> new BounceMailbox(config("tls", PASSWORD), bounces, false));
            assertTrue(security.getMessage().contains("ssl, starttls or none"), security.getMessage());
        }
    }
}
