package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The distribution with daily analytics rollups of March 2026, for the tests of the console page
 * Analytics (this package's and the browser's): started once so that the module's migrations run,
 * stopped, its H2 database filled as the rollups would have left it (spoofed referrer and UTM values
 * with markup included), started again. {@link #startSeeded} does the same with a set-up and a seed
 * of the caller's, on H2 or PostgreSQL.
 */
public final class AnalyticsPortal {

    public static final String PAGE = "/system/console/analytics";
    public static final String MARCH = "range=custom&from=2026-03-01&to=2026-03-31";
    public static final String SCRIPT = "<script>alert(1)</script>";
    public static final String IMG = "\"><img src=x onerror=alert(1)>";
    static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"x\")";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private AnalyticsPortal() {}

    /** Fills the database of a stopped portal. */
    @FunctionalInterface
    interface Seed {
        void into(RunningPortal stopped) throws Exception;
    }

    /** The portal, running again on the seeded database, its Analytics page answering. */
    public static RunningPortal startWithMarch(String name) throws Exception {
        return startSeeded(name, home -> {}, stopped -> {
            try (Connection c = stopped.h2()) {
                seed(c);
            }
        });
    }

    /**
     * The portal prepared by {@code setup}, started until its Analytics page answers (so the module's
     * migrations have run and the first admin has signed in), stopped, its database filled by {@code
     * seed}, and started again on it, its Analytics page answering.
     */
    static RunningPortal startSeeded(String name, RunningPortal.Setup setup, Seed seed) throws Exception {
        RunningPortal first = RunningPortal.start(name, setup);
        try {
            awaitPage(first, first.adminAuthorization());
            assertEquals(143, first.terminate(Duration.ofSeconds(60)), "stopped cleanly by SIGTERM");
            seed.into(first);
        } catch (Exception | AssertionError e) {
            first.close();
            throw e;
        }
        RunningPortal portal = first.restart();
        awaitPage(portal, portal.adminAuthorization());
        return portal;
    }

    /** The HTTP basic Authorization value of the portal's first admin. */
    public static String admin(RunningPortal portal) throws Exception {
        return portal.adminAuthorization();
    }

    /** March 2026: page views 100 + d with 50 + d visitors on day d, a few referrers, campaigns and pages. */
    private static void seed(Connection c) throws Exception {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO analytics_daily (metric, rollup_day, item, events, visitors) VALUES (?, ?, ?, ?, ?)")) {
            for (int d = 1; d <= 31; d++) {
                row(s, d, "pageviews", "", 100 + d, 50 + d);
            }
            row(s, 3, "referrers", SCRIPT, 5, 3);
            row(s, 4, "referrers", "search.example", 40, 30);
            row(s, 5, "utm-campaign", IMG, 4, 2);
            row(s, 5, "utm-source", FORMULA, 2, 2);
            row(s, 6, "pages", "/", 300, 200);
            row(s, 7, "pages", "/", 20, 10);
            row(s, 7, "pages", "/request", 100, 80);
            row(s, 8, "devices", "mobile", 70, 60);
            row(s, 8, "consent-choices", "analytics:granted", 9, 0);
            row(s, 9, "consent-choices", "analytics:refused", 4, 0);
            s.executeBatch();
        }
        // the first start's own round may have written these facts already (its retention runs at once)
        try (PreparedStatement s =
                c.prepareStatement("DELETE FROM analytics_state WHERE name IN ('retention-last-run', 'dropped')")) {
            s.executeUpdate();
        }
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO analytics_state (name, state_value, updated_at) VALUES (?, ?, ?)")) {
            s.setString(1, "retention-last-run");
            s.setString(2, "2026-03-31: 0 raw events and 0 rollups deleted");
            s.setTimestamp(3, Timestamp.valueOf(LocalDateTime.parse("2026-03-31T03:00:00")));
            s.addBatch();
            s.setString(1, "dropped");
            s.setString(2, "12");
            s.setTimestamp(3, Timestamp.valueOf(LocalDateTime.parse("2026-03-20T10:00:00")));
            s.addBatch();
            s.executeBatch();
        }
    }

    private static void row(PreparedStatement s, int day, String metric, String item, long events, long visitors)
            throws Exception {
        s.setString(1, metric);
        s.setDate(2, Date.valueOf(LocalDate.of(2026, 3, day)));
        s.setString(3, item);
        s.setLong(4, events);
        s.setLong(5, visitors);
        s.addBatch();
    }

    static void awaitPage(RunningPortal portal, String admin) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            HttpResponse<String> r =
                    portal.send(HttpRequest.newBuilder(portal.uri(PAGE)).header("Authorization", admin));
            if (r.statusCode() == 200 && r.body().contains("id=\"analytics-range\"")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail(PAGE + " did not answer: " + r.statusCode() + " " + r.body());
            }
            Thread.sleep(250);
        }
    }
}
