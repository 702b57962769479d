package org.cec.portal.analytics.internal.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The dashboard's tables from rollups on H2 and PostgreSQL: every day of a series, the funnel, email, consent. */
class DashboardTest {

    private static final DateRange RANGE =
            new DateRange("custom", LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-03"));

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void buildsEveryTableOfTheRange(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "analytics")) {
            Rollups.add(db, "2026-03-01", "pageviews", "", 10, 7);
            Rollups.add(db, "2026-03-03", "pageviews", "", 5, 4);
            Rollups.add(db, "2026-03-01", "form-steps", "request/contact", 4, 4);
            Rollups.add(db, "2026-03-01", "form-steps", "request/service", 9, 8);
            Rollups.add(db, "2026-03-02", "form-submitted", "request", 3, 3);
            Rollups.add(db, "2026-03-01", "email-opens", "campaign-2", 30, 0);
            Rollups.add(db, "2026-03-02", "email-opens", "campaign-1", 50, 0);
            Rollups.add(db, "2026-03-02", "email-clicks", "campaign-1", 7, 0);
            Rollups.add(db, "2026-03-02", "email-clicks", "campaign-3", 1, 0);
            Rollups.add(db, "2026-03-02", "consent-choices", "analytics:granted", 2, 0);
            Rollups.add(db, "2026-03-03", "consent-choices", "analytics:refused", 1, 0);
            Rollups.add(db, "2026-03-02", "dropped", "", 17, 0);
            Rollups.add(db, "2026-03-02", "referrers", "<script>alert(1)</script>", 1, 1);
            Rollups.state(db, "dropped", "17", LocalDateTime.parse("2026-03-02T10:00:00"));
            Dashboard dashboard = new Dashboard(db);

            List<Table> tables = dashboard.tables(RANGE);
            assertEquals(Dashboard.ids(), tables.stream().map(Table::id).toList());
            Map<String, Table> byId = tables.stream().collect(Collectors.toMap(Table::id, Function.identity()));

            assertEquals(
                    List.of(
                            new Table.Row("2026-03-01", List.of(10L, 7L)),
                            new Table.Row("2026-03-02", List.of(0L, 0L)),
                            new Table.Row("2026-03-03", List.of(5L, 4L))),
                    byId.get("visitors").rows());
            assertEquals(
                    List.of(
                            new Table.Row("request/service", List.of(9L, 8L)),
                            new Table.Row("request/contact", List.of(4L, 4L)),
                            new Table.Row("request/submitted", List.of(3L, 3L))),
                    byId.get("funnel").rows());
            assertEquals(
                    List.of(
                            new Table.Row("campaign-1", List.of(50L, 7L)),
                            new Table.Row("campaign-2", List.of(30L, 0L)),
                            new Table.Row("campaign-3", List.of(0L, 1L))),
                    byId.get("email").rows());
            Table consent = byId.get("consent");
            assertEquals(List.of("Day", "analytics:granted", "analytics:refused"), consent.columns());
            assertEquals(
                    List.of(
                            new Table.Row("2026-03-01", List.of(0L, 0L)),
                            new Table.Row("2026-03-02", List.of(2L, 0L)),
                            new Table.Row("2026-03-03", List.of(0L, 1L))),
                    consent.rows());
            assertEquals(
                    List.of(0L, 17L, 0L),
                    byId.get("dropped").rows().stream()
                            .map(r -> r.values().get(0))
                            .toList());
            assertEquals(
                    "<script>alert(1)</script>",
                    byId.get("referrers").rows().get(0).label(),
                    "stored as it came");
            assertTrue(byId.get("pages").rows().isEmpty());

            assertEquals("17", dashboard.facts().dropped().orElseThrow().value());
            assertTrue(dashboard.facts().retention().isEmpty());
            assertTrue(dashboard.table("nothing", RANGE).isEmpty());
            assertEquals(byId.get("email"), dashboard.table("email", RANGE).orElseThrow());
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void thePageShowsTheTopRowsAndTheDownloadAllOfThem(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "analytics")) {
            for (int i = 0; i < Dashboard.PAGE_ROWS + 5; i++) {
                Rollups.add(db, "2026-03-02", "search-zip3", String.format("%03d", i), 100 + i, 1);
            }
            Dashboard dashboard = new Dashboard(db);
            Table shown = dashboard.tables(RANGE).stream()
                    .filter(t -> t.id().equals("search-zip3"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(Dashboard.PAGE_ROWS, shown.rows().size());
            assertEquals("029", shown.rows().get(0).label());
            assertEquals(
                    Dashboard.PAGE_ROWS + 5,
                    dashboard.table("search-zip3", RANGE).orElseThrow().rows().size());
        }
    }
}
