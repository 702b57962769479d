package org.cec.portal.analytics.internal.rollups;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.SplittableRandom;
import org.cec.portal.analytics.internal.dashboard.DashboardBench;
import org.cec.portal.analytics.internal.dashboard.DateRange;
import org.cec.portal.api.analytics.AnalyticsEvent;
import org.cec.portal.api.analytics.RawEvent;
import org.cec.portal.testing.ModuleTestDatabase;

/**
 * The dashboard's benchmark from raw events (bench/analytics-dashboard.sh, {@code RAW_EVENTS=true}):
 * a year of generated raw events (10 million by default: page views with paths, referrers, campaigns,
 * devices, browsers and languages, and the modules' form, search, outbound-click and 404 events, each
 * value drawn with falling frequency from a pool), written into {@code analytics_event} (on PostgreSQL
 * into month partitions, as the recorder creates them), rolled up by the module's own {@link Rollups},
 * then every table of the year timed by {@link DashboardBench#measure} after the module's warmer ran.
 * Not a test.
 *
 * <p>Arguments: kind (h2, postgresql), runs, raw events a year.
 */
public final class RawYearBench {

    private static final int BATCH = 5_000;

    private RawYearBench() {}

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        long perYear = args.length > 2 ? Long.parseLong(args[2]) : 10_000_000L;
        LocalDate today = LocalDate.now();
        LocalDate first = today.minusDays(365);
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "analytics")) {
            long t0 = System.nanoTime();
            long written = write(db, kind, first, today.minusDays(1), perYear / 365);
            System.out.printf(
                    "%s: %,d raw events for 365 days written in %.1f s%n",
                    kind, written, (System.nanoTime() - t0) / 1e9);
            long t1 = System.nanoTime();
            int days = new Rollups(db, Clock.systemDefaultZone()).run();
            long rollups = Fixture.count(db, "SELECT COUNT(*) FROM analytics_daily");
            System.out.printf(
                    "%s: %d days rolled up by the module's Rollups into %,d rollup rows in %.1f s%n",
                    kind, days, rollups, (System.nanoTime() - t1) / 1e9);
            // the page's "year" preset: the 365 days up to today
            DashboardBench.measure(db, kind, new DateRange("year", today.minusDays(364), today), runs, true);
        }
    }

    private static long write(ModuleTestDatabase db, String kind, LocalDate from, LocalDate to, long perDay)
            throws Exception {
        if (kind.equals("postgresql")) {
            db.inTransaction(em -> {
                try (Statement s = em.unwrap(Connection.class).createStatement()) {
                    for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
                        s.execute(String.format(
                                "CREATE TABLE analytics_event_%04d_%02d PARTITION OF analytics_event"
                                        + " FOR VALUES FROM ('%s') TO ('%s')",
                                m.getYear(),
                                m.getMonthValue(),
                                m.atDay(1),
                                m.plusMonths(1).atDay(1)));
                    }
                }
                return null;
            });
        }
        SplittableRandom random = new SplittableRandom(42);
        long written = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            LocalDate d = day;
            written += db.inTransaction(em -> day(em.unwrap(Connection.class), random, d, perDay));
        }
        return written;
    }

    /** One day's events, in batches. */
    private static long day(Connection c, SplittableRandom random, LocalDate day, long events) throws Exception {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO analytics_event (event_month, event_day,"
                + " occurred_at, type, path, visitor_key, referrer_host, utm_source, utm_medium, utm_campaign,"
                + " browser, os, device, language, dimensions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (long i = 0; i < events; i++) {
                s.setObject(1, day.withDayOfMonth(1));
                s.setObject(2, day);
                s.setObject(3, day.atTime((int) (i * 24 / events), random.nextInt(60)));
                String visitor = "v" + day.getDayOfYear() + "-" + pick(random, 9_000);
                int kind = random.nextInt(100);
                if (kind < 70) {
                    boolean campaign = random.nextInt(10) == 0;
                    row(
                            s,
                            RawEvent.PAGE_VIEW,
                            "/page-" + pick(random, 1_200),
                            visitor,
                            random.nextBoolean() ? null : "ref-" + pick(random, 900) + ".example",
                            campaign ? "source-" + pick(random, 90) : null,
                            campaign ? "medium-" + pick(random, 30) : null,
                            campaign ? "campaign-" + pick(random, 150) : null,
                            "browser-" + pick(random, 30),
                            "os-" + pick(random, 24),
                            "device-" + pick(random, 3),
                            random.nextInt(4) == 0 ? "es" : "en",
                            null);
                } else if (kind < 80) {
                    row(
                            s,
                            AnalyticsEvent.FORM_STEP,
                            null,
                            visitor,
                            "{\"form\":\"request\",\"step\":\"step-" + pick(random, 4) + "\"}");
                } else if (kind < 83) {
                    row(
                            s,
                            AnalyticsEvent.FORM_ERROR,
                            null,
                            visitor,
                            "{\"form\":\"request\",\"step\":\"step-" + pick(random, 4) + "\",\"field\":\"field-"
                                    + pick(random, 60) + "\"}");
                } else if (kind < 84) {
                    row(s, AnalyticsEvent.FORM_SUBMITTED, null, visitor, "{\"form\":\"request\"}");
                } else if (kind < 92) {
                    row(
                            s,
                            AnalyticsEvent.DIRECTORY_SEARCH,
                            null,
                            visitor,
                            "{\"service\":\"service-" + pick(random, 30) + "\",\"zip3\":\""
                                    + (100 + pick(random, 2_700)) + "\"}");
                } else if (kind < 97) {
                    row(
                            s,
                            AnalyticsEvent.OUTBOUND_CLICK,
                            null,
                            visitor,
                            "{\"contractor\":\"c-" + pick(random, 1_800) + "\"}");
                } else {
                    row(
                            s,
                            AnalyticsEvent.NOT_FOUND,
                            null,
                            visitor,
                            "{\"path\":\"/missing-" + pick(random, 600) + "\"}");
                }
                s.addBatch();
                if ((i + 1) % BATCH == 0) {
                    s.executeBatch();
                }
            }
            s.executeBatch();
        }
        return events;
    }

    private static void row(PreparedStatement s, String type, String path, String visitor, String dimensions)
            throws Exception {
        row(s, type, path, visitor, null, null, null, null, null, null, null, null, dimensions);
    }

    private static void row(
            PreparedStatement s,
            String type,
            String path,
            String visitor,
            String referrer,
            String source,
            String medium,
            String campaign,
            String browser,
            String os,
            String device,
            String language,
            String dimensions)
            throws Exception {
        s.setString(4, type);
        s.setString(5, path);
        s.setString(6, visitor);
        s.setString(7, referrer);
        s.setString(8, source);
        s.setString(9, medium);
        s.setString(10, campaign);
        s.setString(11, browser);
        s.setString(12, os);
        s.setString(13, device);
        s.setString(14, language);
        s.setString(15, dimensions);
    }

    /** A value of a pool of {@code n}, the first ones far more often (1/rank, roughly). */
    private static int pick(SplittableRandom random, int n) {
        return (int) Math.floor(Math.pow(n + 1, random.nextDouble())) - 1;
    }
}
