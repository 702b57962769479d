package org.cec.portal.analytics.internal.dashboard;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.testing.ModuleTestDatabase;

/**
 * bench/analytics-dashboard.sh: a year of daily rollups as 10 million raw events a year would leave
 * them (about 27,000 events a day spread over the metrics below, each day's items drawn from a pool
 * three times as large, counts falling off with rank), written into a fresh database of the module's
 * migrations (H2 in file mode with the platform's options, or a new PostgreSQL schema), then every
 * dashboard table for the year up to the last day timed as the page asks for it: the first run (the
 * months not yet kept in memory), then after two more warm-up runs the median and the slowest of the
 * measured runs, in milliseconds.
 *
 * <p>Arguments: {@code h2|postgresql} [runs (7)] [raw events per year (10,000,000)].
 */
public final class DashboardBench {

    /** Items per day of each metric (the pool of each is three times as large). */
    private static final Map<String, Integer> ITEMS_PER_DAY = items();

    private static Map<String, Integer> items() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("pageviews", 1);
        m.put("pages", 400);
        m.put("referrers", 300);
        m.put("utm-source", 40);
        m.put("utm-medium", 10);
        m.put("utm-campaign", 60);
        m.put("browsers", 25);
        m.put("os", 15);
        m.put("devices", 4);
        m.put("languages", 40);
        m.put("form-steps", 8);
        m.put("form-errors", 30);
        m.put("form-submitted", 1);
        m.put("search-services", 12);
        m.put("search-zip3", 900);
        m.put("outbound-clicks", 600);
        m.put("not-found", 150);
        m.put("email-opens", 20);
        m.put("email-clicks", 20);
        m.put("consent-choices", 6);
        m.put("dropped", 1);
        return m;
    }

    private DashboardBench() {}

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        long rawPerYear = args.length > 2 ? Long.parseLong(args[2]) : 10_000_000L;
        // -Dbench.warm=true: as the portal after its start, the warmer builds the year view (up to today)
        // before the first opening is timed
        boolean warm = Boolean.getBoolean("bench.warm");
        LocalDate last = warm ? LocalDate.now() : LocalDate.parse("2026-11-30");
        DateRange year = new DateRange("year", last.minusDays(364), last);
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "analytics")) {
            long t0 = System.nanoTime();
            long rows = fill(db, year, rawPerYear / 365);
            System.out.printf(
                    "%s: %,d rollup rows for %d days (%,d raw events a year), written in %.1f s%n",
                    kind, rows, year.days(), rawPerYear, (System.nanoTime() - t0) / 1e9);
            measure(db, kind, year, runs, warm);
        }
    }

    /**
     * Times every table of {@code year} as the page asks for it (also for RawYearBench, whose rollups
     * come from raw events): with {@code warm}, after the module's warmer has built the year view.
     */
    public static void measure(ModuleDatabase db, String kind, DateRange year, int runs, boolean warm) {
        Dashboard dashboard = new Dashboard(db);
        if (warm) {
            long w = System.nanoTime();
            new DashboardWarmer(dashboard, java.time.Clock.systemDefaultZone()).warm();
            System.out.printf("%s: the warmer built the year view in %.1f ms%n", kind, (System.nanoTime() - w) / 1e6);
        }
        System.out.printf("%-16s %10s %10s %10s %8s%n", "table", "first ms", "median ms", "max ms", "rows");
        double slowest = 0;
        for (String id : Dashboard.ids()) {
            double[] ms = new double[runs];
            int shown = 0;
            double first = 0;
            for (int i = -3; i < runs; i++) {
                long s = System.nanoTime();
                Table t = dashboard.table(id, year, Dashboard.PAGE_ROWS).orElseThrow();
                double took = (System.nanoTime() - s) / 1e6;
                if (i >= 0) {
                    ms[i] = took;
                } else if (i == -3) {
                    first = took;
                }
                shown = t.rows().size();
            }
            Arrays.sort(ms);
            slowest = Math.max(slowest, ms[runs - 1]);
            System.out.printf("%-16s %10.1f %10.1f %10.1f %8d%n", id, first, ms[runs / 2], ms[runs - 1], shown);
        }
        long s = System.nanoTime();
        dashboard.tables(year);
        System.out.printf(
                "%s: slowest table %.1f ms; the whole page's %d tables in one read: %.1f ms%n",
                kind, slowest, Dashboard.ids().size(), (System.nanoTime() - s) / 1e6);
    }

    /** Writes the rollups of every day of {@code range}; returns how many rows. */
    private static long fill(ModuleTestDatabase db, DateRange range, long eventsPerDay) {
        int itemsPerDay =
                ITEMS_PER_DAY.values().stream().mapToInt(Integer::intValue).sum();
        return db.inTransaction(em -> {
            Connection c = em.unwrap(Connection.class);
            SplittableRandom random = new SplittableRandom(42);
            long rows = 0;
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO analytics_daily (metric, rollup_day, item, events, visitors) VALUES (?, ?, ?, ?, ?)")) {
                for (LocalDate day = range.from(); !day.isAfter(range.to()); day = day.plusDays(1)) {
                    Date sqlDay = Date.valueOf(day);
                    for (Map.Entry<String, Integer> metric : ITEMS_PER_DAY.entrySet()) {
                        int n = metric.getValue();
                        // this metric's share of the day's events, spread over its items by rank (1/rank)
                        long share = Math.max(n, eventsPerDay * n / itemsPerDay);
                        double harmonic = 0;
                        for (int r = 1; r <= n; r++) {
                            harmonic += 1.0 / r;
                        }
                        List<Integer> picked = pick(random, n, 3 * n);
                        for (int r = 1; r <= n; r++) {
                            long events = Math.max(1, Math.round(share / (harmonic * r)));
                            insert.setString(1, metric.getKey());
                            insert.setDate(2, sqlDay);
                            insert.setString(3, n == 1 ? "" : metric.getKey() + "-" + picked.get(r - 1));
                            insert.setLong(4, events);
                            insert.setLong(5, Math.max(1, events * 7 / 10));
                            insert.addBatch();
                            rows++;
                        }
                    }
                    insert.executeBatch();
                }
            }
            // as the rollups leave it: every day of the range computed from its raw events
            try (PreparedStatement state = c.prepareStatement(
                    "INSERT INTO analytics_state (name, state_value, updated_at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
                state.setString(1, MonthlyItems.ROLLED_UP_THROUGH);
                state.setString(2, range.to().toString());
                state.executeUpdate();
            }
            if (db.toString().equals("postgresql")) {
                // what autovacuum does after a day's rollups: statistics and the visibility map (index-only scans)
                c.commit();
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute("VACUUM ANALYZE analytics_daily");
                }
                c.setAutoCommit(false);
            } else {
                try (Statement st = c.createStatement()) {
                    st.execute("ANALYZE");
                }
            }
            return rows;
        });
    }

    /** {@code n} distinct numbers below {@code pool}. */
    private static List<Integer> pick(SplittableRandom random, int n, int pool) {
        List<Integer> all = new ArrayList<>(pool);
        for (int i = 0; i < pool; i++) {
            all.add(i);
        }
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(pool - i);
            Integer t = all.get(i);
            all.set(i, all.get(j));
            all.set(j, t);
        }
        return all.subList(0, n);
    }
}
