package org.cec.portal.analytics.internal.dashboard;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cec.portal.analytics.internal.dashboard.DashboardQueries.Day;
import org.cec.portal.analytics.internal.dashboard.DashboardQueries.DayItem;
import org.cec.portal.analytics.internal.dashboard.DashboardQueries.Item;
import org.cec.portal.analytics.internal.dashboard.DashboardQueries.State;
import org.cec.portal.api.data.ModuleDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The dashboard's tables for a date range, built from the daily rollups (metrics as documented in
 * {@code org.cec.portal.api.analytics.DailyRollup}) and the module's state: which tables there are,
 * what each counts and in which order its rows come. {@link DashboardQueries} reads; the console
 * plugin shows and downloads.
 */
@Component(service = Dashboard.class)
public final class Dashboard {

    /** The rows of a top list the page shows; the CSV download has up to {@link #CSV_ROWS}. */
    static final int PAGE_ROWS = 25;

    static final int CSV_ROWS = 100_000;

    /** The module's facts the page shows beside the tables. */
    record Facts(Optional<State> dropped, Optional<State> retention) {}

    /** How one table is made: a series of one metric, a top list, or something of its own. */
    private enum Kind {
        SERIES,
        TOP,
        FUNNEL,
        EMAIL,
        PIVOT
    }

    private record Spec(
            String id, String title, Kind kind, String metric, String chart, List<String> columns, String note) {}

    private static final String DAILY_VISITORS_NOTE = "Visitors are counted per day (the visitor key changes every"
            + " day): \"daily visitors summed\" adds up each day's visitors, so a visitor who came on two days"
            + " counts twice.";

    private static final List<Spec> SPECS = List.of(
            new Spec(
                    "visitors",
                    "Visitors and page views per day",
                    Kind.SERIES,
                    "pageviews",
                    "line",
                    List.of("Day", "Page views", "Visitors that day"),
                    "Days without page views show 0. " + DAILY_VISITORS_NOTE),
            top("pages", "Top pages", "pages", "Page", "Page views"),
            top("referrers", "Referrers (host)", "referrers", "Referrer host", "Page views"),
            top("campaigns", "Campaigns (utm_campaign)", "utm-campaign", "Campaign", "Page views"),
            top("sources", "Campaign sources (utm_source)", "utm-source", "Source", "Page views"),
            top("mediums", "Campaign media (utm_medium)", "utm-medium", "Medium", "Page views"),
            top("devices", "Devices", "devices", "Device", "Page views"),
            top("browsers", "Browsers", "browsers", "Browser", "Page views"),
            top("os", "Operating systems", "os", "Operating system", "Page views"),
            top("languages", "Languages", "languages", "Language", "Page views"),
            new Spec(
                    "funnel",
                    "Request form funnel",
                    Kind.FUNNEL,
                    "form-steps",
                    "bar",
                    List.of("Form/step", "Times reached", "Daily visitors summed"),
                    "Each step of a form as often as it was reached, most reached first, then the form's"
                            + " submissions (form/submitted). " + DAILY_VISITORS_NOTE),
            new Spec(
                    "form-errors",
                    "Request form: validation errors",
                    Kind.TOP,
                    "form-errors",
                    "bar",
                    List.of("Form/step/field", "Errors", "Daily visitors summed"),
                    DAILY_VISITORS_NOTE),
            top("search-services", "Directory searches by service", "search-services", "Service", "Searches"),
            top("search-zip3", "Directory searches by ZIP3", "search-zip3", "ZIP3", "Searches"),
            top("outbound", "Outbound clicks per contractor", "outbound-clicks", "Contractor", "Clicks"),
            new Spec(
                    "email",
                    "Email campaigns: opens and clicks",
                    Kind.EMAIL,
                    "",
                    "bar",
                    List.of("Campaign", "Opens", "Clicks"),
                    "Opens (the pixel) and clicks of commercial mail whose recipients' consent covers it."),
            new Spec(
                    "consent",
                    "Consent choices per day",
                    Kind.PIVOT,
                    "consent-choices",
                    "line",
                    List.of("Day"),
                    "Counts from consent receipts, per purpose and choice; days without choices show 0."),
            top("not-found", "Pages not found (404)", "not-found", "Path", "Times"),
            new Spec(
                    "dropped",
                    "Dropped events per day",
                    Kind.SERIES,
                    "dropped",
                    "line",
                    List.of("Day", "Dropped events"),
                    "Events the recording buffer could not take (it was full); pages were not held up."));

    private static Spec top(String id, String title, String metric, String label, String events) {
        return new Spec(
                id,
                title,
                Kind.TOP,
                metric,
                "bar",
                List.of(label, events, "Daily visitors summed"),
                DAILY_VISITORS_NOTE);
    }

    private static final Map<String, Spec> BY_ID = byId();

    private static Map<String, Spec> byId() {
        Map<String, Spec> m = new LinkedHashMap<>();
        SPECS.forEach(s -> m.put(s.id(), s));
        return m;
    }

    private final ModuleDatabase db;
    private final DashboardQueries queries = new DashboardQueries();
    private final MonthlyItems monthly;

    @Activate
    public Dashboard(@Reference(target = "(" + ModuleDatabase.MODULE_PROPERTY + "=analytics)") ModuleDatabase db) {
        this(db, Clock.systemDefaultZone());
    }

    Dashboard(ModuleDatabase db, Clock clock) {
        this.db = db;
        this.monthly = new MonthlyItems(queries, clock);
    }

    /** The names of the tables, in the page's order. */
    static List<String> ids() {
        return List.copyOf(BY_ID.keySet());
    }

    /** Every table for {@code range}, top lists cut to {@link #PAGE_ROWS} rows. */
    List<Table> tables(DateRange range) {
        return db.read(em -> {
            Connection c = em.unwrap(Connection.class);
            List<Table> tables = new ArrayList<>();
            for (Spec spec : SPECS) {
                tables.add(build(c, spec, range, PAGE_ROWS));
            }
            return tables;
        });
    }

    /** The table {@code id} for {@code range}, with up to {@link #CSV_ROWS} rows, or empty when there is none of that name. */
    Optional<Table> table(String id, DateRange range) {
        return table(id, range, CSV_ROWS);
    }

    /** The table {@code id} for {@code range} with up to {@code limit} rows in a top list (the benchmark times each). */
    Optional<Table> table(String id, DateRange range, int limit) {
        Spec spec = BY_ID.get(id);
        if (spec == null) {
            return Optional.empty();
        }
        return Optional.of(db.read(em -> build(em.unwrap(Connection.class), spec, range, limit)));
    }

    /** The dropped-event counter and the last retention run, as the module wrote them. */
    Facts facts() {
        return db.read(em -> {
            Connection c = em.unwrap(Connection.class);
            return new Facts(queries.state(c, "dropped"), queries.state(c, "retention-last-run"));
        });
    }

    private Table build(Connection c, Spec spec, DateRange range, int limit) throws SQLException {
        if (spec.kind() == Kind.PIVOT) {
            return pivot(c, spec, range);
        }
        List<Table.Row> rows =
                switch (spec.kind()) {
                    case SERIES -> series(c, spec, range);
                    case FUNNEL -> funnel(c, range, limit);
                    case EMAIL -> email(c, range, limit);
                    default -> items(monthly.top(c, spec.metric(), range, limit));
                };
        return new Table(spec.id(), spec.title(), spec.chart(), spec.columns(), rows, spec.note());
    }

    /** One row per day of the range, 0 where the metric has no row. */
    private List<Table.Row> series(Connection c, Spec spec, DateRange range) throws SQLException {
        Map<LocalDate, Day> byDay = new TreeMap<>();
        for (Day d : queries.series(c, spec.metric(), range)) {
            byDay.put(d.day(), d);
        }
        boolean withVisitors = spec.columns().size() > 2;
        List<Table.Row> rows = new ArrayList<>((int) range.days());
        for (LocalDate day = range.from(); !day.isAfter(range.to()); day = day.plusDays(1)) {
            Day d = byDay.get(day);
            long events = d == null ? 0 : d.events();
            long visitors = d == null ? 0 : d.visitors();
            rows.add(new Table.Row(day.toString(), withVisitors ? List.of(events, visitors) : List.of(events)));
        }
        return rows;
    }

    private static List<Table.Row> items(List<Item> items) {
        List<Table.Row> rows = new ArrayList<>(items.size());
        for (Item i : items) {
            rows.add(new Table.Row(i.item(), List.of(i.events(), i.dailyVisitorsSummed())));
        }
        return rows;
    }

    private List<Table.Row> funnel(Connection c, DateRange range, int limit) throws SQLException {
        List<Table.Row> rows = new ArrayList<>(items(monthly.top(c, "form-steps", range, limit)));
        for (Item submitted : monthly.top(c, "form-submitted", range, limit)) {
            rows.add(new Table.Row(
                    submitted.item() + "/submitted", List.of(submitted.events(), submitted.dailyVisitorsSummed())));
        }
        return rows;
    }

    /** Opens and clicks per campaign, campaigns with the most opens first. */
    private List<Table.Row> email(Connection c, DateRange range, int limit) throws SQLException {
        Map<String, long[]> byCampaign = new LinkedHashMap<>();
        for (Item open : monthly.top(c, "email-opens", range, limit)) {
            byCampaign.computeIfAbsent(open.item(), k -> new long[2])[0] = open.events();
        }
        for (Item click : monthly.top(c, "email-clicks", range, limit)) {
            byCampaign.computeIfAbsent(click.item(), k -> new long[2])[1] = click.events();
        }
        List<Table.Row> rows = new ArrayList<>();
        byCampaign.forEach((campaign, n) -> rows.add(new Table.Row(campaign, List.of(n[0], n[1]))));
        return rows.size() > limit ? rows.subList(0, limit) : rows;
    }

    /** One row per day, one column per value of the metric (sorted), 0 where a day has none. */
    private Table pivot(Connection c, Spec spec, DateRange range) throws SQLException {
        List<DayItem> cells = queries.byDayAndItem(c, spec.metric(), range);
        TreeSet<String> items = new TreeSet<>();
        Map<LocalDate, Map<String, Long>> byDay = new TreeMap<>();
        for (DayItem cell : cells) {
            items.add(cell.item());
            byDay.computeIfAbsent(cell.day(), d -> new LinkedHashMap<>()).put(cell.item(), cell.events());
        }
        List<String> columns = new ArrayList<>(spec.columns());
        columns.addAll(items);
        List<Table.Row> rows = new ArrayList<>((int) range.days());
        for (LocalDate day = range.from(); !day.isAfter(range.to()); day = day.plusDays(1)) {
            Map<String, Long> counts = byDay.getOrDefault(day, Map.of());
            List<Long> values = new ArrayList<>(items.size());
            for (String item : items) {
                values.add(counts.getOrDefault(item, 0L));
            }
            rows.add(new Table.Row(day.toString(), values));
        }
        return new Table(spec.id(), spec.title(), spec.chart(), columns, rows, spec.note());
    }
}
