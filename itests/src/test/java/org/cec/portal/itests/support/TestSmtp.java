package org.cec.portal.itests.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP server for the email tests: GreenMail on a free port of localhost, accepting any
 * recipient. Point the portal at it with {@link #writeConfig(Path)} (into the installation's {@code
 * etc/} or {@code deploy/} folder), then {@link #await} the messages and read them.
 *
 * <pre>{@code
 * try (TestSmtp smtp = TestSmtp.start();
 *         RunningPortal portal = RunningPortal.start("mail", home -> smtp.writeConfig(home.resolve("etc")))) {
 *     ...
 *     List<MimeMessage> mail = smtp.await(1, Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class TestSmtp implements AutoCloseable {

    /** The configuration PID of the portal's SMTP transport. */
    public static final String PID = "org.cec.portal.email.smtp";

    private final GreenMail server;
    private final int port;

    private TestSmtp(int port) {
        this.port = port;
        this.server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    /** Starts a server on a free port. */
    public static TestSmtp start() throws IOException {
        return new TestSmtp(freePort());
    }

    /** Starts a server on {@code port} (to bring back a stopped server at the address the portal knows). */
    public static TestSmtp startOn(int port) {
        return new TestSmtp(port);
    }

    public int port() {
        return port;
    }

    /** The transport's configuration for this server, as {@code .cfg} properties. */
    public String config(String from) {
        return "host=127.0.0.1\nport=" + port + "\nstarttls=false\nfrom=" + from + "\n";
    }

    /** Writes {@code org.cec.portal.email.smtp.cfg} for this server into {@code folder}; returns the file. */
    public Path writeConfig(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(PID + ".cfg");
        Path tmp = folder.resolve(PID + ".cfg.tmp");
        Files.writeString(tmp, config("portal@cec-portal.test"));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /**
     * Waits until at least {@code count} messages have arrived (in all) and returns all of them, or fails
     * with how many came.
     */
    public List<MimeMessage> await(int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            MimeMessage[] received = server.getReceivedMessages();
            if (received.length >= count) {
                return List.of(received);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Expected " + count + " messages at the SMTP server within " + timeout + ", got "
                + server.getReceivedMessages().length);
    }

    /**
     * Waits until at least {@code count} messages to {@code address} have arrived and returns them in
     * order, or fails with how many came.
     */
    public List<MimeMessage> awaitTo(String address, int count, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<MimeMessage> found = to(address);
            if (found.size() >= count) {
                return found;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("Expected " + count + " messages to " + address + " within " + timeout
                        + ", got " + found.size());
            }
            Thread.sleep(100);
        }
    }

    /** The messages received so far. */
    public List<MimeMessage> received() {
        return List.of(server.getReceivedMessages());
    }

    /** Messages received so far, by {@code Message-ID} header, each with how often it arrived. */
    public Map<String, Integer> countByMessageId() throws MessagingException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (MimeMessage m : server.getReceivedMessages()) {
            counts.merge(m.getMessageID(), 1, Integer::sum);
        }
        return counts;
    }

    /** The messages sent to {@code address}. */
    public List<MimeMessage> to(String address) throws MessagingException {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : server.getReceivedMessages()) {
            for (var r : m.getAllRecipients()) {
                if (r.toString()
                        .toLowerCase(java.util.Locale.ROOT)
                        .contains(address.toLowerCase(java.util.Locale.ROOT))) {
                    found.add(m);
                    break;
                }
            }
        }
        return found;
    }

    /** Forgets the messages received so far. */
    public void clear() throws Exception {
        server.purgeEmailFromAllMailboxes();
    }

    @Override
    public void close() {
        server.stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The plain-text part of a message, with Unix line ends. */
    public static String text(MimeMessage m) throws Exception {
        return part(m, "text/plain").replace("\r\n", "\n");
    }

    /** The HTML part of a message. */
    public static String html(MimeMessage m) throws Exception {
        return part(m, "text/html");
    }

    private static String part(MimeMessage m, String type) throws Exception {
        if (m.isMimeType(type)) {
            return m.getContent().toString();
        }
        if (m.getContent() instanceof jakarta.mail.Multipart multi) {
            for (int i = 0; i < multi.getCount(); i++) {
                jakarta.mail.BodyPart p = multi.getBodyPart(i);
                if (p.isMimeType(type)) {
                    return p.getContent().toString();
                }
            }
        }
        throw new AssertionError("no " + type + " part in " + m.getSubject());
    }
}
