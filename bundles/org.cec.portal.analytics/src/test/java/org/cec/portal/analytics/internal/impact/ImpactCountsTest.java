package org.cec.portal.analytics.internal.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cec.portal.api.events.PortalEvent;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The impact counts from the event log (on H2 and PostgreSQL): requests per service, leads and jobs
 * done per ZIP3, each event counted once however often it comes; and the tables made of them, with
 * every cell under 10 suppressed and totals only of the cells shown.
 */
class ImpactCountsTest {

    private static final Instant DECEMBER = Instant.parse("2026-12-02T10:00:00Z");
    private static final Instant NOVEMBER = Instant.parse("2026-11-20T10:00:00Z");
    private static final YearMonth DEC = YearMonth.of(2026, 12);
    private static final YearMonth NOV = YearMonth.of(2026, 11);

    private long nextId = 100;

    private PortalEvent submitted(String zip3, Instant at, String... services) {
        StringBuilder list = new StringBuilder();
        for (String s : services) {
            list.append(list.length() == 0 ? "" : ",")
                    .append("{\"id\":\"")
                    .append(s)
                    .append("\",\"label\":\"Label of ")
                    .append(s)
                    .append("\"}");
        }
        return new PortalEvent(
                nextId++,
                ImpactCounts.SUBMITTED,
                "{\"reference\":\"R-1\",\"email\":\"ana@example.org\",\"name\":\"Ana Lopez\",\"services\":[" + list
                        + "],\"language\":\"en\",\"zip3\":\"" + zip3 + "\"}",
                at);
    }

    private PortalEvent shared(long disclosure, String zip3) {
        return new PortalEvent(
                nextId++,
                ImpactCounts.CONTACT_REQUESTED,
                "{\"disclosure\":" + disclosure + ",\"contractor\":\"c-1\",\"reference\":\"R-1\",\"fields\":[\"name\"],"
                        + "\"language\":\"en\",\"policyVersion\":\"1\",\"zip3\":\"" + zip3 + "\"}",
                DECEMBER);
    }

    private PortalEvent updated(long disclosure, String status) {
        return new PortalEvent(
                nextId++,
                ImpactCounts.LEAD_UPDATED,
                "{\"disclosure\":" + disclosure + ",\"contractor\":\"c-1\",\"status\":\"" + status
                        + "\",\"date\":\"2026-12-01\"}",
                DECEMBER);
    }

    private static List<ImpactStore.Count> counts(ModuleTestDatabase db) {
        return db.read(em -> new ImpactStore(em.unwrap(Connection.class)).counts(NOV.minusMonths(10), DEC));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> requests(List<ImpactStore.Count> counts) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("solar-pv", "Solar panels");
        labels.put("heat-pump", "Heat pump");
        return ImpactTables.requests(counts, NOV.minusMonths(10), DEC, labels, YearMonth::toString);
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object o, String key) {
        return (T) ((Map<String, Object>) o).get(key);
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void requestsLeadsAndJobsAreCountedOnceEachAndSmallCellsAreSuppressed(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "analytics")) {
            ImpactCounts consumer = new ImpactCounts(db);
            PortalEvent first = submitted("941", DECEMBER, "solar-pv");
            consumer.handle(first);
            for (int i = 1; i < 12; i++) {
                consumer.handle(submitted(i % 2 == 0 ? "941" : "946", DECEMBER, "solar-pv"));
            }
            for (int i = 0; i < 3; i++) {
                consumer.handle(submitted("941", DECEMBER, "heat-pump"));
            }
            consumer.handle(first); // delivered again (at least once): not counted again
            consumer.handle(submitted("941", NOVEMBER, "solar-pv", "heat-pump"));
            for (long d = 1; d <= 11; d++) {
                consumer.handle(shared(d, "941"));
            }
            consumer.handle(shared(1, "941")); // the same lead in another event: one lead
            consumer.handle(shared(50, "100"));
            PortalEvent done = updated(1, ImpactCounts.JOB_DONE);
            consumer.handle(done);
            consumer.handle(done);
            consumer.handle(updated(1, ImpactCounts.JOB_DONE)); // reported done again: one job
            consumer.handle(updated(2, "contacted"));
            consumer.handle(updated(99, ImpactCounts.JOB_DONE)); // a lead from before the log: area not known

            List<ImpactStore.Count> counts = counts(db);
            long solar = counts.stream()
                    .filter(c -> c.metric().equals(ImpactStore.REQUESTS)
                            && c.service().equals("solar-pv")
                            && c.month().equals(DEC))
                    .mapToLong(ImpactStore.Count::counted)
                    .sum();
            assertEquals(12, solar);
            assertTrue(counts.contains(new ImpactStore.Count(ImpactStore.REQUESTS, DEC, "941", "heat-pump", 3)));
            assertTrue(counts.contains(new ImpactStore.Count(ImpactStore.REQUESTS, NOV, "941", "heat-pump", 1)));
            assertTrue(counts.contains(new ImpactStore.Count(ImpactStore.LEADS, DEC, "941", "", 11)));
            assertTrue(counts.contains(new ImpactStore.Count(ImpactStore.JOBS_DONE, DEC, "941", "", 1)));
            assertTrue(counts.contains(new ImpactStore.Count(ImpactStore.JOBS_DONE, DEC, "", "", 1)));

            // nothing of a person in any of the module's impact tables
            for (String table : List.of("analytics_impact", "analytics_impact_lead", "analytics_impact_seen")) {
                for (Object[] row : db.rows("SELECT * FROM " + table)) {
                    String text = java.util.Arrays.toString(row);
                    assertFalse(
                            text.contains("ana@") || text.contains("Ana") || text.contains("R-1"), table + ": " + text);
                }
            }

            Map<String, Object> table = requests(counts);
            List<Map<String, Object>> columns = at(table, "services");
            assertEquals(
                    List.of("solar-pv", "heat-pump"),
                    columns.stream().map(c -> c.get("id")).toList());
            assertEquals("Solar panels", columns.get(0).get("label"));
            List<Map<String, Object>> rows = at(table, "rows");
            assertEquals(
                    List.of("2026-12", "2026-11"),
                    rows.stream().map(r -> r.get("month")).toList());
            List<Map<String, Object>> december = at(rows.get(0), "cells");
            assertEquals(Map.of("shown", true, "value", 12L), december.get(0));
            assertEquals(Map.of("shown", false), december.get(1), "3 heat pumps: fewer than 10");
            assertEquals(12L, (long) at(rows.get(0), "total"), "the row's total leaves the hidden 3 out");
            List<Map<String, Object>> november = at(rows.get(1), "cells");
            assertEquals(List.of(Map.of("shown", false), Map.of("shown", false)), november);
            assertEquals(0L, (long) at(rows.get(1), "total"));
            assertEquals(List.of(12L, 0L), at(table, "totals"));
            assertEquals(12L, (long) at(table, "total"), "not 16: the grand total never counts hidden cells");

            Map<String, Object> zips = ImpactTables.byZip3(counts, NOV.minusMonths(10), DEC);
            List<Map<String, Object>> byZip = at(zips, "rows");
            assertEquals(
                    List.of("100", "941", ""),
                    byZip.stream().map(r -> r.get("zip3")).toList());
            assertEquals(Map.of("shown", true, "value", 11L), byZip.get(1).get("leads"));
            assertEquals(Map.of("shown", false), byZip.get(1).get("jobs"));
            assertEquals(Map.of("shown", false), byZip.get(0).get("leads"));
            assertEquals(11L, (long) at(zips, "leads"));
            assertEquals(0L, (long) at(zips, "jobs"));
        }
    }

    @Test
    void aCellIsShownFromTenOn() {
        assertEquals(Map.of("shown", false), ImpactTables.cell(0));
        assertEquals(Map.of("shown", false), ImpactTables.cell(9));
        assertEquals(Map.of("shown", true, "value", 10L), ImpactTables.cell(10));
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void anEventThatIsNotJsonOrHasNoDisclosureFailsAndCountsNothing(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "analytics")) {
            ImpactCounts consumer = new ImpactCounts(db);
            assertThrows(
                    IllegalArgumentException.class,
                    () -> consumer.handle(new PortalEvent(1, ImpactCounts.SUBMITTED, "not json", DECEMBER)));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> consumer.handle(new PortalEvent(2, ImpactCounts.CONTACT_REQUESTED, "{}", DECEMBER)));
            assertEquals(List.of(), counts(db));
            assertEquals(0, db.rows("SELECT * FROM analytics_impact_seen").size(), "a failed event can come again");
            // an event of before zip3 was in the payload: counted in an area not known
            consumer.handle(
                    new PortalEvent(3, ImpactCounts.SUBMITTED, "{\"services\":[{\"id\":\"solar-pv\"}]}", DECEMBER));
            assertEquals(List.of(new ImpactStore.Count(ImpactStore.REQUESTS, DEC, "", "solar-pv", 1)), counts(db));
        }
    }
}
