package org.cec.portal.platform.internal.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.cec.portal.api.events.EventConsumer;
import org.cec.portal.api.events.PortalEvent;
import org.cec.portal.platform.internal.BenchPlatform;

/**
 * Throughput and latency of the platform's data layer, on H2 (durable file, the portal's default URL
 * options) and on PostgreSQL (CEC_TEST_PG_URL/USER/PASSWORD, a fresh schema). Prints one line per
 * figure. Run by {@code bench/platform-events.sh}; not a test.
 *
 * <ul>
 *   <li>events appended per second: 8 appenders, each transaction one row insert plus one event
 *       ({@code EventStore.append}, the SQL behind {@code PortalEvents.append});
 *   <li>events dispatched per second to one consumer that does nothing, draining a backlog, with the
 *       dispatcher's production defaults (batch 100);
 *   <li>dispatch latency p50/p99 from the start of the append's commit to {@code handle} (so it
 *       includes the commit itself; timed from the commit's return, handle often comes first): at a steady
 *       200 events/s from one appender, and with the 8 appenders at full speed; after each commit the
 *       appender wakes the dispatcher, as the commit listener of a module transaction does;
 *   <li>durable single-row inserts per second: 64 clients with autocommit per insert (no group
 *       commit), and 64 clients handing rows to one writer thread that commits whatever is queued
 *       as one transaction (group commit).
 * </ul>
 *
 * <p>Arguments: {@code h2}, {@code postgresql} or both (default); {@code -Dbench.seconds=10}
 * measured seconds per figure after {@code -Dbench.warmup=3}.
 */
public final class PlatformEventsBench {

    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 3);
    private static final Path MIGRATIONS =
            Path.of(System.getProperty("bench.migrations", "src/main/resources/db/migration"));

    private PlatformEventsBench() {}

    public static void main(String[] args) throws Exception {
        List<String> kinds = args.length == 0 ? List.of("h2", "postgresql") : Arrays.asList(args);
        System.out.println("# platform-events bench: " + SECONDS + " s measured after " + WARMUP
                + " s warm-up per figure, " + Runtime.getRuntime().availableProcessors() + " CPUs, Java "
                + System.getProperty("java.version"));
        for (String kind : kinds) {
            if (kind.equals("h2")) {
                Path dir = Files.createTempDirectory("cec-bench-h2");
                String url = "jdbc:h2:file:" + dir.resolve("portal") + ";" + BenchPlatform.H2_OPTIONS;
                run("h2", new org.h2.Driver(), url, "sa", "");
            } else if (kind.equals("postgresql")) {
                String base = env("CEC_TEST_PG_URL");
                if (base == null) {
                    System.out.println("postgresql: skipped, CEC_TEST_PG_URL is not set (eval \"$(.ci/postgres.sh)\")");
                    continue;
                }
                String user = env("CEC_TEST_PG_USER");
                String password = env("CEC_TEST_PG_PASSWORD");
                Driver driver = new org.postgresql.Driver();
                String schema = "bench_"
                        + UUID.randomUUID()
                                .toString()
                                .replace("-", "")
                                .substring(0, 12)
                                .toLowerCase(Locale.ROOT);
                Properties p = new Properties();
                p.setProperty("user", user);
                p.setProperty("password", password);
                try (Connection c = driver.connect(base, p);
                        Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA " + schema);
                }
                try {
                    run(
                            "postgresql",
                            driver,
                            base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                            user,
                            password);
                } finally {
                    try (Connection c = driver.connect(base, p);
                            Statement s = c.createStatement()) {
                        s.execute("DROP SCHEMA " + schema + " CASCADE");
                    }
                }
            } else {
                throw new IllegalArgumentException("h2 or postgresql, not " + kind);
            }
        }
    }

    private static void run(String kind, Driver driver, String url, String user, String password) throws Exception {
        try (BenchPlatform platform = new BenchPlatform(driver, url, user, password, 72)) {
            platform.migratePlatform(MIGRATIONS);
            try (Connection c = platform.dataSource().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE bench_item (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                        + " payload VARCHAR(200) NOT NULL)");
                s.execute("CREATE TABLE bench_row (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                        + " payload VARCHAR(200) NOT NULL)");
            }
            appendThroughput(kind, platform);
            dispatchThroughput(kind, platform);
            latency(kind, platform, 1, 200);
            latency(kind, platform, 8, 0);
            insertsAutocommit(kind, platform);
            insertsGroupCommit(kind, platform);
        }
    }

    // ---- events

    /** One module transaction: a row of the module and its event; the caller commits. */
    private static long appendOne(BenchPlatform platform, Connection c, String type) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench_item (payload) VALUES (?)")) {
            insert.setString(1, "item");
            insert.executeUpdate();
        }
        return platform.append(c, type, "{\"item\":1}");
    }

    private static void appendThroughput(String kind, BenchPlatform platform) throws Exception {
        LongAdder appended = new LongAdder();
        double rate = measure(8, appended, running -> {
            try (Connection c = platform.dataSource().getConnection()) {
                c.setAutoCommit(false);
                while (running.getAsBoolean()) {
                    appendOne(platform, c, "bench.append");
                    c.commit();
                    appended.increment();
                }
            }
        });
        print(kind, "events appended/s (8 appenders, tx = 1 row + 1 event)", rate);
    }

    private static void dispatchThroughput(String kind, BenchPlatform platform) throws Exception {
        long backlog;
        try (Connection c = platform.dataSource().getConnection();
                Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT COUNT(*) FROM platform_event WHERE type = 'bench.append'")) {
            rs.next();
            backlog = rs.getLong(1);
        }
        AtomicLong handled = new AtomicLong();
        CompletableFuture<Long> done = new CompletableFuture<>();
        long t0 = System.nanoTime();
        platform.startDispatcher(consumer("bench.drain", "bench.append", event -> {
            if (handled.incrementAndGet() == backlog) {
                done.complete(System.nanoTime());
            }
        }));
        long t1 = done.get(10, TimeUnit.MINUTES);
        platform.stopDispatcher();
        print(
                kind,
                "events dispatched/s (1 consumer, backlog of " + backlog + ", batch 100)",
                backlog / ((t1 - t0) / 1e9));
    }

    /**
     * Latency from commit to handle, with {@code appenders} appending; {@code perSecond} > 0 paces one
     * appender at that rate, 0 lets them run at full speed.
     */
    private static void latency(String kind, BenchPlatform platform, int appenders, int perSecond) throws Exception {
        String type = "bench.latency." + appenders;
        ConcurrentHashMap<Long, Long> committed = new ConcurrentHashMap<>();
        ConcurrentHashMap<Long, Long> handled = new ConcurrentHashMap<>();
        platform.startDispatcher(
                consumer("bench.latency." + appenders, type, event -> handled.put(event.id(), System.nanoTime())));
        long measureFrom = System.nanoTime() + WARMUP * 1_000_000_000L;
        long end = measureFrom + SECONDS * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < appenders; i++) {
            Thread t = new Thread(() -> {
                try (Connection c = platform.dataSource().getConnection()) {
                    c.setAutoCommit(false);
                    long next = System.nanoTime();
                    while (System.nanoTime() < end) {
                        if (perSecond > 0) {
                            next += 1_000_000_000L / perSecond;
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            }
                        }
                        long id = appendOne(platform, c, type);
                        long at = System.nanoTime(); // from the commit's start: includes the commit itself
                        c.commit();
                        if (at >= measureFrom) {
                            committed.put(id, at);
                        }
                        platform.wake();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!handled.keySet().containsAll(committed.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        platform.stopDispatcher();
        long[] micros = committed.entrySet().stream()
                .mapToLong(e -> Math.max(0, handled.getOrDefault(e.getKey(), Long.MAX_VALUE / 2) - e.getValue()) / 1000)
                .sorted()
                .toArray();
        String load =
                perSecond > 0 ? "1 appender at " + perSecond + " events/s" : appenders + " appenders at full speed";
        System.out.printf(
                Locale.ROOT,
                "%s dispatch latency commit->handle (%s, %d events): p50 %.1f ms, p99 %.1f ms%n",
                kind,
                load,
                micros.length,
                percentile(micros, 50) / 1000.0,
                percentile(micros, 99) / 1000.0);
    }

    // ---- plain durable inserts

    private static void insertsAutocommit(String kind, BenchPlatform platform) throws Exception {
        LongAdder inserted = new LongAdder();
        double rate = measure(64, inserted, running -> {
            try (Connection c = platform.dataSource().getConnection();
                    PreparedStatement insert = c.prepareStatement("INSERT INTO bench_row (payload) VALUES (?)")) {
                c.setAutoCommit(true);
                while (running.getAsBoolean()) {
                    insert.setString(1, "row");
                    insert.executeUpdate();
                    inserted.increment();
                }
            }
        });
        print(kind, "durable single-row inserts/s, no group commit (64 clients, autocommit each)", rate);
    }

    private static void insertsGroupCommit(String kind, BenchPlatform platform) throws Exception {
        BlockingQueue<CompletableFuture<Void>> queue = new ArrayBlockingQueue<>(1024);
        LongAdder batches = new LongAdder();
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread writer = new Thread(
                () -> {
                    List<CompletableFuture<Void>> batch = new ArrayList<>();
                    try (Connection c = platform.dataSource().getConnection();
                            PreparedStatement insert =
                                    c.prepareStatement("INSERT INTO bench_row (payload) VALUES (?)")) {
                        c.setAutoCommit(false);
                        while (writing.get()) {
                            CompletableFuture<Void> first = queue.poll(100, TimeUnit.MILLISECONDS);
                            if (first == null) {
                                continue;
                            }
                            batch.add(first);
                            queue.drainTo(batch);
                            for (int i = 0; i < batch.size(); i++) {
                                insert.setString(1, "row");
                                insert.addBatch();
                            }
                            insert.executeBatch();
                            c.commit();
                            batches.increment();
                            batch.forEach(f -> f.complete(null));
                            batch.clear();
                        }
                    } catch (InterruptedException stopped) {
                        batch.forEach(f -> f.cancel(false));
                    } catch (SQLException e) {
                        batch.forEach(f -> f.completeExceptionally(e));
                    }
                },
                "group-commit-writer");
        writer.start();
        LongAdder inserted = new LongAdder();
        double rate = measure(64, inserted, running -> {
            while (running.getAsBoolean()) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                queue.put(done);
                done.get();
                inserted.increment();
            }
        });
        writing.set(false);
        writer.join();
        print(
                kind,
                "durable single-row inserts/s, group commit (64 clients, 1 writer committing what is queued)",
                rate);
    }

    // ---- helpers

    @FunctionalInterface
    private interface Work {
        /** Works while {@code running} says so; never interrupted (an interrupt closes H2's file channel). */
        void run(java.util.function.BooleanSupplier running) throws Exception;
    }

    /** Runs {@code threads} workers for warm-up plus the measured seconds; returns counted units per measured second. */
    private static double measure(int threads, LongAdder counter, Work work) throws Exception {
        List<Thread> workers = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    work.run(running::get);
                } catch (Exception e) {
                    e.printStackTrace();
                }
            });
            t.start();
            workers.add(t);
        }
        Thread.sleep(WARMUP * 1000L);
        long start = counter.sum();
        long t0 = System.nanoTime();
        Thread.sleep(SECONDS * 1000L);
        long count = counter.sum() - start;
        long t1 = System.nanoTime();
        running.set(false);
        for (Thread t : workers) {
            t.join(30_000);
        }
        return count / ((t1 - t0) / 1e9);
    }

    private static EventConsumer consumer(String id, String type, java.util.function.Consumer<PortalEvent> onEvent) {
        return new EventConsumer() {
            @Override
            public String consumerId() {
                return id;
            }

            @Override
            public Set<String> eventTypes() {
                return Set.of(type);
            }

            @Override
            public void handle(PortalEvent event) {
                onEvent.accept(event);
            }
        };
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static void print(String kind, String what, double value) {
        System.out.printf(Locale.ROOT, "%s %s: %,.0f%n", kind, what, value);
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? null : value;
    }
}
