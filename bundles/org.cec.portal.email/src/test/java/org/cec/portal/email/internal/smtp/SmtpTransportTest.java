package org.cec.portal.email.internal.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.lang.annotation.Annotation;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.email.MailAddress;
import org.cec.portal.api.email.MailTransportException;
import org.cec.portal.api.email.MessageKind;
import org.cec.portal.api.email.OutgoingMail;
import org.junit.jupiter.api.Test;

/** The SMTP transport against GreenMail: what arrives, connection reuse, and failures. */
class SmtpTransportTest {

    static SmtpSettings settings(String host, int port, String from) {
        return new SmtpSettings() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SmtpSettings.class;
            }

            @Override
            public String host() {
                return host;
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public boolean starttls() {
                return false;
            }

            @Override
            public boolean ssl() {
                return false;
            }

            @Override
            public String username() {
                return "";
            }

            @Override
            public String password() {
                return "";
            }

            @Override
            public String from() {
                return from;
            }

            @Override
            public int timeout_seconds() {
                return 5;
            }

            @Override
            public int connections() {
                return 2;
            }
        };
    }

    static OutgoingMail mail(long id, String to, Optional<String> html) {
        return new OutgoingMail(
                id,
                id + ".abcdef@portal.example.org",
                MessageKind.COMMERCIAL,
                "news.monthly",
                new MailAddress(to, "Ana Núñez"),
                "Sus ahorros de energía ✓",
                "Hola Ana\n1 Main St",
                html,
                Map.of(
                        "List-Unsubscribe",
                        "<https://portal.example.org/email/unsubscribe/t>",
                        "List-Unsubscribe-Post",
                        "List-Unsubscribe=One-Click"),
                1);
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void sendsBothPartsWithTheMessagesIdAndHeadersOverReusedConnections() throws Exception {
        int port = freePort();
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        SmtpTransport transport =
                new SmtpTransport(settings("127.0.0.1", port, "CEC Portal <no-reply@portal.example.org>"));
        try {
            assertEquals("smtp 127.0.0.1:" + port, transport.describe());
            transport.send(mail(1, "ana@example.org", Optional.of("<p>Hola <b>Ana</b></p>")));
            for (int i = 2; i <= 20; i++) {
                transport.send(mail(i, "p" + i + "@example.org", Optional.empty()));
            }
            assertTrue(server.waitForIncomingEmail(10_000, 20));
            MimeMessage first = server.getReceivedMessages()[0];
            assertEquals("<1.abcdef@portal.example.org>", first.getMessageID());
            assertEquals("Sus ahorros de energía ✓", first.getSubject());
            assertEquals(
                    "no-reply@portal.example.org",
                    ((jakarta.mail.internet.InternetAddress) first.getFrom()[0]).getAddress());
            assertEquals("List-Unsubscribe=One-Click", first.getHeader("List-Unsubscribe-Post")[0]);
            assertEquals("<https://portal.example.org/email/unsubscribe/t>", first.getHeader("List-Unsubscribe")[0]);
            MimeMultipart parts = (MimeMultipart) first.getContent();
            assertEquals(2, parts.getCount());
            assertTrue(parts.getBodyPart(0).isMimeType("text/plain"));
            assertTrue(parts.getBodyPart(1).isMimeType("text/html"));
            assertTrue(GreenMailUtil.getBody(server.getReceivedMessages()[1]).contains("Hola Ana"));
        } finally {
            transport.deactivate();
            server.stop();
        }
    }

    @Test
    void noServerIsATemporaryFailure() throws Exception {
        SmtpTransport transport = new SmtpTransport(settings("127.0.0.1", freePort(), "no-reply@portal.example.org"));
        MailTransportException e = assertThrows(
                MailTransportException.class, () -> transport.send(mail(1, "ana@example.org", Optional.empty())));
        assertFalse(e.permanent(), e.toString());
    }

    @Test
    void aMissingHostOrSenderIsRefusedAtActivation() {
        assertThrows(IllegalArgumentException.class, () -> new SmtpTransport(settings("", 25, "a@b.org")));
        assertThrows(
                IllegalArgumentException.class, () -> new SmtpTransport(settings("localhost", 25, "not an address")));
    }

    @Test
    void replyCodesDecidePermanence() {
        assertEquals(
                550,
                SmtpTransport.replyCode(new org.eclipse.angus.mail.smtp.SMTPAddressFailedException(
                        new jakarta.mail.internet.InternetAddress(), "RCPT", 550, "no such user")));
        assertEquals(0, SmtpTransport.replyCode(new jakarta.mail.MessagingException("connection lost")));
    }
}
