package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, acceptance 7: the analyticsexport example, installed at runtime into {@code deploy/}, receives
 * the finished days' rollups as CSV files. Finished days with data need time to pass; instead the test
 * starts the portal once (its migrations create the tables), stops it and writes into its H2 database
 * raw events of the three days before today and the analytics sink row of the example as if the example
 * had first appeared two days ago (so it is due those two days, and not the third, older one). Then it
 * starts the portal again, drops the example into {@code deploy/} and waits for the files, whose numbers
 * must equal counts made here from the rows it wrote.
 */
class AnalyticsExportDistributionIT {

    private static final String JAR = "org.cec.portal.example.analyticsexport.jar";
    private static final String SINK = "org.cec.portal.example.analyticsexport.CsvRollupSink";

    /** A raw event as written: day, type, visitor key (null: anonymous), path, browser, dimensions. */
    private record Row(LocalDate day, String type, String visitor, String path, String browser, String dimensions) {}

    private static RunningPortal portal;
    private static LocalDate today;
    private static final List<Row> rows = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        // a day is finished for the sinks 5 minutes after its midnight (UTC)
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        if (now.isBefore(LocalTime.of(0, 7))) {
            Thread.sleep(Duration.between(now, LocalTime.of(0, 7)).toMillis());
        }
        today = LocalDate.now(ZoneOffset.UTC);
        // the analytics day in UTC, as this test counts (time.zone of the recorder's settings)
        RunningPortal first = RunningPortal.start(
                "analytics-export",
                home -> Files.writeString(
                        home.resolve("etc/org.cec.portal.analytics.cfg.json"), "{\"time.zone\": \"UTC\"}\n"));
        assertEquals(143, first.terminate(Duration.ofSeconds(60)), "stopped cleanly by SIGTERM");
        for (int d = 3; d >= 1; d--) {
            LocalDate day = today.minusDays(d);
            for (int i = 0; i < 2 + d * 3; i++) {
                rows.add(new Row(
                        day,
                        "page-view",
                        "v" + (i % (d + 1)),
                        i % 3 == 0 ? "/request" : "/",
                        i % 2 == 0 ? "Firefox" : "Safari",
                        null));
            }
            rows.add(new Row(day, "page-view", null, "/", null, null));
            rows.add(new Row(
                    day,
                    "directory.search",
                    "v0",
                    null,
                    null,
                    "{\"zip3\":\"941\",\"service\":\"solar-pv\",\"radius\":\"25\",\"results\":\"3\"}"));
            rows.add(new Row(day, "form.submitted", "v1", null, null, "{\"form\":\"request\"}"));
        }
        try (Connection c = database(first)) {
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO analytics_event (event_month, event_day, occurred_at, type,"
                            + " path, visitor_key, browser, dimensions) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Row r : rows) {
                    s.setObject(1, r.day().withDayOfMonth(1));
                    s.setObject(2, r.day());
                    s.setObject(3, r.day().atTime(10, 0)); // UTC, as the recorder writes it
                    s.setString(4, r.type());
                    s.setString(5, r.path());
                    s.setString(6, r.visitor());
                    s.setString(7, r.browser());
                    s.setString(8, r.dimensions());
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO analytics_sink (sink_id, first_day, failures, updated_at) VALUES (?, ?, 0, ?)")) {
                s.setString(1, SINK);
                s.setObject(2, today.minusDays(2));
                s.setTimestamp(3, Timestamp.from(Instant.now()));
                s.executeUpdate();
            }
        }
        portal = first.restart();
    }

    @AfterAll
    static void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    private static Connection database(RunningPortal p) throws Exception {
        return p.h2();
    }

    /** The rows of a CSV file as metric/item → "events/visitors". */
    private static Map<String, String> read(Path file, LocalDate day) throws Exception {
        List<String> lines = Files.readAllLines(file);
        assertEquals("day,metric,item,events,visitors", lines.get(0));
        Map<String, String> out = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(5, f.length, line);
            assertEquals(day.toString(), f[0], line);
            out.put(f[1] + "/" + f[2], f[3] + "/" + f[4]);
        }
        return out;
    }

    /** What the file of {@code day} must say, counted from the rows written. */
    private static Map<String, String> expected(LocalDate day) {
        Map<String, List<String>> keys = new HashMap<>();
        for (Row r : rows) {
            if (!r.day().equals(day)) {
                continue;
            }
            String v = r.visitor() == null ? "" : r.visitor();
            if (r.type().equals("page-view")) {
                keys.computeIfAbsent("pageviews/", k -> new ArrayList<>()).add(v);
                keys.computeIfAbsent("pages/" + r.path(), k -> new ArrayList<>())
                        .add(v);
                if (r.browser() != null) {
                    keys.computeIfAbsent("browsers/" + r.browser(), k -> new ArrayList<>())
                            .add(v);
                }
            } else if (r.type().equals("directory.search")) {
                keys.computeIfAbsent("search-services/solar-pv", k -> new ArrayList<>())
                        .add(v);
                keys.computeIfAbsent("search-zip3/941", k -> new ArrayList<>()).add(v);
            } else {
                keys.computeIfAbsent("form-submitted/request", k -> new ArrayList<>())
                        .add(v);
            }
        }
        Map<String, String> out = new TreeMap<>();
        keys.forEach((k, visitors) -> {
            Set<String> distinct = new HashSet<>(visitors);
            distinct.remove("");
            out.put(k, visitors.size() + "/" + distinct.size());
        });
        return out;
    }

    @Test
    void theExampleInstalledAtRuntimeGetsTheFinishedDaysSinceItFirstAppearedAsCsvFiles() throws Exception {
        Path folder = portal.home.resolve("data/analytics-export");
        assertFalse(Files.exists(folder), "nothing before the example is installed");
        Path tmp = portal.home.resolve(JAR + ".tmp");
        Files.copy(portal.home.resolve("examples").resolve(JAR), tmp);
        Files.move(tmp, portal.home.resolve("deploy").resolve(JAR), java.nio.file.StandardCopyOption.ATOMIC_MOVE);

        Path dayBefore = folder.resolve("rollups-" + today.minusDays(2) + ".csv");
        Path yesterday = folder.resolve("rollups-" + today.minusDays(1) + ".csv");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!(Files.exists(dayBefore) && Files.exists(yesterday)) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(
                Files.exists(dayBefore) && Files.exists(yesterday), "both files within 60 s:\n" + portal.diagnostics());

        for (int d = 2; d >= 1; d--) {
            LocalDate day = today.minusDays(d);
            Path file = folder.resolve("rollups-" + day + ".csv");
            assertEquals(expected(day), read(file, day), file.getFileName().toString());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        assertEquals(
                "9/3",
                read(dayBefore, today.minusDays(2)).get("pageviews/"),
                "nine page views two days ago (one anonymous) by three visitors");
        try (var files = Files.list(folder)) {
            assertEquals(
                    Set.of(
                            dayBefore.getFileName().toString(),
                            yesterday.getFileName().toString()),
                    new HashSet<>(files.map(f -> f.getFileName().toString()).toList()),
                    "not the day before the example first appeared, not today, no temporary file");
        }

        assertEquals(143, portal.terminate(Duration.ofSeconds(60)));
        try (Connection c = database(portal);
                ResultSet r = c.createStatement().executeQuery("SELECT name, state_value FROM analytics_state")) {
            Map<String, String> state = new HashMap<>();
            while (r.next()) {
                state.put(r.getString(1), r.getString(2));
            }
            assertEquals(today.minusDays(2).toString(), state.get("rolled-up-through"), state.toString());
            assertTrue(state.getOrDefault("retention-last-run", "").contains("\"rawRows\":0"), state.toString());
        }
        try (Connection c = database(portal);
                ResultSet r = c.createStatement()
                        .executeQuery("SELECT delivered_through FROM analytics_sink WHERE sink_id = '" + SINK + "'")) {
            assertTrue(r.next());
            assertEquals(today.minusDays(1), r.getDate(1).toLocalDate());
        }
    }
}
