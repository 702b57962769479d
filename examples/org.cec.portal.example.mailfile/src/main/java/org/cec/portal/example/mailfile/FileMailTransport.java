package org.cec.portal.example.mailfile;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.cec.portal.api.email.MailTransport;
import org.cec.portal.api.email.MailTransportException;
import org.cec.portal.api.email.OutgoingMail;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MailTransport} that writes each message as an {@code .eml} file (RFC 5322, as Jakarta Mail's
 * {@link MimeMessage#writeTo} writes it) into a folder, named after its {@code Message-ID}, which it
 * keeps. Its {@code service.ranking} (100) is above the built-in SMTP transport's, so deploying this
 * bundle swaps it in while messages keep flowing; removing it swaps SMTP back. A message written again
 * (sent again after a swap or a crash) replaces its own file. Configuration PID {@value #PID}.
 */
@Component(
        service = MailTransport.class,
        configurationPid = FileMailTransport.PID,
        property = Constants.SERVICE_RANKING + ":Integer=" + FileMailTransport.RANKING)
@Designate(ocd = FileMailTransport.Config.class)
public final class FileMailTransport implements MailTransport {

    static final String PID = "org.cec.portal.example.mailfile";
    static final int RANKING = 100;

    private static final Logger LOG = LoggerFactory.getLogger(FileMailTransport.class);
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._@-]");

    @ObjectClassDefinition(
            name = "Example: mail written to .eml files",
            description = "A partner plugin that replaces SMTP: every message becomes a file in a folder.")
    public @interface Config {
        @AttributeDefinition(
                name = "Folder",
                description = "Where the .eml files go; a relative path is below the portal's data folder.")
        String folder() default "mailfile";

        @AttributeDefinition(name = "From", description = "The sender written into each message.")
        String from() default "portal@localhost";
    }

    private final Path folder;
    private final InternetAddress from;
    private final Session session = Session.getInstance(new Properties());

    @Activate
    public FileMailTransport(BundleContext context, Config config) throws IOException {
        this(base(context).resolve(config.folder()), config.from());
    }

    /** A transport writing into {@code folder} (created when missing). */
    FileMailTransport(Path folder, String from) throws IOException {
        this.folder = Files.createDirectories(folder.toAbsolutePath().normalize());
        try {
            this.from = new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("from is not an email address: " + e.getMessage(), e);
        }
        LOG.info("Mail is written as .eml files into {}", this.folder);
    }

    private static Path base(BundleContext context) {
        String dataDir = context.getProperty("cec.data.dir");
        return Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir);
    }

    @Override
    public String describe() {
        return "mailfile " + folder;
    }

    /** The file a message is written to. */
    Path fileOf(OutgoingMail mail) {
        return folder.resolve(UNSAFE.matcher(mail.messageId()).replaceAll("_") + ".eml");
    }

    @Override
    public void send(OutgoingMail mail) throws MailTransportException {
        Path target = fileOf(mail);
        Path part = folder.resolve("." + target.getFileName() + ".part");
        try {
            MimeMessage message = message(mail);
            try (OutputStream out = Files.newOutputStream(part)) {
                message.writeTo(out);
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AddressException e) {
            throw new MailTransportException("The recipient's address is not valid", true, e);
        } catch (MessagingException | IOException e) {
            throw new MailTransportException(
                    "Could not write " + target.getFileName() + ": " + e.getMessage(), false, e);
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException e) {
                LOG.warn("Could not delete {}: {}", part.getFileName(), e.getMessage());
            }
        }
    }

    private MimeMessage message(OutgoingMail mail) throws MessagingException, IOException {
        MimeMessage message = new KeptIdMessage(session, mail.messageId());
        message.setFrom(from);
        message.setRecipient(
                MimeMessage.RecipientType.TO,
                new InternetAddress(mail.to().address(), mail.to().name(), StandardCharsets.UTF_8.name()));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        if (mail.html().isPresent()) {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.html().get(), StandardCharsets.UTF_8.name(), "html");
            message.setContent(new MimeMultipart("alternative", text, html));
        } else {
            message.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
        }
        for (Map.Entry<String, String> h : mail.headers().entrySet()) {
            message.setHeader(h.getKey(), h.getValue());
        }
        message.saveChanges();
        return message;
    }

    /** A message whose {@code Message-ID} is the outbox's, not one Jakarta Mail makes up. */
    private static final class KeptIdMessage extends MimeMessage {
        private final String id;

        KeptIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + id + ">");
        }
    }
}
