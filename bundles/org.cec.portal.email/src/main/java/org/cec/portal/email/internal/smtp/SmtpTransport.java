package org.cec.portal.email.internal.smtp;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.cec.portal.api.email.MailTransport;
import org.cec.portal.api.email.MailTransportException;
import org.cec.portal.api.email.OutgoingMail;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The built-in {@link MailTransport}: SMTP through Jakarta Mail (Angus Mail). Registered only while
 * {@value #PID} is configured. Connections are kept open and reused (one per sender thread at a time,
 * up to {@code connections}); one idle too long is closed and opened again. A 4xx reply or a failed
 * connection is temporary (the message is tried again later), a 5xx reply is permanent.
 */
@Component(
        service = MailTransport.class,
        configurationPid = SmtpTransport.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SmtpSettings.class)
public final class SmtpTransport implements MailTransport {

    public static final String PID = "org.cec.portal.email.smtp";

    /** A connection idle longer than this is not trusted (servers drop idle clients) and is opened again. */
    private static final long MAX_IDLE_MILLIS = 20_000;

    private static final ClassLoader MAIL_LOADER = SMTPSendFailedException.class.getClassLoader();

    private record Pooled(Transport transport, long lastUsed) {}

    private final Session session;
    private final InternetAddress from;
    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final String description;
    private final BlockingQueue<Pooled> idle;
    private volatile boolean closed;

    @Activate
    public SmtpTransport(SmtpSettings settings) {
        this.host = settings.host() == null ? "" : settings.host().strip();
        if (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException(PID + ": host is required (the SMTP server's name)");
        }
        this.port = settings.port();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(PID + ": port must be 1 to 65535");
        }
        try {
            this.from = new InternetAddress(
                    settings.from() == null ? "" : settings.from().strip(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException(PID + ": from is not an email address (" + e.getMessage() + ")", e);
        }
        this.username = settings.username() == null ? "" : settings.username().strip();
        this.password = settings.password() == null ? "" : settings.password();
        String protocol = settings.ssl() ? "smtps" : "smtp";
        long timeout = Math.max(1, Math.min(300, settings.timeout_seconds())) * 1000L;
        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", protocol);
        String prefix = "mail." + protocol + ".";
        p.setProperty(prefix + "host", host);
        p.setProperty(prefix + "port", Integer.toString(port));
        p.setProperty(prefix + "connectiontimeout", Long.toString(timeout));
        p.setProperty(prefix + "timeout", Long.toString(timeout));
        p.setProperty(prefix + "writetimeout", Long.toString(timeout));
        p.setProperty(prefix + "auth", Boolean.toString(!username.isEmpty()));
        p.setProperty(prefix + "starttls.enable", Boolean.toString(settings.starttls()));
        p.setProperty(prefix + "starttls.required", Boolean.toString(settings.starttls()));
        p.setProperty(prefix + "ssl.checkserveridentity", "true");
        p.setProperty(prefix + "from", from.getAddress());
        try {
            this.session = withMailLoader(() -> Session.getInstance(p));
        } catch (MessagingException e) {
            throw new IllegalStateException(PID + ": Jakarta Mail cannot start: " + e.getMessage(), e);
        }
        this.description = protocol + " " + host + ":" + port;
        this.idle = new ArrayBlockingQueue<>(Math.max(1, Math.min(32, settings.connections())));
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void send(OutgoingMail mail) throws MailTransportException {
        // Jakarta Activation keeps its command map (which handler writes text/plain, multipart/...) per
        // context class loader: the whole send runs with Angus Mail's, whose mailcap names them.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(MAIL_LOADER);
        try {
            sendWithMailLoader(mail);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void sendWithMailLoader(OutgoingMail mail) throws MailTransportException {
        MimeMessage message = message(mail);
        Pooled pooled = idle.poll();
        if (pooled != null && System.currentTimeMillis() - pooled.lastUsed() > MAX_IDLE_MILLIS) {
            close(pooled.transport());
            pooled = null;
        }
        Transport transport;
        boolean reused = pooled != null;
        try {
            transport = reused ? pooled.transport() : connect();
        } catch (MessagingException e) {
            throw failure(e);
        }
        try {
            sendOn(transport, message);
        } catch (MessagingException e) {
            close(transport);
            if (!reused || replyCode(e) > 0) {
                throw failure(e);
            }
            // A reused connection the server had dropped: once more on a new one.
            try {
                transport = connect();
                sendOn(transport, message);
            } catch (MessagingException again) {
                close(transport);
                throw failure(again);
            }
        }
        if (closed || !idle.offer(new Pooled(transport, System.currentTimeMillis()))) {
            close(transport);
        }
    }

    private MimeMessage message(OutgoingMail mail) throws MailTransportException {
        try {
            MimeMessage message = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + mail.messageId() + ">");
                }
            };
            message.setFrom(from);
            message.setRecipient(
                    Message.RecipientType.TO,
                    new InternetAddress(
                            mail.to().address(),
                            mail.to().name().isEmpty() ? null : mail.to().name(),
                            "UTF-8"));
            message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            if (mail.html().isPresent()) {
                MimeMultipart alternative = new MimeMultipart("alternative");
                MimeBodyPart text = new MimeBodyPart();
                text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
                MimeBodyPart html = new MimeBodyPart();
                html.setText(mail.html().get(), StandardCharsets.UTF_8.name(), "html");
                alternative.addBodyPart(text);
                alternative.addBodyPart(html);
                message.setContent(alternative);
            } else {
                message.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
            }
            for (var header : mail.headers().entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
            withMailLoader(() -> {
                message.saveChanges();
                return null;
            });
            return message;
        } catch (MessagingException | UnsupportedEncodingException e) {
            // The message itself cannot be made (an address the server would refuse too): never better.
            throw new MailTransportException("The message cannot be encoded: " + e.getMessage(), true, e);
        }
    }

    private Transport connect() throws MessagingException {
        return withMailLoader(() -> {
            Transport t = session.getTransport();
            if (username.isEmpty()) {
                t.connect();
            } else {
                t.connect(host, port, username, password);
            }
            return t;
        });
    }

    private static void sendOn(Transport transport, MimeMessage message) throws MessagingException {
        Address[] to = message.getAllRecipients();
        transport.sendMessage(message, to);
    }

    /** A 5xx reply is permanent; a 4xx reply, a failed login, a lost connection or a timeout is temporary. */
    private MailTransportException failure(MessagingException e) {
        int code = replyCode(e);
        boolean permanent = code >= 500 && code < 600 && !(e instanceof AuthenticationFailedException);
        String reason = code > 0 ? "the server answered " + code : "no answer from " + description;
        Throwable cause = e.getCause();
        String detail = cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")";
        return new MailTransportException(reason + ": " + e.getMessage() + detail, permanent, e);
    }

    /** The SMTP reply code in the failure (or its causes), or 0 when the server gave none. */
    static int replyCode(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 10; t = t.getCause(), depth++) {
            if (t instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
            if (t instanceof SMTPSenderFailedException s) {
                return s.getReturnCode();
            }
            if (t instanceof SMTPSendFailedException s) {
                return s.getReturnCode();
            }
        }
        return 0;
    }

    private static void close(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            // Going anyway.
        }
    }

    @Deactivate
    void deactivate() {
        closed = true;
        Pooled p;
        while ((p = idle.poll()) != null) {
            close(p.transport());
        }
    }

    private interface MailCall<T> {
        T call() throws MessagingException;
    }

    /**
     * Runs {@code call} with Angus Mail's class loader as the context class loader: Jakarta Mail finds
     * its implementation (providers, stream provider, mailcap) through it when no ServiceLoader mediator
     * has wired it.
     */
    private static <T> T withMailLoader(MailCall<T> call) throws MessagingException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(MAIL_LOADER);
        try {
            return call.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
