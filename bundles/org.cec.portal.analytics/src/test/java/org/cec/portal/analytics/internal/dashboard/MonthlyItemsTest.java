package org.cec.portal.analytics.internal.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.SplittableRandom;
import org.cec.portal.analytics.internal.dashboard.DashboardQueries.Item;
import org.cec.portal.testing.ModuleTestDatabase;
import org.cec.portal.testing.MovableClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Month totals kept in memory give the same top lists as adding up the days; a settled month is read
 * again after {@link MonthlyItems#KEEP}, a month that may still change is never kept.
 */
class MonthlyItemsTest {

    private static DateRange range(String from, String to) {
        return new DateRange("custom", LocalDate.parse(from), LocalDate.parse(to));
    }

    private static void seed(ModuleTestDatabase db) {
        SplittableRandom random = new SplittableRandom(7);
        for (LocalDate d = LocalDate.parse("2026-01-01");
                d.isBefore(LocalDate.parse("2026-04-10"));
                d = d.plusDays(3)) {
            for (int i = 0; i < 6; i++) {
                Rollups.add(db, d.toString(), "pages", "/p" + random.nextInt(10) + "-" + i, 1 + random.nextInt(40), 1);
            }
            Rollups.add(db, d.toString(), "referrers", "other.example", 1000, 1);
        }
    }

    private static void change(ModuleTestDatabase db, String day) {
        db.inTransaction(em -> {
            try (PreparedStatement s = em.unwrap(Connection.class)
                    .prepareStatement("UPDATE analytics_daily SET events = events + 500 WHERE metric = 'pages'"
                            + " AND rollup_day = ?")) {
                s.setDate(1, java.sql.Date.valueOf(day));
                return s.executeUpdate();
            }
        });
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void monthTotalsAddUpToWhatTheDaysSay(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "analytics")) {
            seed(db);
            Rollups.state(db, MonthlyItems.ROLLED_UP_THROUGH, "2026-05-30", LocalDateTime.parse("2026-06-01T00:05:00"));
            DashboardQueries queries = new DashboardQueries();
            MonthlyItems monthly = new MonthlyItems(queries, new MovableClock(Instant.parse("2026-06-01T12:00:00Z")));
            List<DateRange> ranges = List.of(
                    range("2026-01-01", "2026-03-31"),
                    range("2026-01-15", "2026-04-09"),
                    range("2026-02-01", "2026-02-28"),
                    range("2026-02-10", "2026-02-20"),
                    range("2025-12-01", "2026-12-31"));
            for (int round = 0; round < 2; round++) { // the second round from the months kept
                for (DateRange r : ranges) {
                    List<Item> expected = db.read(em -> queries.top(em.unwrap(Connection.class), "pages", r, 1000));
                    List<Item> all = db.read(em -> monthly.top(em.unwrap(Connection.class), "pages", r, 1000));
                    List<Item> three = db.read(em -> monthly.top(em.unwrap(Connection.class), "pages", r, 3));
                    assertEquals(expected, all, r.toString());
                    assertEquals(expected.subList(0, Math.min(3, expected.size())), three, r.toString());
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void aSettledMonthIsReadAgainAfterAWhileARecentOneEveryTime(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "analytics")) {
            seed(db);
            Rollups.state(db, MonthlyItems.ROLLED_UP_THROUGH, "2026-03-30", LocalDateTime.parse("2026-04-01T00:05:00"));
            DashboardQueries queries = new DashboardQueries();
            MovableClock clock = new MovableClock(Instant.parse("2026-04-01T12:00:00Z"));
            MonthlyItems monthly = new MonthlyItems(queries, clock);
            DateRange q1 = range("2026-01-01", "2026-03-31");
            List<Item> before = db.read(em -> monthly.top(em.unwrap(Connection.class), "pages", q1, 1000));

            change(db, "2026-03-05"); // March ended yesterday: it may still change, so it is not kept
            List<Item> fromDays = db.read(em -> queries.top(em.unwrap(Connection.class), "pages", q1, 1000));
            assertNotEquals(before, fromDays);
            List<Item> recent = db.read(em -> monthly.top(em.unwrap(Connection.class), "pages", q1, 1000));
            assertEquals(fromDays, recent);

            change(db, "2026-02-03"); // February is settled and kept
            List<Item> kept = db.read(em -> monthly.top(em.unwrap(Connection.class), "pages", q1, 1000));
            assertEquals(fromDays, kept, "within a while the kept totals of February are used");
            clock.advance(MonthlyItems.KEEP.plusSeconds(1));
            List<Item> again = db.read(em -> queries.top(em.unwrap(Connection.class), "pages", q1, 1000));
            List<Item> reread = db.read(em -> monthly.top(em.unwrap(Connection.class), "pages", q1, 1000));
            assertNotEquals(kept, again);
            assertEquals(again, reread, "then February is read again");
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void aMonthTheRollupsHaveNotFinishedIsNeverKept(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "analytics")) {
            DashboardQueries queries = new DashboardQueries();
            MonthlyItems monthly = new MonthlyItems(queries, new MovableClock(Instant.parse("2026-06-01T12:00:00Z")));
            DateRange february = range("2026-02-01", "2026-02-28");
            // right after a start, before the rollups' first run: February has no rollups yet
            assertEquals(List.of(), db.read(em -> monthly.top(em.unwrap(Connection.class), "pages", february, 10)));
            // the rollups catch up, day by day: half of February, then all of it
            Rollups.add(db, "2026-02-03", "pages", "/", 5, 4);
            Rollups.state(db, MonthlyItems.ROLLED_UP_THROUGH, "2026-02-14", LocalDateTime.parse("2026-06-01T12:00:05"));
            assertEquals(
                    List.of(new Item("/", 5, 4)),
                    db.read(em -> monthly.top(em.unwrap(Connection.class), "pages", february, 10)),
                    "what was read before is not kept");
            Rollups.add(db, "2026-02-20", "pages", "/", 2, 2);
            db.inTransaction(em -> {
                try (PreparedStatement s = em.unwrap(Connection.class)
                        .prepareStatement("UPDATE analytics_state SET state_value = '2026-05-30' WHERE name = ?")) {
                    s.setString(1, MonthlyItems.ROLLED_UP_THROUGH);
                    return s.executeUpdate();
                }
            });
            assertEquals(
                    List.of(new Item("/", 7, 6)),
                    db.read(em -> monthly.top(em.unwrap(Connection.class), "pages", february, 10)));
            change(db, "2026-02-20"); // settled and rolled up now: kept
            assertEquals(
                    List.of(new Item("/", 7, 6)),
                    db.read(em -> monthly.top(em.unwrap(Connection.class), "pages", february, 10)),
                    "a month rolled up to its end is kept");
        }
    }
}
