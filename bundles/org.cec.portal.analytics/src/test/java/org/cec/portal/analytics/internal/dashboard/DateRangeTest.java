package org.cec.portal.analytics.internal.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Presets end today (or at to), custom ranges need both ends in order, and every mistake is said. */
class DateRangeTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-12-02");

    @Test
    void presetsEndTodayOrAtTo() throws Exception {
        assertEquals(new DateRange("day", TODAY, TODAY), DateRange.parse("day", "", "", TODAY));
        assertEquals(
                new DateRange("week", LocalDate.parse("2026-11-26"), TODAY), DateRange.parse("week", "", "", TODAY));
        assertEquals(7, DateRange.parse("week", "", "", TODAY).days());
        assertEquals(30, DateRange.parse("month", "", "", TODAY).days());
        assertEquals(365, DateRange.parse("YEAR", "", "", TODAY).days());
        assertEquals(
                new DateRange("year", LocalDate.parse("2025-01-01"), LocalDate.parse("2025-12-31")),
                DateRange.parse("year", "", "2025-12-31", TODAY));
        assertEquals("month", DateRange.parse("", "", "", TODAY).preset(), "nothing asked: the last 30 days");
    }

    @Test
    void customRangesIncludeBothEnds() throws Exception {
        DateRange r = DateRange.parse("custom", "2026-03-01", "2026-03-31", TODAY);
        assertEquals(31, r.days());
        assertEquals(r, DateRange.parse("", " 2026-03-01 ", "2026-03-31", TODAY), "dates alone are a custom range");
        assertEquals(
                1, DateRange.parse("custom", "2026-03-01", "2026-03-01", TODAY).days());
        assertEquals(TODAY, DateRange.parse("custom", "2026-11-01", "", TODAY).to());
    }

    @Test
    void mistakesAreSaidByTheKeyOfASentenceAndItsArguments() {
        assertReason("console.analytics.range.preset", List.of(), "decade", "", "");
        assertReason("console.analytics.range.date", List.of("from"), "custom", "yesterday", "");
        assertReason("console.analytics.range.date", List.of("from"), "custom", "2026-02-30", "");
        assertReason("console.analytics.range.date", List.of("to"), "custom", "2026-01-01", "2026-1-5");
        assertReason("console.analytics.range.date", List.of("to"), "month", "", "<script>");
        assertReason("console.analytics.range.customNeedsFrom", List.of(), "custom", "", "2026-01-01");
        assertReason(
                "console.analytics.range.order",
                List.of("2026-03-02", "2026-03-01"),
                "custom",
                "2026-03-02",
                "2026-03-01");
        assertReason("console.analytics.range.tooLong", List.of("3660", "9498"), "custom", "2000-01-01", "2026-01-01");
    }

    private static void assertReason(String key, List<String> args, String range, String from, String to) {
        DateRange.BadRange bad = assertThrows(DateRange.BadRange.class, () -> DateRange.parse(range, from, to, TODAY));
        assertEquals(key, bad.key(), bad.getMessage());
        assertEquals(args, bad.args(), bad.getMessage());
    }
}
