package org.cec.portal.intake.internal;

import static org.cec.portal.intake.internal.RequestSubmissionsTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The console's list with its filters and pages, the status change, the export and their audit, on H2 and PostgreSQL. */
class RequestQueriesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC);

    static List<String> kinds() {
        return ModuleTestDatabase.kinds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void staffFilterPageExportAndChangeStatus(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "intake")) {
            RequestSubmissions submissions = new RequestSubmissions(db, db, new References(new SecureRandom()), CLOCK);
            TestAudit audit = new TestAudit();
            RequestQueries service = new RequestQueries(db, audit.requestAudit(), CLOCK);
            String a = submissions.submit(request("a@example.com", "94110", "heat-pump"), "form");
            submissions.submit(request("b@example.com", "10001", "solar-pv"), "form");
            submissions.submit(request("a@example.com", "94117", "solar-pv", "heat-pump"), "api");

            RequestQueries.Filter none = new RequestQueries.Filter(null, null, null, null, null);
            assertEquals(3, service.list(none, 0, 2, TestAudit.staff("s")).total());
            assertEquals(
                    2, service.list(none, 0, 2, TestAudit.staff("s")).rows().size());
            assertEquals(
                    1, service.list(none, 1, 2, TestAudit.staff("s")).rows().size());
            assertEquals("view", audit.last().action());
            assertEquals("list page 2", audit.last().record());
            assertEquals(
                    2,
                    service.list(new RequestQueries.Filter(null, null, "941", null, null), 0, 25, TestAudit.staff("s"))
                            .total());
            assertEquals(
                    2,
                    service.list(
                                    new RequestQueries.Filter(null, null, null, "heat-pump", null),
                                    0,
                                    25,
                                    TestAudit.staff("s"))
                            .total());
            LocalDate day = LocalDate.of(2026, 3, 1);
            assertEquals(
                    3,
                    service.list(new RequestQueries.Filter(day, day, null, null, null), 0, 25, TestAudit.staff("s"))
                            .total());
            assertEquals(
                    0,
                    service.list(
                                    new RequestQueries.Filter(day.plusDays(1), null, null, null, null),
                                    0,
                                    25,
                                    TestAudit.staff("s"))
                            .total());

            assertTrue(service.changeStatus(a, "contacted", TestAudit.staff("s")));
            assertFalse(service.changeStatus("0000-0000-0000-0000-0000", "contacted", TestAudit.staff("s")));
            assertEquals("change", audit.last().action());
            assertEquals(a, audit.last().record());
            assertEquals("status new -> contacted", audit.last().detail());
            assertEquals(
                    1,
                    service.list(
                                    new RequestQueries.Filter(null, null, null, null, "contacted"),
                                    0,
                                    25,
                                    TestAudit.staff("s"))
                            .total());
            int before = audit.size();
            assertEquals(3, service.export(none, TestAudit.staff("s")).size());
            assertEquals("export", audit.last().action());
            assertEquals(before + 1, audit.size(), "one entry for one export");
            assertEquals(3, service.count());
        }
    }
}
