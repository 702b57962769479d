package org.cec.portal.email.internal.bounces;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the bounce mailbox ({@link BounceMailboxConfig}) every {@code poll.seconds}: each unread message
 * that is a delivery status notification naming the message that bounced ({@link DeliveryStatusReports})
 * is recorded through {@link Bounces}, exactly as a webhook report, and then deleted from the mailbox;
 * any other message is marked read and left for a person. A message is deleted only after its bounces
 * are committed, so a crash in between reads it again (its hard bounce naming the same message is then
 * not counted twice). The log names counts, never an address.
 */
@Component(
        service = {},
        configurationPid = BounceMailboxConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = BounceMailboxConfig.class)
public final class BounceMailbox {

    /** The most messages read in one go; the rest wait for the next read. */
    static final int MAX_PER_READ = 200;

    /** A message larger than this is no notification to read (the original it quotes included). */
    static final int MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(BounceMailbox.class);

    /** Angus Mail's loader: Jakarta Mail finds the IMAP provider and the multipart handlers through it. */
    private static final ClassLoader MAIL_LOADER = IMAPStore.class.getClassLoader();

    /** What one read found. */
    record Read(int reports, int hard, int soft, int others) {}

    private final Bounces bounces;
    private final Session session;
    private final String protocol;
    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final String folder;
    private final ScheduledExecutorService reader;
    private volatile String lastFailure = "";

    @Activate
    public BounceMailbox(BounceMailboxConfig config, @Reference Bounces bounces) {
        this(config, bounces, true);
    }

    BounceMailbox(BounceMailboxConfig config, Bounces bounces, boolean schedule) {
        this.bounces = bounces;
        this.host = config.host().strip();
        this.port = config.port();
        this.username = config.username();
        this.password = config.password();
        this.folder = config.folder().isBlank() ? "INBOX" : config.folder().strip();
        String security = config.security().strip().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || username.isEmpty() || password.isEmpty()) {
            throw new IllegalArgumentException(BounceMailboxConfig.PID + ": host, username and password are required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(BounceMailboxConfig.PID + ": port must be 1 to 65535");
        }
        if (!List.of("ssl", "starttls", "none").contains(security)) {
            throw new IllegalArgumentException(BounceMailboxConfig.PID + ": security must be ssl, starttls or none");
        }
        this.protocol = security.equals("ssl") ? "imaps" : "imap";
        Properties p = new Properties();
        String prefix = "mail." + protocol + ".";
        p.setProperty("mail.store.protocol", protocol);
        p.setProperty(prefix + "connectiontimeout", "10000");
        p.setProperty(prefix + "timeout", "30000");
        p.setProperty(prefix + "writetimeout", "30000");
        if (security.equals("starttls")) {
            p.setProperty(prefix + "starttls.enable", "true");
            p.setProperty(prefix + "starttls.required", "true");
        }
        if (!security.equals("none")) {
            p.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        this.session = Session.getInstance(p);
        int every = Math.max(10, Math.min(3600, config.poll_seconds()));
        this.reader = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cec-email-bounce-mailbox");
            t.setDaemon(true);
            t.setContextClassLoader(MAIL_LOADER);
            return t;
        });
        if (schedule) {
            reader.scheduleWithFixedDelay(this::readLogged, 2, every, TimeUnit.SECONDS);
        }
        LOG.info("Bounce mailbox: reading {} {}:{} folder {} every {} s", protocol, host, port, folder, every);
    }

    @Deactivate
    void deactivate() {
        reader.shutdownNow();
    }

    private void readLogged() {
        try {
            Read read = read();
            lastFailure = "";
            if (read.reports() > 0 || read.others() > 0) {
                LOG.info(
                        "Bounce mailbox: {} notification(s) read ({} hard, {} soft bounce(s)) and deleted; {} other"
                                + " message(s) marked read and left",
                        read.reports(),
                        read.hard(),
                        read.soft(),
                        read.others());
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            String failure =
                    e.getClass().getSimpleName() + ": " + BounceReports.oneLine(String.valueOf(e.getMessage()));
            if (!failure.equals(lastFailure)) {
                // once per kind of failure, one line: the server may be down for a while
                LOG.warn("Bounce mailbox: cannot read {}:{} ({}); trying again later", host, port, failure);
                lastFailure = failure;
            }
        }
    }

    /** Reads the unread messages once. */
    Read read() throws MessagingException, IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(MAIL_LOADER);
        try (Store store = session.getStore(protocol)) {
            store.connect(host, port, username, password);
            Folder inbox = store.getFolder(folder);
            inbox.open(Folder.READ_WRITE);
            int reports = 0, hard = 0, soft = 0, others = 0;
            try {
                Message[] unread = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                for (int i = 0; i < Math.min(unread.length, MAX_PER_READ); i++) {
                    Message m = unread[i];
                    List<BounceReport> found =
                            m.getSize() > MAX_MESSAGE_BYTES ? List.of() : DeliveryStatusReports.of(m);
                    if (found.isEmpty()) {
                        m.setFlag(Flags.Flag.SEEN, true);
                        others++;
                        continue;
                    }
                    Bounces.Outcome outcome = bounces.record(new ArrayList<>(found));
                    m.setFlag(Flags.Flag.DELETED, true);
                    reports++;
                    hard += outcome.hard();
                    soft += outcome.soft();
                }
            } finally {
                inbox.close(true); // expunges the deleted notifications
            }
            return new Read(reports, hard, soft, others);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
