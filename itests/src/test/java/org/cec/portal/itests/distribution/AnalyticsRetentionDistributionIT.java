package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cec.portal.itests.support.PostgresSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 14, acceptance 5, against the distribution on H2 (on PostgreSQL in {@link
 * AnalyticsRetentionPostgresDistributionIT}): retention deletes the raw events older than {@code
 * raw.retentionDays} and keeps the daily rollups of their days, deletes the rollups older than {@code
 * rollup.retentionDays} (with the ids of the events counted into them), logs what it did and the console
 * page Analytics shows the run.
 *
 * <p>The portal runs with 30 days of raw events and 200 days of rollups kept, the analytics day in UTC.
 * It is started once (the module's migrations run), stopped, and its database is seeded as if the
 * module had never run: page views 75 days ago (on PostgreSQL in their month's partition, a month that
 * has expired whole), 31 days ago (in the default partition: no partition of their month) and today,
 * and rollups of 250 and 150 days ago. The analytics module's first round after the next start
 * rolls the finished days up from the raw events and then runs retention. The counts are taken in the
 * database before the start and after the portal stopped again, so a retention that did nothing fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalyticsRetentionDistributionIT {

    static final int RAW_DAYS = 30;
    static final int ROLLUP_DAYS = 200;
    private static final Pattern LOGGED = Pattern.compile("Analytics retention: \\d+ raw event\\(s\\) before"
            + " (\\d{4}-\\d{2}-\\d{2}) deleted[^\\n]*? rollup row\\(s\\) before \\d{4}-\\d{2}-\\d{2} deleted");
    private static final Pattern SHOWN =
            Pattern.compile("<li id=\"analytics-retention\">Last retention run: <strong>([^<]*)</strong>");
    /** Ids of events counted into the seeded rollups: far above what the portal's event log hands out here. */
    private static final long COUNTED_OLD = 9_000_000_001L;

    private static final long COUNTED_KEPT = 9_000_000_002L;

    /** The analytics day when the test seeds (the run's day is the next if midnight passes meanwhile). */
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    /** Raw events of a month that has expired whole: on PostgreSQL its partition is dropped. */
    private final LocalDate expiredMonthDay = today.minusDays(75);
    /** Raw events that expired a day ago; on PostgreSQL in the default partition. */
    private final LocalDate expiredDay = today.minusDays(RAW_DAYS + 1);
    /** Raw events that are kept: today's (an older day might share the expired day's month). */
    private final LocalDate keptDay = today;
    /** Rollups older than the rollups are kept. */
    private final LocalDate expiredRollupDay = today.minusDays(250);
    /** Rollups of a day whose raw events went long ago, still kept. */
    private final LocalDate keptRollupDay = today.minusDays(150);

    private PostgresSchema db;
    private RunningPortal portal;
    private Counts before;
    private Instant seededAt;
    /** The line retention logged on the restarted portal's console. */
    private String logged;
    /** The analytics day retention ran on. */
    private LocalDate runDay;

    /** The database the portal runs on: {@code h2} here, {@code postgresql} in the subclass. */
    String kind() {
        return "h2";
    }

    /** What the test counts in the database, before the retention run and after it. */
    private record Counts(
            long expiredRaw,
            long keptRaw,
            long expiredRollups,
            List<String> keptRollups,
            long expiredCounted,
            long keptCounted,
            List<String> rollupsOfRawDays,
            Set<String> partitions) {}

    @BeforeAll
    void seedAndRestart() throws Exception {
        db = kind().equals("h2") ? null : PostgresSchema.create("analyticsretention");
        portal = AnalyticsPortal.startSeeded(
                "analytics-retention-" + kind(),
                home -> {
                    JsonObject settings = Json.createObjectBuilder()
                            .add("time.zone", "UTC")
                            .add("raw.retentionDays", RAW_DAYS)
                            .add("rollup.retentionDays", ROLLUP_DAYS)
                            .build();
                    Files.writeString(home.resolve("etc/org.cec.portal.analytics.cfg.json"), settings + "\n");
                    if (db != null) {
                        Files.writeString(
                                home.resolve("etc/org.cec.portal.platform.database.cfg"), db.platformConfiguration());
                    }
                },
                stopped -> {
                    try (Connection c = stopped.database(db)) {
                        seed(c);
                        before = counts(c);
                    }
                    seededAt = Instant.now();
                });
        // the first round runs a few seconds after the start
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Matcher m = LOGGED.matcher(portal.output());
        while (!m.find()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("retention did not run within 60 s of the start\n" + portal.diagnostics());
            }
            Thread.sleep(250);
            m = LOGGED.matcher(portal.output());
        }
        logged = m.group();
        runDay = LocalDate.parse(m.group(1)).plusDays(RAW_DAYS);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (portal != null) {
                portal.close();
            }
        } finally {
            if (db != null) {
                db.drop();
            }
        }
    }

    // ---------------------------------------------------------------- the seed

    private void seed(Connection c) throws Exception {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            // as if the module had never run: the next start rolls up from the oldest raw event, and
            // the retention run the page shows can only be that start's
            s.executeUpdate("DELETE FROM analytics_state WHERE name IN ('retention-last-run', 'rolled-up-through')");
            if (db != null) {
                // as the recorder makes them; the expired day's month has none (its rows go to the default one)
                for (YearMonth month : List.of(YearMonth.from(expiredMonthDay), YearMonth.from(today))) {
                    s.execute("CREATE TABLE IF NOT EXISTS " + partition(month) + " PARTITION OF analytics_event"
                            + " FOR VALUES FROM ('" + month.atDay(1) + "') TO ('"
                            + month.plusMonths(1).atDay(1)
                            + "')");
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO analytics_event (event_month, event_day,"
                + " occurred_at, type, path, visitor_key) VALUES (?, ?, ?, 'page-view', ?, ?)")) {
            pageView(s, expiredMonthDay, "/", 0);
            pageView(s, expiredMonthDay, "/", 1);
            pageView(s, expiredMonthDay, "/request", 1);
            pageView(s, expiredDay, "/", 2);
            pageView(s, expiredDay, "/contractors", 3);
            pageView(s, keptDay, "/", 4);
            pageView(s, keptDay, "/impact", 4);
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO analytics_daily (metric, rollup_day, item, events, visitors) VALUES (?, ?, ?, ?, ?)")) {
            rollup(s, expiredRollupDay, "pageviews", "", 40, 30);
            rollup(s, expiredRollupDay, "pages", "/", 40, 30);
            rollup(s, keptRollupDay, "pageviews", "", 50, 35);
            rollup(s, keptRollupDay, "pages", "/", 50, 35);
            s.executeBatch();
        }
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO analytics_counted_event (event_id, counted_day) VALUES (?, ?)")) {
            s.setLong(1, COUNTED_OLD);
            s.setObject(2, expiredRollupDay);
            s.addBatch();
            s.setLong(1, COUNTED_KEPT);
            s.setObject(2, keptRollupDay);
            s.addBatch();
            s.executeBatch();
        }
        c.commit();
    }

    private static void pageView(PreparedStatement s, LocalDate day, String path, int visitor) throws Exception {
        s.setObject(1, day.withDayOfMonth(1));
        s.setObject(2, day);
        s.setObject(3, day.atTime(12, 0)); // UTC, as the recorder writes it
        s.setString(4, path);
        s.setString(5, String.format(Locale.ROOT, "%032x", 0xfeed0000L + visitor));
        s.addBatch();
    }

    private static void rollup(
            PreparedStatement s, LocalDate day, String metric, String item, long events, long visitors)
            throws Exception {
        s.setString(1, metric);
        s.setObject(2, day);
        s.setString(3, item);
        s.setLong(4, events);
        s.setLong(5, visitors);
        s.addBatch();
    }

    static String partition(YearMonth month) {
        return String.format(Locale.ROOT, "analytics_event_%04d_%02d", month.getYear(), month.getMonthValue());
    }

    // ---------------------------------------------------------------- the tests

    @Test
    @Order(1)
    void theSeedIsWhatTheTestSaysItIs() {
        assertEquals(5, before.expiredRaw(), "raw events of the expired days");
        assertEquals(2, before.keptRaw(), "raw events of the kept day");
        assertEquals(2, before.expiredRollups(), "rollups older than their retention");
        assertEquals(List.of("pages///50/35", "pageviews//50/35"), before.keptRollups());
        assertEquals(1, before.expiredCounted());
        assertEquals(1, before.keptCounted());
        assertEquals(List.of(), before.rollupsOfRawDays(), "nothing rolled up yet");
        assertTrue(
                runDay.equals(today) || runDay.equals(today.plusDays(1)),
                "retention ran today (or tomorrow, had midnight passed): " + logged);
        if (db != null) {
            assertTrue(before.partitions().contains(partition(YearMonth.from(expiredMonthDay))), before.toString());
            assertFalse(before.partitions().contains(partition(YearMonth.from(expiredDay))), before.toString());
        }
    }

    @Test
    @Order(2)
    void theRunIsLoggedAfterTheRollupsOfTheSameRound() throws Exception {
        String dropped = db == null ? "" : " (partitions dropped: " + partition(YearMonth.from(expiredMonthDay)) + ")";
        String line = "Analytics retention: 5 raw event(s) before " + runDay.minusDays(RAW_DAYS) + " deleted" + dropped
                + ", 2 rollup row(s) before " + runDay.minusDays(ROLLUP_DAYS) + " deleted";
        assertEquals(line, logged);
        String file = Files.readString(portal.home.resolve("logs/portal.log"));
        assertTrue(
                file.contains(" INFO  [analytics-rollups] org.cec.portal.analytics.internal.rollups.Retention - " + line
                        + "\n"),
                "logs/portal.log has the line:\n" + file);
        String output = portal.output();
        String rolledUp = "Rolled up " + (runDay.toEpochDay() - 1 - expiredMonthDay.toEpochDay())
                + " finished day(s) of analytics events, " + expiredMonthDay + " to " + runDay.minusDays(2);
        assertTrue(output.contains(rolledUp), rolledUp + " in:\n" + output);
        assertTrue(output.indexOf(rolledUp) < output.indexOf(line), "the rollups ran first:\n" + output);
    }

    @Test
    @Order(3)
    void theAnalyticsPageShowsTheLastRun() throws Exception {
        HttpResponse<String> page = portal.send(HttpRequest.newBuilder(portal.uri(AnalyticsPortal.PAGE))
                .header("Authorization", portal.adminAuthorization()));
        assertEquals(200, page.statusCode(), page.body());
        Matcher shown = SHOWN.matcher(page.body());
        assertTrue(shown.find(), page.body());
        String value = shown.group(1).replace("&quot;", "\"");
        JsonObject run;
        try (var reader = Json.createReader(new StringReader(value))) {
            run = reader.readObject();
        }
        assertEquals(5, run.getInt("rawRows"), value);
        assertEquals(runDay.minusDays(RAW_DAYS).toString(), run.getString("rawBefore"), value);
        assertEquals(db == null ? 0 : 1, run.getInt("partitions"), value);
        assertEquals(2, run.getInt("rollupRows"), value);
        assertEquals(runDay.minusDays(ROLLUP_DAYS).toString(), run.getString("rollupsBefore"), value);
        Instant at = Instant.parse(run.getString("at"));
        assertTrue(at.isAfter(seededAt), "the run of this start: " + value);
    }

    @Test
    @Order(4)
    void expiredRowsAreGoneTheRestAndTheRollupsOfTheExpiredDaysStay() throws Exception {
        assertEquals(143, portal.terminate(Duration.ofSeconds(60)), "stopped cleanly by SIGTERM");
        Counts after;
        try (Connection c = portal.database(db)) {
            after = counts(c);
        }
        assertEquals(0, after.expiredRaw(), "the expired raw events are gone (were " + before.expiredRaw() + ")");
        assertEquals(before.keptRaw(), after.keptRaw(), "the newer raw events stay");
        assertEquals(0, after.expiredRollups(), "the rollups older than theirs are gone (were 2)");
        assertEquals(before.keptRollups(), after.keptRollups(), "the older rollups still kept stay as they were");
        assertEquals(0, after.expiredCounted(), "with the ids counted into them");
        assertEquals(before.keptCounted(), after.keptCounted());
        assertEquals(
                List.of(
                        expiredMonthDay + "/pages///2/2",
                        expiredMonthDay + "/pages//request/1/1",
                        expiredMonthDay + "/pageviews//3/2",
                        expiredDay + "/pages///1/1",
                        expiredDay + "/pages//contractors/1/1",
                        expiredDay + "/pageviews//2/2",
                        keptDay + "/pages///1/1",
                        keptDay + "/pages//impact/1/1",
                        keptDay + "/pageviews//2/1"),
                after.rollupsOfRawDays(),
                "the rollups of the expired days, rolled up from their raw events before these went, stay");
        if (db != null) {
            Set<String> left = new TreeSet<>(before.partitions());
            String expired = partition(YearMonth.from(expiredMonthDay));
            left.remove(expired);
            assertEquals(left, after.partitions(), "the expired month's partition is dropped, the others stay");
            assertTrue(after.partitions().contains(partition(YearMonth.from(today))), "the current month's stays");
            assertTrue(after.partitions().contains("analytics_event_default"), after.toString());
            try (Connection c = db.connect();
                    PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM pg_class k JOIN pg_namespace n"
                            + " ON n.oid = k.relnamespace WHERE n.nspname = ? AND k.relname = ?")) {
                s.setString(1, db.schema());
                s.setString(2, expired);
                try (ResultSet r = s.executeQuery()) {
                    assertTrue(r.next());
                    assertEquals(0, r.getLong(1), expired + " is no table any more");
                }
            }
        }
    }

    // ---------------------------------------------------------------- the counts

    private Counts counts(Connection c) throws Exception {
        return new Counts(
                count(c, "SELECT COUNT(*) FROM analytics_event WHERE event_day <= ?", expiredDay),
                count(c, "SELECT COUNT(*) FROM analytics_event WHERE event_day >= ?", keptDay),
                count(c, "SELECT COUNT(*) FROM analytics_daily WHERE rollup_day = ?", expiredRollupDay),
                rollups(c, "rollup_day = ?", keptRollupDay, keptRollupDay, false),
                count(c, "SELECT COUNT(*) FROM analytics_counted_event WHERE counted_day = ?", expiredRollupDay),
                count(c, "SELECT COUNT(*) FROM analytics_counted_event WHERE counted_day = ?", keptRollupDay),
                rollups(c, "rollup_day BETWEEN ? AND ?", expiredMonthDay, keptDay, true),
                partitions(c));
    }

    private static long count(Connection c, String sql, LocalDate day) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, day);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next());
                return r.getLong(1);
            }
        }
    }

    /** The page-view rollups of the days, each as {@code [day/]metric/item/events/visitors}, in order. */
    private static List<String> rollups(Connection c, String where, LocalDate from, LocalDate to, boolean withDay)
            throws Exception {
        List<String> rows = new ArrayList<>();
        String sql = "SELECT rollup_day, metric, item, events, visitors FROM analytics_daily WHERE " + where
                + " AND metric IN ('pageviews', 'pages') ORDER BY rollup_day, metric, item";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, from);
            if (where.contains("BETWEEN")) {
                s.setObject(2, to);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add((withDay ? r.getObject(1, LocalDate.class) + "/" : "") + r.getString(2) + "/"
                            + r.getString(3) + "/" + r.getLong(4) + "/" + r.getLong(5));
                }
            }
        }
        return rows;
    }

    /** PostgreSQL: the partitions of {@code analytics_event}, from the catalog; none on H2. */
    private Set<String> partitions(Connection c) throws Exception {
        Set<String> names = new TreeSet<>();
        if (db == null) {
            return names;
        }
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT k.relname FROM pg_inherits i JOIN pg_class k ON k.oid = i.inhrelid"
                        + " WHERE i.inhparent = 'analytics_event'::regclass")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }
}
