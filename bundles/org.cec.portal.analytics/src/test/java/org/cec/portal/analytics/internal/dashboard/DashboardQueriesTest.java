package org.cec.portal.analytics.internal.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.cec.portal.analytics.internal.dashboard.DashboardQueries.Day;
import org.cec.portal.analytics.internal.dashboard.DashboardQueries.DayItem;
import org.cec.portal.analytics.internal.dashboard.DashboardQueries.Item;
import org.cec.portal.analytics.internal.dashboard.DashboardQueries.State;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The dashboard's SQL on H2 and PostgreSQL: ranges include both ends, one metric only, sums, order, limits. */
class DashboardQueriesTest {

    private static final DateRange MARCH =
            new DateRange("custom", LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"));

    private final DashboardQueries queries = new DashboardQueries();

    private static void seed(ModuleTestDatabase db) {
        Rollups.add(db, "2026-02-28", "pageviews", "", 1000, 900); // before the range
        Rollups.add(db, "2026-03-01", "pageviews", "", 10, 7);
        Rollups.add(db, "2026-03-02", "pageviews", "", 20, 11);
        Rollups.add(db, "2026-03-31", "pageviews", "", 5, 4);
        Rollups.add(db, "2026-04-01", "pageviews", "", 2000, 1000); // after it
        Rollups.add(db, "2026-03-01", "pages", "/", 6, 5);
        Rollups.add(db, "2026-03-02", "pages", "/", 9, 6);
        Rollups.add(db, "2026-03-01", "pages", "/contractors/{id}", 4, 2);
        Rollups.add(db, "2026-03-02", "pages", "/request", 15, 5);
        Rollups.add(db, "2026-03-02", "pages", "/about", 4, 4);
        Rollups.add(db, "2026-04-01", "pages", "/about", 900, 9);
        Rollups.add(db, "2026-03-02", "referrers", "/", 999, 1); // another metric with the same item
        Rollups.add(db, "2026-03-01", "consent-choices", "analytics:granted", 3, 0);
        Rollups.add(db, "2026-03-01", "consent-choices", "analytics:refused", 1, 0);
        Rollups.add(db, "2026-03-03", "consent-choices", "analytics:granted", 2, 0);
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void aSeriesHasTheDaysOfTheRangeWithRowsOnly(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "analytics")) {
            seed(db);
            List<Day> days = db.read(em -> queries.series(em.unwrap(Connection.class), "pageviews", MARCH));
            assertEquals(
                    List.of(
                            new Day(LocalDate.parse("2026-03-01"), 10, 7),
                            new Day(LocalDate.parse("2026-03-02"), 20, 11),
                            new Day(LocalDate.parse("2026-03-31"), 5, 4)),
                    days);
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void aTopListSumsEventsAndDailyVisitorsPerItemMostFirstTiesByItem(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "analytics")) {
            seed(db);
            List<Item> top = db.read(em -> queries.top(em.unwrap(Connection.class), "pages", MARCH, 10));
            assertEquals(
                    List.of(
                            new Item("/", 15, 11),
                            new Item("/request", 15, 5),
                            new Item("/about", 4, 4),
                            new Item("/contractors/{id}", 4, 2)),
                    top);
            List<Item> two = db.read(em -> queries.top(em.unwrap(Connection.class), "pages", MARCH, 2));
            assertEquals(List.of("/", "/request"), two.stream().map(Item::item).toList());
            DateRange none = new DateRange("custom", LocalDate.parse("2025-01-01"), LocalDate.parse("2025-12-31"));
            assertTrue(db.read(em -> queries.top(em.unwrap(Connection.class), "pages", none, 10))
                    .isEmpty());
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void cellsPerDayAndItemAndTheModulesState(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "analytics")) {
            seed(db);
            Rollups.state(
                    db, "retention-last-run", "ok: 3 partitions dropped", LocalDateTime.parse("2026-03-31T02:00:05"));
            List<DayItem> cells =
                    db.read(em -> queries.byDayAndItem(em.unwrap(Connection.class), "consent-choices", MARCH));
            assertEquals(
                    List.of(
                            new DayItem(LocalDate.parse("2026-03-01"), "analytics:granted", 3),
                            new DayItem(LocalDate.parse("2026-03-01"), "analytics:refused", 1),
                            new DayItem(LocalDate.parse("2026-03-03"), "analytics:granted", 2)),
                    cells);
            assertEquals(
                    new State("ok: 3 partitions dropped", LocalDateTime.parse("2026-03-31T02:00:05")),
                    db.read(em -> queries.state(em.unwrap(Connection.class), "retention-last-run"))
                            .orElseThrow());
            assertTrue(db.read(em -> queries.state(em.unwrap(Connection.class), "dropped"))
                    .isEmpty());
        }
    }
}
