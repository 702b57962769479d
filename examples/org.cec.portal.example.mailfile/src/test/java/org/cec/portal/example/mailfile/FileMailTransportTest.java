package org.cec.portal.example.mailfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.cec.portal.api.email.MailAddress;
import org.cec.portal.api.email.MailTransportException;
import org.cec.portal.api.email.MessageKind;
import org.cec.portal.api.email.OutgoingMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileMailTransportTest {

    @TempDir
    Path dir;

    private static OutgoingMail mail(String id, Optional<String> html) {
        return new OutgoingMail(
                42,
                id,
                MessageKind.RELATIONSHIP,
                "intake.confirmation",
                new MailAddress("ana@example.org", "Ana Núñez"),
                "Recibimos su solicitud K7Q-4XM: elija quién le contacta",
                "Hola, Ana:\n\nGracias.\n",
                html,
                Map.of("List-Unsubscribe", "<https://p.example/email/unsubscribe/t>"),
                1);
    }

    private static MimeMessage read(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("out"))) {
            return s.toList();
        }
    }

    @Test
    void aMessageBecomesOneEmlFileKeepingItsMessageIdAndBothParts() throws Exception {
        FileMailTransport transport = new FileMailTransport(dir.resolve("out"), "portal@example.org");
        transport.send(mail("42.k3j4h5@cec-portal", Optional.of("<p>Hola, Ana:</p>")));

        assertEquals(List.of(dir.resolve("out/42.k3j4h5@cec-portal.eml")), files(), "no temporary file left");
        MimeMessage m = read(files().get(0));
        assertEquals("<42.k3j4h5@cec-portal>", m.getMessageID());
        assertEquals("Recibimos su solicitud K7Q-4XM: elija quién le contacta", m.getSubject());
        InternetAddress to = (InternetAddress) m.getAllRecipients()[0];
        assertEquals("ana@example.org", to.getAddress());
        assertEquals("Ana Núñez", to.getPersonal());
        assertEquals("portal@example.org", ((InternetAddress) m.getFrom()[0]).getAddress());
        assertEquals("<https://p.example/email/unsubscribe/t>", m.getHeader("List-Unsubscribe", null));
        Multipart parts = (Multipart) m.getContent();
        assertEquals(2, parts.getCount());
        assertEquals(
                "Hola, Ana:\n\nGracias.\n",
                parts.getBodyPart(0).getContent().toString().replace("\r\n", "\n"));
        assertTrue(parts.getBodyPart(1).isMimeType("text/html"));
    }

    @Test
    void theSameMessageSentAgainReplacesItsFile() throws Exception {
        FileMailTransport transport = new FileMailTransport(dir.resolve("out"), "portal@example.org");
        transport.send(mail("7.a@cec-portal", Optional.empty()));
        transport.send(mail("7.a@cec-portal", Optional.empty()));
        transport.send(mail("8.b@cec-portal", Optional.empty()));
        assertEquals(2, files().size());
        assertTrue(read(dir.resolve("out/7.a@cec-portal.eml")).isMimeType("text/plain"));
    }

    @Test
    void anUnsafeMessageIdCannotLeaveTheFolder() throws Exception {
        FileMailTransport transport = new FileMailTransport(dir.resolve("out"), "portal@example.org");
        OutgoingMail odd = mail("../../etc/x@cec-portal", Optional.empty());
        assertEquals(dir.resolve("out"), transport.fileOf(odd).getParent());
        transport.send(odd);
        assertEquals(1, files().size());
    }

    @Test
    void aFolderThatCannotBeWrittenIsATemporaryFailure() throws Exception {
        FileMailTransport transport = new FileMailTransport(dir.resolve("out"), "portal@example.org");
        Files.delete(dir.resolve("out"));
        Files.writeString(dir.resolve("out"), "a file, not a folder");
        MailTransportException e = assertThrows(
                MailTransportException.class, () -> transport.send(mail("9.c@cec-portal", Optional.empty())));
        assertEquals(false, e.permanent());
    }
}
