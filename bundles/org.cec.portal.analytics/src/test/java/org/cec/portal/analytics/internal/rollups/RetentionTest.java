package org.cec.portal.analytics.internal.rollups;

import static org.cec.portal.analytics.internal.rollups.Fixture.pageView;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14, acceptance 5: retention drops expired partitions (PostgreSQL) or rows (H2) and keeps rollups.
 */
class RetentionTest {

    /** Today; with 30 days of raw events kept, raw events before 2026-04-10 go: January to March whole, April partly. */
    private static final LocalDate TODAY = LocalDate.of(2026, 5, 10);

    private static final List<LocalDate> DAYS = List.of(
            LocalDate.of(2026, 1, 15),
            LocalDate.of(2026, 2, 1),
            LocalDate.of(2026, 2, 28),
            LocalDate.of(2026, 3, 31),
            LocalDate.of(2026, 4, 9),
            LocalDate.of(2026, 4, 10),
            LocalDate.of(2026, 5, 9));

    private static void partitions(ModuleTestDatabase db) {
        // as the recorder creates them; March has none, its rows are in the default partition
        db.inTransaction(em -> {
            try (Statement s = em.unwrap(Connection.class).createStatement()) {
                for (String month : List.of("2026_01", "2026_02", "2026_04", "2026_05")) {
                    LocalDate from = LocalDate.parse(month.replace('_', '-') + "-01");
                    s.execute(
                            "CREATE TABLE analytics_event_" + month + " PARTITION OF analytics_event FOR VALUES FROM ('"
                                    + from + "') TO ('" + from.plusMonths(1) + "')");
                }
            }
            return null;
        });
    }

    private static List<Object[]> tables(ModuleTestDatabase db) {
        return db.rows("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = 'analytics_event'::regclass ORDER BY c.relname");
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void expiredRawEventsGoByMonthThenByDayAndTheRollupsStay(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "analytics")) {
            boolean postgres = db.toString().equals("postgresql");
            if (postgres) {
                partitions(db);
            }
            for (LocalDate day : DAYS) {
                pageView(db, day, "a", "/", null, null, null, null, null, null);
                pageView(db, day, "b", "/", null, null, null, null, null, null);
            }
            Fixture.TestClock clock = Fixture.clockAt(TODAY, 3);
            new Rollups(db, clock).run();
            long rollups = Fixture.count(db, "SELECT COUNT(*) FROM analytics_daily");
            assertEquals(DAYS.size() * 2L, rollups, "pageviews and pages of every day");

            Retention.Run run = new Retention(db, Fixture.settings(30, 1095, false), clock).run();

            assertEquals(LocalDate.of(2026, 4, 10), run.rawBefore());
            assertEquals(10, run.rawRows(), "5 days of 2 rows");
            assertEquals(
                    List.of("2026-04-10", "2026-05-09"),
                    db.rows("SELECT DISTINCT event_day FROM analytics_event ORDER BY event_day").stream()
                            .map(r -> r[0].toString())
                            .toList());
            assertEquals(rollups, Fixture.count(db, "SELECT COUNT(*) FROM analytics_daily"), "rollups are kept");
            if (postgres) {
                assertEquals(List.of("analytics_event_2026_01", "analytics_event_2026_02"), run.partitions());
                List<String> left =
                        tables(db).stream().map(r -> r[0].toString()).toList();
                assertEquals(
                        List.of("analytics_event_2026_04", "analytics_event_2026_05", "analytics_event_default"),
                        left,
                        "the expired months' partitions are dropped");
            } else {
                assertTrue(run.partitions().isEmpty());
            }
            String state = db.read(em -> StateStore.get(em.unwrap(Connection.class), StateStore.RETENTION_LAST_RUN))
                    .orElseThrow();
            assertTrue(state.contains("\"rawBefore\":\"2026-04-10\"") && state.contains("\"rawRows\":10"), state);
            assertTrue(state.contains("\"partitions\":" + (postgres ? 2 : 0)), state);
            assertTrue(state.contains("\"at\":\"2026-05-10T03:00:00Z\""), state);

            // again the same day: not due; the next day it is, and the day that expired meanwhile goes
            Retention retention = new Retention(db, Fixture.settings(30, 1095, false), clock);
            assertFalse(retention.runIfDue().isPresent());
            clock.setDay(TODAY.plusDays(1), 0);
            assertEquals(2, retention.runIfDue().orElseThrow().rawRows(), "the rows of 2026-04-10");
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void rollupsOlderThanTheirRetentionGoWithTheIdsCountedIntoThem(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "analytics")) {
            Fixture.TestClock clock = Fixture.clockAt(TODAY, 3);
            db.inTransaction(em -> {
                Connection c = em.unwrap(Connection.class);
                DailyStore.add(c, TODAY.minusDays(101), "pageviews", "", 5);
                DailyStore.add(c, TODAY.minusDays(100), "pageviews", "", 6);
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO analytics_counted_event (event_id, counted_day) VALUES (1, DATE '"
                            + TODAY.minusDays(101) + "'), (2, DATE '" + TODAY.minusDays(100) + "')");
                }
                return null;
            });
            Retention.Run run = new Retention(db, Fixture.settings(30, 100, false), clock).run();
            assertEquals(1, run.rollupRows());
            assertEquals(
                    List.of(TODAY.minusDays(100).toString()),
                    db.rows("SELECT rollup_day FROM analytics_daily").stream()
                            .map(r -> r[0].toString())
                            .toList());
            assertEquals(1, Fixture.count(db, "SELECT COUNT(*) FROM analytics_counted_event"));
        }
    }
}
