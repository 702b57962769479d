package org.cec.portal.analytics.internal.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
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
    void mistakesAreSaidInASentence() {
        assertReason("range must be one of", "decade", "", "");
        assertReason("from must be a date like 2026-01-31", "custom", "yesterday", "");
        assertReason("from must be a date like", "custom", "2026-02-30", "");
        assertReason("to must be a date like", "custom", "2026-01-01", "2026-1-5");
        assertReason("to must be a date like", "month", "", "<script>");
        assertReason("A custom range needs from", "custom", "", "2026-01-01");
        assertReason("from (2026-03-02) must not be after to (2026-03-01)", "custom", "2026-03-02", "2026-03-01");
        assertReason("at most 3660 days", "custom", "2000-01-01", "2026-01-01");
    }

    private static void assertReason(String expected, String range, String from, String to) {
        DateRange.BadRange bad = assertThrows(DateRange.BadRange.class, () -> DateRange.parse(range, from, to, TODAY));
        assertTrue(bad.getMessage().contains(expected), bad.getMessage());
    }
}
