package org.cec.portal.analytics.internal.recording;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.cec.portal.analytics.internal.AnalyticsSettings;
import org.cec.portal.api.data.ModuleDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded buffer of events and the one thread that writes it. {@link #offer} never blocks: when the
 * buffer ({@code buffer.capacity}) is full the event is dropped and counted. The writer takes up to
 * {@value #MAX_BATCH} events at a time, turns each visitor's address and user agent into the day's
 * visitor key and device fields (bots are left out here), and inserts them in one JDBC batch and one
 * transaction; after a batch that was not full it waits {@code buffer.flushMillis} for more. It also
 * adds the drops to {@code analytics_state}, creates each month's partition on PostgreSQL before the
 * month's first row, and deletes the old days' salts when the day changes and no event of an old day
 * waits any more (and the per-day drop counts
 * older than {@code rollup.retentionDays}). Stopping writes what is
 * buffered, for at most {@value #STOP_SECONDS} seconds.
 */
@Component(service = EventWriter.class)
public final class EventWriter {

    static final int MAX_BATCH = 1000;
    static final int STOP_SECONDS = 5;
    static final long TICK_MILLIS = 200;
    /** How long the health check keeps warning after the last drop or failure. */
    static final long RECENT_MILLIS = 60 * 60_000L;

    private static final Logger LOG = LoggerFactory.getLogger(EventWriter.class);

    private final ModuleDatabase db;
    private final Clock clock;
    private final int capacity;
    private final int dropCountsKeptDays;
    private final long flushNanos;
    private final ArrayBlockingQueue<Pending> buffer;
    private final VisitorKeys keys;
    private final JsonProvider json = JsonProvider.provider();
    private final Set<YearMonth> partitions = new HashSet<>();
    private final Thread thread;

    private final LongAdder dropped = new LongAdder();
    private final AtomicLong droppedUnsaved = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong bots = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile long lastDropMillis;
    private volatile long lastFailureMillis;
    private volatile String lastFailure;
    private volatile boolean running = true;

    /** Touched by the writer thread only (and by {@link #stop} once it has ended). */
    private UserAgents agents;

    private LocalDate today;
    private boolean failing;
    private String lastLogged;
    private long lastLoggedMillis;

    @Activate
    public EventWriter(
            @Reference(target = "(" + ModuleDatabase.MODULE_PROPERTY + "=analytics)") ModuleDatabase db,
            @Reference AnalyticsSettings settings) {
        this(db, settings, Clock.system(settings.zone()));
    }

    /** A writer on {@code db} whose days and times come from {@code clock} (its zone is the analytics day's). */
    public EventWriter(ModuleDatabase db, AnalyticsSettings settings, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.capacity = settings.bufferCapacity();
        this.dropCountsKeptDays = settings.rollupRetentionDays();
        this.flushNanos = TimeUnit.MILLISECONDS.toNanos(settings.flushMillis());
        this.buffer = new ArrayBlockingQueue<>(capacity);
        this.keys = new VisitorKeys(db, new SecureRandom());
        this.thread = new Thread(this::run, "cec-analytics-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** The clock of every event's time and day. */
    Clock clock() {
        return clock;
    }

    /** Takes an event into the buffer, or drops and counts it when the buffer is full. Never blocks. */
    boolean offer(Pending event) {
        if (running && buffer.offer(event)) {
            accepted.incrementAndGet();
            return true;
        }
        dropped.increment();
        droppedUnsaved.incrementAndGet();
        lastDropMillis = clock.millis();
        return false;
    }

    /**
     * Waits until every event offered before this call is written (or left out as a bot, or failed),
     * and the drops so far are stored: for tests, and for whoever must see the rows now.
     *
     * @return whether it got there within {@code timeout}
     */
    public boolean flush(Duration timeout) {
        long target = accepted.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (done.get() < target || droppedUnsaved.get() > 0) {
            if (!thread.isAlive() || System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.unpark(thread);
            LockSupport.parkNanos(1_000_000);
        }
        return true;
    }

    @Deactivate
    public void stop() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(STOP_SECONDS + 5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = buffer.size();
        if (thread.isAlive() || left > 0) {
            LOG.warn("Analytics: {} buffered event(s) were not written before the module stopped", left);
        }
    }

    /** The counts the health check shows. */
    record Counts(
            int capacity,
            int buffered,
            long written,
            long bots,
            long dropped,
            long lastDropMillis,
            long failed,
            long lastFailureMillis,
            String lastFailure) {}

    Counts counts() {
        return new Counts(
                capacity,
                buffer.size(),
                written.get(),
                bots.get(),
                dropped.sum(),
                lastDropMillis,
                failed.get(),
                lastFailureMillis,
                lastFailure);
    }

    private long now() {
        return clock.millis();
    }

    private void run() {
        try {
            agents = new UserAgents();
        } catch (RuntimeException | LinkageError e) {
            LOG.error("Analytics: the user agent parser could not be loaded; nothing is recorded", e);
            lastFailureMillis = clock.millis();
            lastFailure =
                    "the user agent parser could not be loaded (" + e.getClass().getSimpleName() + ")";
            running = false;
            buffer.clear();
            return;
        }
        long stopBy = Long.MAX_VALUE;
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            if (!running && stopBy == Long.MAX_VALUE) {
                stopBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_SECONDS);
            }
            if (!running && (buffer.isEmpty() || System.nanoTime() > stopBy)) {
                break;
            }
            housekeeping();
            batch.clear();
            try {
                Pending first = running ? buffer.poll(TICK_MILLIS, TimeUnit.MILLISECONDS) : buffer.poll();
                if (first == null) {
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
                continue;
            }
            buffer.drainTo(batch, MAX_BATCH - 1);
            write(batch);
            if (batch.size() < MAX_BATCH && running && flushNanos > 0) {
                LockSupport.parkNanos(flushNanos);
            }
        }
        housekeeping();
    }

    /**
     * Rotates the salts when the day changed and stores new drops; never throws. The old days' salts go
     * only once no event of an old day waits in the buffer (it is first in, first out): events offered
     * just before midnight and written after it still get their day's visitor key.
     */
    private void housekeeping() {
        LocalDate now = LocalDate.now(clock);
        Pending next = buffer.peek();
        if (!now.equals(today) && (next == null || !next.day().isBefore(now))) {
            try {
                keys.forgetBefore(now);
                db.inTransaction(em -> {
                    EventStore.forgetDroppedBefore(em.unwrap(Connection.class), now.minusDays(dropCountsKeptDays));
                    return null;
                });
                today = now;
            } catch (RuntimeException e) {
                failed("the old salts could not be deleted", e, 0);
            }
        }
        long drops = droppedUnsaved.get();
        if (drops > 0) {
            try {
                db.inTransaction(em -> {
                    EventStore.addDropped(em.unwrap(Connection.class), drops, now, clock.instant());
                    return null;
                });
                droppedUnsaved.addAndGet(-drops);
            } catch (RuntimeException e) {
                failed("the dropped-event count could not be stored", e, 0);
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            LocalDate day = LocalDate.now(clock);
            List<EventStore.Row> rows = new ArrayList<>(batch.size());
            for (Pending p : batch) {
                row(p, day).ifPresent(rows::add);
            }
            if (!rows.isEmpty()) {
                partitionsFor(rows);
                db.inTransaction(em -> {
                    EventStore.insert(em.unwrap(Connection.class), rows);
                    return null;
                });
            }
            written.addAndGet(rows.size());
            if (failing && now() - lastFailureMillis > 1_000) {
                LOG.info("Analytics: events are written again");
                failing = false;
            }
        } catch (RuntimeException e) {
            failed("a batch of events could not be written", e, batch.size());
        } finally {
            done.addAndGet(batch.size());
        }
    }

    /** The row of an event, or empty for a bot. */
    private Optional<EventStore.Row> row(Pending p, LocalDate today) {
        String browser = null;
        String os = null;
        String device = null;
        String visitor = null;
        if (p.userAgent() != null) {
            UserAgents.Agent agent = agents.classify(p.userAgent());
            if (agent.bot()) {
                bots.incrementAndGet();
                return Optional.empty();
            }
            browser = agent.browser();
            os = agent.os();
            device = agent.device();
            if (p.address() != null) {
                visitor = keys.key(p.day(), p.address(), p.userAgent()).orElse(null);
            }
        }
        return Optional.of(new EventStore.Row(
                p.day(),
                p.at(),
                p.type(),
                p.path(),
                visitor,
                p.referrerHost(),
                p.utmSource(),
                p.utmMedium(),
                p.utmCampaign(),
                browser,
                os,
                device,
                p.language(),
                dimensions(p.dimensions())));
    }

    /** The dimensions as a JSON object with its names in order, or null when there are none. */
    private String dimensions(Map<String, String> dimensions) {
        if (dimensions.isEmpty()) {
            return null;
        }
        JsonObjectBuilder object = json.createObjectBuilder();
        new TreeMap<>(dimensions).forEach(object::add);
        return object.build().toString();
    }

    /**
     * On PostgreSQL, creates the partitions of the rows' months that this node has not made sure of
     * yet. Two nodes may create the same partition at the same moment: the one that loses finds it
     * there. Should a partition not be made, its month's rows go to the default partition.
     */
    private void partitionsFor(List<EventStore.Row> rows) {
        for (EventStore.Row row : rows) {
            YearMonth month = YearMonth.from(row.day());
            if (partitions.contains(month)) {
                continue;
            }
            try {
                db.inTransaction(em -> {
                    Connection c = em.unwrap(Connection.class);
                    if (EventStore.isPostgres(c)) {
                        EventStore.createPartition(c, month);
                    }
                    return null;
                });
                partitions.add(month);
            } catch (RuntimeException e) {
                boolean there = false;
                try {
                    there = db.read(em -> EventStore.partitionExists(em.unwrap(Connection.class), month));
                } catch (RuntimeException ignored) {
                    // reported below
                }
                if (there) {
                    partitions.add(month);
                } else {
                    failed("the partition " + EventStore.partitionName(month) + " could not be created", e, 0);
                }
            }
        }
    }

    /**
     * Counts and logs a failure: once until writing works again, and the same failure at most every
     * ten minutes; short, and never with an event's data.
     */
    private void failed(String what, RuntimeException e, int events) {
        failed.addAndGet(events);
        long now = clock.millis();
        lastFailureMillis = now;
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        lastFailure = what + " (" + cause.getClass().getSimpleName() + ")";
        if (!failing || !what.equals(lastLogged) || now - lastLoggedMillis > 10 * 60_000L) {
            failing = true;
            lastLogged = what;
            lastLoggedMillis = now;
            String state = cause instanceof java.sql.SQLException sql ? " SQL state " + sql.getSQLState() : "";
            LOG.warn("Analytics: {}: {}{}", what, cause.getClass().getName(), state);
        }
    }
}
