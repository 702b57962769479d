package org.cec.portal.email.internal.outbox;

import jakarta.json.spi.JsonProvider;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.email.MailTransport;
import org.cec.portal.api.email.MailTransportException;
import org.cec.portal.api.email.OutgoingMail;
import org.cec.portal.api.events.PortalEvents;
import org.cec.portal.email.internal.EmailSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox: worker threads that each claim a batch of due messages (a short transaction,
 * {@code FOR UPDATE SKIP LOCKED}, with a lease), hand them one by one to the transport, then record
 * every outcome of the batch in one transaction: sent (with the event {@code email.sent}), due again
 * after a growing delay, or given up (with {@code email.failed}). While no transport is there nothing
 * is claimed. A node killed in the middle of a batch leaves its claims to run out; another node (or
 * this one, restarted) claims them again, so a message is never lost, and a message that had already
 * reached the server goes again with the same {@code Message-ID}.
 */
final class Sender {

    /** Found once: looking the JSON-P provider up (Json.create...) searches the bundles on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);
    private static final long IDLE_MILLIS = 1_000;
    private static final long DATABASE_RETRY_MILLIS = 2_000;
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'(),;:]+@[^\\s<>\"'(),;:]+");

    /** What happened to one claimed message. */
    private record Outcome(OutgoingMail mail, Kind kind, String error, long nextAt) {}

    private enum Kind {
        SENT,
        RETRY,
        RELEASE,
        FAILED
    }

    private final ModuleDatabase db;
    private final OutboxStore store;
    private final PortalEvents events;
    private final EmailSettings settings;
    private final OutboxSignal signal;
    private final Supplier<MailTransport> transport;
    private final Clock clock;
    private final String node = UUID.randomUUID().toString();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean stopping;
    private volatile String lastProblem;

    Sender(
            ModuleDatabase db,
            OutboxStore store,
            PortalEvents events,
            EmailSettings settings,
            OutboxSignal signal,
            Supplier<MailTransport> transport,
            Clock clock) {
        this.db = db;
        this.store = store;
        this.events = events;
        this.settings = settings;
        this.signal = signal;
        this.transport = transport;
        this.clock = clock;
    }

    void start() {
        stopping = false;
        for (int i = 0; i < settings.senderThreads(); i++) {
            int worker = i;
            Thread t = new Thread(() -> loop(worker), "cec-email-sender-" + (i + 1));
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /**
     * Stops the workers: each finishes the message it is handing over, puts the rest of its batch back
     * and records it. Never interrupts (an interrupt during file I/O can close H2's file channel).
     */
    void stop() {
        stopping = true;
        signal.wake();
        for (Thread t : workers) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        workers.clear();
    }

    /** The last problem the sender met (a database or transport failure), or null. */
    String lastProblem() {
        return lastProblem;
    }

    private void loop(int worker) {
        while (!stopping) {
            long seen = signal.generation();
            try {
                if (transport.get() == null || runOnce(worker) == 0) {
                    signal.await(seen, IDLE_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                lastProblem = "The outbox cannot be read or written: " + e.getMessage();
                LOG.warn(
                        "The email sender cannot work with the outbox, trying again shortly: {}", redact(e.toString()));
                try {
                    signal.await(seen, DATABASE_RETRY_MILLIS);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Claims, sends and records one batch; returns how many messages it claimed. */
    int runOnce() {
        return runOnce(0);
    }

    /**
     * As {@link #runOnce()} for the {@code worker}-th sender thread: it looks first at its own window
     * of the due messages (the {@code worker}-th batch of them), so that the threads of a node do not
     * all reach for the same rows at once, and at the first batch when its window is empty.
     */
    int runOnce(int worker) {
        long now = clock.millis();
        int size = settings.batchSize();
        List<OutgoingMail> batch = db.inTransaction(em -> {
            Connection c = em.unwrap(Connection.class);
            long leaseUntil = now + settings.leaseMillis();
            List<OutgoingMail> mine = store.claim(c, node, now, leaseUntil, size, worker * size);
            return mine.isEmpty() && worker > 0 ? store.claim(c, node, now, leaseUntil, size, 0) : mine;
        });
        if (batch.isEmpty()) {
            return 0;
        }
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (OutgoingMail mail : batch) {
            outcomes.add(send(mail));
        }
        record(outcomes);
        return batch.size();
    }

    private Outcome send(OutgoingMail mail) {
        MailTransport t = transport.get();
        if (stopping || t == null) {
            return new Outcome(mail, Kind.RELEASE, "The sender stopped before this message", clock.millis());
        }
        try {
            t.send(mail);
            return new Outcome(mail, Kind.SENT, null, 0);
        } catch (MailTransportException e) {
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (e.permanent() || mail.attempt() >= settings.maxAttempts()) {
                LOG.warn(
                        "Message {} ({}) given up after attempt {}: {}",
                        mail.outboxId(),
                        mail.type(),
                        mail.attempt(),
                        redact(error));
                return new Outcome(mail, Kind.FAILED, error, 0);
            }
            long delay = settings.retryDelayMillis(mail.attempt());
            lastProblem = t.describe() + ": " + redact(error);
            LOG.info(
                    "Message {} ({}) not sent on attempt {}, again in {} s: {}",
                    mail.outboxId(),
                    mail.type(),
                    mail.attempt(),
                    delay / 1000,
                    redact(error));
            return new Outcome(mail, Kind.RETRY, error, clock.millis() + delay);
        } catch (RuntimeException e) {
            if (transport.get() != t) {
                // The transport went (or was replaced) while it had the message: the next one sends it.
                return new Outcome(mail, Kind.RELEASE, "The transport went away: " + e, clock.millis());
            }
            long delay = settings.retryDelayMillis(mail.attempt());
            LOG.warn(
                    "Transport {} failed on message {} ({}), again in {} s: {}",
                    t.describe(),
                    mail.outboxId(),
                    mail.type(),
                    delay / 1000,
                    redact(e.toString()));
            if (mail.attempt() >= settings.maxAttempts()) {
                return new Outcome(mail, Kind.FAILED, e.toString(), 0);
            }
            return new Outcome(mail, Kind.RETRY, e.toString(), clock.millis() + delay);
        }
    }

    private void record(List<Outcome> outcomes) {
        long now = clock.millis();
        db.inTransaction(em -> {
            Connection c = em.unwrap(Connection.class);
            List<Long> sent = new ArrayList<>();
            for (Outcome o : outcomes) {
                switch (o.kind()) {
                    case SENT -> sent.add(o.mail().outboxId());
                    case RETRY -> store.retry(c, o.mail().outboxId(), node, o.nextAt(), o.error(), true);
                    case RELEASE -> store.retry(c, o.mail().outboxId(), node, o.nextAt(), o.error(), false);
                    case FAILED -> store.fail(c, o.mail().outboxId(), node, o.error(), now);
                }
            }
            store.markSent(c, sent, node, now);
            for (Outcome o : outcomes) {
                if (o.kind() == Kind.SENT) {
                    events.append("email.sent", payload(o.mail(), false));
                } else if (o.kind() == Kind.FAILED) {
                    events.append("email.failed", payload(o.mail(), true));
                }
            }
            return null;
        });
    }

    private static String payload(OutgoingMail mail, boolean withAttempts) {
        // No address, no content: the event log is kept, and consumers look the message up if they must.
        jakarta.json.JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", mail.outboxId())
                .add("messageId", mail.messageId())
                .add("type", mail.type())
                .add("kind", mail.kind().name().toLowerCase(java.util.Locale.ROOT));
        if (withAttempts) {
            json.add("attempts", mail.attempt());
        }
        return json.build().toString();
    }

    /** An error text without the email addresses it may name (the logs never hold personal data). */
    static String redact(String text) {
        return text == null ? "" : ADDRESS.matcher(text).replaceAll("<address>");
    }
}
