package org.cec.portal.directory.internal.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cec.portal.directory.internal.choice.Leads.Status;
import org.junit.jupiter.api.Test;

class LeadReportTest {

    private static final LocalDate SHARED = LocalDate.of(2026, 11, 20);
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

    private static LeadReport.Checked check(String status, String date, List<String> services, String note) {
        return LeadReport.check(status, date, services, note, SHARED, TODAY);
    }

    @Test
    void aValidReportIsKeptWithTodayWhenNoDateIsGiven() {
        LeadReport r = check("contacted", null, List.of(), null).report().orElseThrow();
        assertEquals(Status.CONTACTED, r.status());
        assertEquals(TODAY, r.date());
        assertEquals(List.of(), r.servicesPerformed());
        LeadReport done = check("job-done", "2026-11-30", List.of("solar-pv", "solar-pv", "battery-storage"), " ok ")
                .report()
                .orElseThrow();
        assertEquals(List.of("solar-pv", "battery-storage"), done.servicesPerformed());
        assertEquals(LocalDate.of(2026, 11, 30), done.date());
        assertEquals("ok", done.note());
        assertEquals(
                List.of(),
                check("declined", "2026-11-30", List.of("solar-pv"), "")
                        .report()
                        .orElseThrow()
                        .servicesPerformed(),
                "services performed belong to a job done only");
    }

    @Test
    void badInputNamesTheFieldAndStoresNothing() {
        assertEquals(
                Map.of("status", "directory.lead.error.status"),
                check(null, null, List.of(), null).errors());
        assertEquals(
                "directory.lead.error.status",
                check("shared", null, List.of(), null).errors().get("status"));
        assertEquals(
                "directory.lead.error.status",
                check("won", null, List.of(), null).errors().get("status"));
        assertEquals(
                "directory.lead.error.date",
                check("contacted", "12/01/2026", List.of(), null).errors().get("date"));
        assertEquals(
                "directory.lead.error.dateRange",
                check("contacted", "2026-11-19", List.of(), null).errors().get("date"));
        assertEquals(
                "directory.lead.error.dateRange",
                check("contacted", "2026-12-04", List.of(), null).errors().get("date"));
        assertEquals(
                "directory.lead.error.servicesMissing",
                check("job-done", null, List.of(), null).errors().get("servicesPerformed"));
        assertEquals(
                "directory.lead.error.services",
                check("job-done", null, List.of("<script>"), null).errors().get("servicesPerformed"));
        assertEquals(
                "directory.lead.error.note",
                check("contacted", null, List.of(), "x".repeat(501)).errors().get("note"));
        assertEquals(
                "directory.lead.error.note",
                check("contacted", null, List.of(), "a\u0000b").errors().get("note"));
        assertTrue(check("contacted", null, List.of(), "x".repeat(500)).errors().isEmpty());
    }
}
