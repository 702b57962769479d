package org.cec.portal.email.internal.outbox;

import java.net.URI;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.cec.portal.api.data.CurrentTransaction;
import org.cec.portal.api.email.MailRefusedException;
import org.cec.portal.api.email.MailTransport;
import org.cec.portal.api.email.MailTransportException;
import org.cec.portal.api.email.OutgoingMail;
import org.cec.portal.email.internal.EmailSettings;
import org.cec.portal.email.internal.MessageRenderer;
import org.cec.portal.testing.ModuleTestDatabase;

/** The outbox on a real database, with a renderer, a caller's transaction and a transport of the test's own. */
final class OutboxFixture implements AutoCloseable {

    /** The caller's transaction as the platform gives it: a connection the test sets while it runs one. */
    static final class CallersTransaction implements CurrentTransaction {
        final ThreadLocal<Connection> connection = new ThreadLocal<>();
        final ThreadLocal<List<Runnable>> after = new ThreadLocal<>();

        @Override
        public Optional<Connection> connection() {
            return Optional.ofNullable(connection.get());
        }

        @Override
        public void afterCommit(Runnable action) {
            if (after.get() == null) {
                action.run();
            } else {
                after.get().add(action);
            }
        }
    }

    /** Renders "Hello {name}" (or a subject given as the model's {@code subject}). */
    static final MessageRenderer RENDERER = (message, extra) -> {
        if (message.type().equals("unknown.type")) {
            throw new MailRefusedException(MailRefusedException.Reason.UNKNOWN_TYPE, "no template");
        }
        String subject = String.valueOf(message.model()
                .getOrDefault("subject", "Hello " + message.model().get("name")));
        // every message gets portalUrl (the base of links); the text shows the other extras
        java.util.Map<String, Object> shown = new java.util.TreeMap<>(extra);
        shown.remove("portalUrl");
        String text = "Text for " + message.model().get("name") + (shown.isEmpty() ? "" : " " + shown);
        return new MessageRenderer.Rendered(subject, text, Optional.of("<p>" + text + "</p>"));
    };

    /** A transport that records what it was handed, and fails as the test says. */
    static final class RecordingTransport implements MailTransport {
        final List<OutgoingMail> sent = new CopyOnWriteArrayList<>();
        final AtomicReference<MailTransportException> failWith = new AtomicReference<>();

        @Override
        public String describe() {
            return "recording";
        }

        @Override
        public void send(OutgoingMail mail) throws MailTransportException {
            MailTransportException failure = failWith.get();
            if (failure != null) {
                throw failure;
            }
            sent.add(mail);
        }
    }

    final ModuleTestDatabase db;
    final CallersTransaction callers = new CallersTransaction();
    final OutboxSignal signal = new OutboxSignal();
    final OutboxStore store = new OutboxStore();
    final EmailSettings settings;
    final OutboxMailer mailer;
    final AtomicReference<MailTransport> transport = new AtomicReference<>();

    OutboxFixture(String kind, String postalAddress, long retryDelayMillis, long leaseMillis) throws Exception {
        db = ModuleTestDatabase.create(kind, "email");
        settings = new EmailSettings(
                URI.create("https://portal.example.org"),
                postalAddress,
                3,
                10,
                3,
                retryDelayMillis,
                retryDelayMillis * 8,
                leaseMillis);
        mailer = new OutboxMailer(db, callers, RENDERER, settings, signal, store, Clock.systemUTC());
    }

    OutboxFixture(String kind) throws Exception {
        this(kind, "1 Main St, Springfield", 60_000, 120_000);
    }

    Sender sender() {
        return new Sender(db, store, db, settings, signal, transport::get, Clock.systemUTC());
    }

    long count(String where) {
        return ((Number) db.rows("SELECT COUNT(*) FROM email_outbox WHERE " + where)
                        .get(0)[0])
                .longValue();
    }

    Map<String, Object> row(long id) {
        Object[] r = db.rows(
                        "SELECT status, attempts, next_attempt_at, last_error, message_id, headers FROM email_outbox"
                                + " WHERE id = " + id)
                .get(0);
        return Map.of(
                "status",
                r[0],
                "attempts",
                ((Number) r[1]).intValue(),
                "next",
                ((Number) r[2]).longValue(),
                "error",
                r[3] == null ? "" : r[3],
                "messageId",
                r[4],
                "headers",
                r[5]);
    }

    @Override
    public void close() throws Exception {
        db.close();
    }
}
