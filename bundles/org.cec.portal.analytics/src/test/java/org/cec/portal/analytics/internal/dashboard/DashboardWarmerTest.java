package org.cec.portal.analytics.internal.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The warmer builds the year view ahead of the first opening, and what it keeps of settled months
 * gives the page the same numbers as a dashboard that never was warmed.
 */
class DashboardWarmerTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-06-15");
    private static final Clock CLOCK = Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void aWarmedDashboardShowsWhatAColdOneShows(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "analytics")) {
            Rollups.add(db, "2026-03-10", "pages", "/", 40, 30);
            Rollups.add(db, "2026-04-10", "pages", "/", 2, 2);
            Rollups.add(db, "2026-04-11", "pages", "/request", 50, 41);
            Rollups.add(db, "2026-06-14", "pages", "/request", 1, 1);
            Rollups.state(db, MonthlyItems.ROLLED_UP_THROUGH, "2026-06-14", LocalDateTime.parse("2026-06-15T00:05:00"));
            DateRange year = DateRange.parse("year", "", "", TODAY);

            Dashboard warmed = new Dashboard(db, CLOCK);
            new DashboardWarmer(warmed, CLOCK).warm();
            // a month's rollups written again by hand after the warming: kept totals are used for KEEP
            Rollups.add(db, "2026-03-11", "pages", "/", 1000, 1000);

            Dashboard cold = new Dashboard(db, CLOCK);
            Table kept = warmed.table("pages", year).orElseThrow();
            assertEquals(
                    new Table.Row("/request", java.util.List.of(51L, 42L)),
                    kept.rows().get(0),
                    "the kept March total (40) plus April and June read from the rows: /request 51 leads");
            assertEquals(cold.table("visitors", year), warmed.table("visitors", year), "series are read directly");
            assertEquals(
                    new Table.Row("/", java.util.List.of(1042L, 1032L)),
                    cold.table("pages", year).orElseThrow().rows().get(0),
                    "a dashboard that was not warmed reads the months at its first opening");
        }
    }
}
