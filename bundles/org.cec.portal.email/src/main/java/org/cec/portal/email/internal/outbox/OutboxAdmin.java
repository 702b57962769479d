package org.cec.portal.email.internal.outbox;

import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.cec.portal.api.data.ModuleDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What the console "Email" reads and changes in the outbox and the suppression list: the messages,
 * newest first; retry now and cancel of one message; the suppression list; the last messages sent
 * with their parts. Each call runs in a transaction of its own; the sender is woken after a retry.
 */
@Component(service = OutboxAdmin.class)
public final class OutboxAdmin {

    /** The statuses a message can have. */
    public static final Set<String> STATUSES = Set.of(
            OutboxStore.QUEUED,
            OutboxStore.SENDING,
            OutboxStore.SENT,
            OutboxStore.FAILED,
            OutboxStore.CANCELLED,
            OutboxStore.BOUNCED);

    /** A message; {@code text} and {@code html} are null except for {@link #lastSent}. */
    public record Message(
            long id,
            String messageId,
            String kind,
            String type,
            String status,
            String recipient,
            int attempts,
            long nextAttemptAt,
            long createdAt,
            Long sentAt,
            String lastError,
            String subject,
            String text,
            String html) {}

    /** One page of messages and how many the filter selects in all. */
    public record Page(List<Message> messages, long total) {}

    /** An address on the suppression list. */
    public record Suppressed(String address, String reason, int hardBounces, long createdAt) {}

    /** What a retry or cancel did. */
    public enum Change {
        DONE,
        UNKNOWN,
        NOT_POSSIBLE
    }

    private final ModuleDatabase db;
    private final OutboxSignal signal;
    private final OutboxStore store;
    private final Clock clock;

    @Activate
    public OutboxAdmin(
            @Reference(target = "(" + ModuleDatabase.MODULE_PROPERTY + "=email)") ModuleDatabase db,
            @Reference OutboxSignal signal) {
        this(db, signal, new OutboxStore(), Clock.systemUTC());
    }

    OutboxAdmin(ModuleDatabase db, OutboxSignal signal, OutboxStore store, Clock clock) {
        this.db = db;
        this.signal = signal;
        this.store = store;
        this.clock = clock;
    }

    /**
     * @param status one of {@link #STATUSES}, or empty for any
     * @param recipientPrefix the start of the recipient's address (any case), or empty
     */
    public Page messages(Optional<String> status, String recipientPrefix, int offset, int limit) {
        String s = status.orElse(null);
        String prefix = recipientPrefix.strip().toLowerCase(Locale.ROOT);
        return db.read(em -> {
            Connection c = em.unwrap(Connection.class);
            List<Message> rows = store.list(c, s, prefix, offset, limit).stream()
                    .map(OutboxAdmin::message)
                    .toList();
            return new Page(rows, store.count(c, s, prefix));
        });
    }

    public List<Message> lastSent(int limit) {
        return db.read(em -> store.lastSent(em.unwrap(Connection.class), limit).stream()
                .map(OutboxAdmin::message)
                .toList());
    }

    /** Makes a waiting or failed message due now. */
    public Change retryNow(long id) {
        Change change = db.inTransaction(em -> {
            Connection c = em.unwrap(Connection.class);
            if (store.find(c, id).isEmpty()) {
                return Change.UNKNOWN;
            }
            return store.retryNow(c, id, clock.millis()) ? Change.DONE : Change.NOT_POSSIBLE;
        });
        if (change == Change.DONE) {
            signal.wake();
        }
        return change;
    }

    /** Cancels a queued message: it is never sent. */
    public Change cancel(long id) {
        return db.inTransaction(em -> {
            Connection c = em.unwrap(Connection.class);
            if (store.find(c, id).isEmpty()) {
                return Change.UNKNOWN;
            }
            return store.cancel(c, id) ? Change.DONE : Change.NOT_POSSIBLE;
        });
    }

    public List<Suppressed> suppressions(int limit) {
        return db.read(em -> store.suppressions(em.unwrap(Connection.class), limit).stream()
                .map(x -> new Suppressed(x.address(), x.reason(), x.hardBounces(), x.createdAt()))
                .toList());
    }

    /** Puts a normalised address on the list; whether it was not on it yet. */
    public boolean suppress(String normalisedAddress, String reason) {
        return db.inTransaction(em -> {
            Connection c = em.unwrap(Connection.class);
            boolean added = !store.suppressed(c, normalisedAddress);
            store.suppress(c, normalisedAddress, reason, clock.millis());
            return added;
        });
    }

    /** Takes a normalised address off the list; whether it was on it. */
    public boolean unsuppress(String normalisedAddress) {
        return db.inTransaction(em -> store.unsuppress(em.unwrap(Connection.class), normalisedAddress));
    }

    private static Message message(OutboxStore.Row r) {
        return new Message(
                r.id(),
                r.messageId(),
                r.kind(),
                r.type(),
                r.status(),
                r.recipient(),
                r.attempts(),
                r.nextAttemptAt(),
                r.createdAt(),
                r.sentAt(),
                r.lastError(),
                r.subject(),
                r.text(),
                r.html());
    }
}
