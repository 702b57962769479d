package org.cec.portal.platform.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.cec.portal.api.events.EventConsumer;
import org.cec.portal.api.events.PortalEvent;
import org.cec.portal.platform.internal.ConsumerPositions.ConsumerRow;
import org.cec.portal.platform.internal.ParkedEvents.Parked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to {@link EventConsumer}s, each in id order, at least once, from its stored
 * position.
 *
 * <p>One batch of one consumer is a transaction that first locks the consumer's row with {@code
 * SELECT ... FOR UPDATE SKIP LOCKED}: on several portal nodes sharing one PostgreSQL, exactly one
 * node works for a consumer at a time, the others skip it. The batch's new position is committed
 * after its events were handled; a crash before that commit means the batch is delivered again,
 * which idempotent consumers ignore.
 *
 * <p>A failing event is retried with exponential backoff; after {@code maxAttempts} failures it is
 * parked and the consumer goes on. An admin's retry of a parked event is delivered by the next
 * batch of that consumer on whichever node has it.
 */
final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** How the dispatcher works; see {@code DispatcherConfig} for the meaning of each. */
    record Settings(
            int threads,
            long pollMillis,
            int batchSize,
            int maxAttempts,
            long initialBackoffMillis,
            long maxBackoffMillis) {

        Settings {
            if (threads < 1 || pollMillis < 1 || batchSize < 1 || maxAttempts < 1 || initialBackoffMillis < 0) {
                throw new IllegalArgumentException("threads, poll interval, batch size and max attempts must be"
                        + " at least 1, backoff at least 0");
            }
            if (maxBackoffMillis < initialBackoffMillis) {
                throw new IllegalArgumentException("The maximum backoff must not be below the initial backoff");
            }
        }

        long backoff(int attempts) {
            long delay = initialBackoffMillis;
            for (int i = 1; i < attempts && delay < maxBackoffMillis; i++) {
                delay *= 2;
            }
            return Math.min(delay, maxBackoffMillis);
        }
    }

    private enum Outcome {
        IDLE,
        MORE,
        LATER
    }

    /** A registered consumer and its scheduling state. */
    private static final class Slot {
        final EventConsumer consumer;
        final String id;
        final Set<String> types;
        final AtomicBoolean running = new AtomicBoolean();
        volatile boolean again;
        volatile boolean removed;
        volatile boolean registered;
        /** Rounds in a row that failed before any event could be read; 0 while all is well. */
        volatile int failures;
        /** Why the consumer gets no events now (shown by the health check), null while all is well. */
        volatile String problem;
        /** {@link System#nanoTime} before which the poll does not try again after a failed round. */
        volatile long retryAt;

        Slot(EventConsumer consumer) {
            this.consumer = consumer;
            this.id = consumer.consumerId();
            this.types = Set.copyOf(consumer.eventTypes());
        }
    }

    private final DataSource dataSource;
    private final EventStore store;
    private final ConsumerPositions positions;
    private final ParkedEvents parkedEvents = new ParkedEvents();
    private final Settings settings;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;

    Dispatcher(DataSource dataSource, EventStore store, Settings settings) {
        this.dataSource = dataSource;
        this.store = store;
        this.positions = new ConsumerPositions(store);
        this.settings = settings;
        this.workers = Executors.newFixedThreadPool(settings.threads(), named("cec-event-dispatch"));
        this.timer = Executors.newSingleThreadScheduledExecutor(named("cec-event-poll"));
    }

    void start() {
        timer.scheduleWithFixedDelay(this::wake, 0, settings.pollMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops delivering; batches in progress finish their current event. */
    void stop() {
        timer.shutdownNow();
        for (Slot slot : slots.values()) {
            slot.removed = true;
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    void addConsumer(EventConsumer consumer) {
        Slot slot = new Slot(consumer);
        if (slot.id == null || slot.id.isBlank() || slot.id.length() > 200) {
            LOG.error("Event consumer {} has no usable consumerId (1 to 200 characters); it gets no events", consumer);
            return;
        }
        Slot previous = slots.putIfAbsent(slot.id, slot);
        if (previous != null) {
            LOG.error(
                    "Two event consumers use the id {}: {} and {}; only the first gets events",
                    slot.id,
                    previous.consumer,
                    consumer);
            return;
        }
        schedule(slot);
    }

    void removeConsumer(EventConsumer consumer) {
        String id = consumer.consumerId();
        Slot slot = id == null ? null : slots.get(id);
        if (slot != null && slot.consumer == consumer) {
            slot.removed = true;
            slots.remove(id, slot);
        }
    }

    /**
     * The consumers that get no events now and why, by consumer id: waiting to be registered or unable
     * to claim their row (the database is unreachable, for example). Empty while all is well.
     */
    Map<String, String> problems() {
        Map<String, String> out = new java.util.TreeMap<>();
        for (Slot slot : slots.values()) {
            String problem = slot.problem;
            if (problem != null && !slot.removed) {
                out.put(slot.id, problem);
            }
        }
        return out;
    }

    /** New events were committed (or an admin asked for a retry): look for work now. */
    void wake() {
        long now = System.nanoTime();
        for (Slot slot : slots.values()) {
            if (slot.failures == 0 || now - slot.retryAt >= 0) {
                schedule(slot);
            }
        }
    }

    private void schedule(Slot slot) {
        if (slot.removed) {
            return;
        }
        if (!slot.running.compareAndSet(false, true)) {
            slot.again = true;
            return;
        }
        try {
            workers.execute(() -> run(slot));
        } catch (RejectedExecutionException stopped) {
            slot.running.set(false);
        }
    }

    private void run(Slot slot) {
        try {
            Outcome outcome;
            do {
                slot.again = false;
                outcome = batch(slot);
            } while (outcome == Outcome.MORE && !slot.removed);
        } finally {
            slot.running.set(false);
        }
        if (slot.again) {
            schedule(slot);
        }
    }

    private void later(Slot slot, long delayMillis) {
        try {
            timer.schedule(() -> schedule(slot), Math.max(1, delayMillis), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // shutting down
        }
    }

    /** One batch of one consumer, in one transaction. */
    private Outcome batch(Slot slot) {
        try (Connection c = dataSource.getConnection()) {
            if (!slot.registered) {
                c.setAutoCommit(true);
                register(c, slot);
            }
            c.setAutoCommit(false);
            Outcome outcome;
            try {
                outcome = batch(c, slot);
                c.commit();
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailed) {
                    e.addSuppressed(rollbackFailed);
                }
                throw e;
            }
            if (slot.registered) {
                if (slot.failures > 0) {
                    LOG.info("Event consumer {} gets events again", slot.id);
                }
                slot.failures = 0;
                slot.problem = null;
            }
            return outcome;
        } catch (SQLException | RuntimeException e) {
            int failures = ++slot.failures;
            long delay = retryDelay(failures);
            String reason = e.toString();
            if (slot.registered) {
                slot.problem = "cannot claim its events (" + failures + " attempt(s)): " + reason;
                LOG.warn("Event dispatch to {} failed, retrying in {} ms: {}", slot.id, delay, reason);
            } else {
                slot.problem = "waits to be registered (" + failures + " attempt(s)): " + reason;
                LOG.warn(
                        "Event consumer {} could not be registered yet, trying again in {} ms: {}",
                        slot.id,
                        delay,
                        reason);
            }
            slot.retryAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
            later(slot, delay);
            return Outcome.LATER;
        }
    }

    /** Twice the poll interval, doubled per failed round in a row, at most {@code maxBackoffMillis}. */
    private long retryDelay(int failures) {
        long delay = settings.pollMillis();
        for (int i = 0; i < failures && delay < settings.maxBackoffMillis(); i++) {
            delay *= 2;
        }
        return Math.max(settings.pollMillis(), Math.min(delay, settings.maxBackoffMillis()));
    }

    /**
     * Stores the consumer's row unless it exists. The insert fails when another node inserted the row
     * at the same moment, but also when the database went away: only a row that is there afterwards
     * counts, else the exception goes up and the next round tries again.
     */
    private void register(Connection c, Slot slot) throws SQLException {
        try {
            if (positions.registerIfAbsent(c, slot.id, slot.consumer.startFrom(), slot.types)) {
                LOG.info(
                        "Event consumer {} seen for the first time, starting from {}",
                        slot.id,
                        slot.consumer.startFrom());
            }
        } catch (SQLException failed) {
            boolean exists;
            try {
                exists = positions.consumerExists(c, slot.id);
            } catch (SQLException unreachable) {
                unreachable.addSuppressed(failed);
                throw unreachable;
            }
            if (!exists) {
                throw failed;
            }
            LOG.debug("Registering {} raced with another node, whose row counts: {}", slot.id, failed.toString());
        }
        slot.registered = true;
    }

    private Outcome batch(Connection c, Slot slot) throws SQLException {
        Optional<ConsumerRow> claimed = positions.claim(c, slot.id);
        if (claimed.isEmpty()) {
            if (!positions.consumerExists(c, slot.id)) {
                // The row is gone (deleted by hand, a restored backup): register it again, never stall.
                LOG.warn("Event consumer {} has no stored position; registering it again", slot.id);
                slot.registered = false;
                slot.problem = "waits to be registered: its stored position is gone";
                later(slot, settings.pollMillis());
                return Outcome.LATER;
            }
            return Outcome.IDLE; // another node works for it now; the poll looks again
        }
        ConsumerRow row = claimed.get();
        for (Parked parked : parkedEvents.parked(c, slot.id, true)) {
            redeliverParked(c, slot, parked);
        }
        long now = System.currentTimeMillis();
        if (row.nextAttemptAt() > now) {
            later(slot, row.nextAttemptAt() - now);
            return Outcome.LATER;
        }
        // Scan a bounded window of ids: every id up to the last committed one is final (ids are
        // taken in commit order), so a window without events of this consumer's types is skipped.
        long last = store.lastId(c);
        long upTo = Math.min(last, row.position() + scanWindow());
        List<PortalEvent> events = store.read(c, row.position(), upTo, slot.types, settings.batchSize());
        long position = row.position();
        int attempts = row.attempts();
        String lastError = row.lastError();
        for (PortalEvent event : events) {
            if (slot.removed) {
                break;
            }
            try {
                slot.consumer.handle(event);
                position = event.id();
                attempts = 0;
                lastError = null;
            } catch (Exception e) {
                attempts++;
                lastError = describe(e);
                if (attempts >= settings.maxAttempts()) {
                    parkedEvents.park(c, slot.id, event.id(), attempts, lastError);
                    LOG.warn(
                            "Event {} ({}) parked for consumer {} after {} failed attempts: {}",
                            event.id(),
                            event.type(),
                            slot.id,
                            attempts,
                            lastError);
                    position = event.id();
                    attempts = 0;
                    lastError = null;
                } else {
                    long delay = settings.backoff(attempts);
                    LOG.info(
                            "Consumer {} failed on event {} (attempt {}), retrying in {} ms: {}",
                            slot.id,
                            event.id(),
                            attempts,
                            delay,
                            lastError);
                    positions.updateConsumer(
                            c, slot.id, position, attempts, event.id(), System.currentTimeMillis() + delay, lastError);
                    later(slot, delay);
                    return Outcome.LATER;
                }
            }
        }
        boolean windowExhausted = events.size() < settings.batchSize() && !slot.removed;
        if (windowExhausted && position < upTo) {
            position = upTo; // nothing more of this consumer's types in the window
        }
        if (position != row.position() || attempts != row.attempts()) {
            positions.updateConsumer(c, slot.id, position, attempts, null, 0, lastError);
        }
        boolean more = events.size() == settings.batchSize() || upTo < last;
        return more && !slot.removed ? Outcome.MORE : Outcome.IDLE;
    }

    /** How many ids one batch scans at most: ten batches' worth. */
    private long scanWindow() {
        return Math.max(1_000L, 10L * settings.batchSize());
    }

    private void redeliverParked(Connection c, Slot slot, Parked parked) throws SQLException {
        Optional<PortalEvent> event = store.event(c, parked.eventId());
        if (event.isEmpty()) {
            parkedEvents.unpark(c, slot.id, parked.eventId());
            return;
        }
        try {
            slot.consumer.handle(event.get());
            parkedEvents.unpark(c, slot.id, parked.eventId());
            LOG.info("Parked event {} delivered to {} on an admin's retry", parked.eventId(), slot.id);
        } catch (Exception e) {
            parkedEvents.retryFailed(c, slot.id, parked.eventId(), parked.attempts() + 1, describe(e));
            LOG.warn("Retry of parked event {} for {} failed again: {}", parked.eventId(), slot.id, describe(e));
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getName() + (message == null ? "" : ": " + message);
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
