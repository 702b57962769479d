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
 * plugin shows and downloads. A table's heading, column headings and notes on the page are message keys
 * ({@code console.analytics.*} in {@code messages/messages*.properties}); its CSV column names are
 * the download's format and stay English.
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

    /**
     * A column: its name in the CSV download (a file format, English whatever the page's language) and
     * the key of its heading on the page ({@code messages/messages*.properties}).
     */
    private record Column(String csv, String key) {}

    /** How one table is made; its heading and notes are message keys (the notes are shown one after the other). */
    private record Spec(
            String id,
            String title,
            Kind kind,
            String metric,
            String chart,
            List<Column> columns,
            List<String> notes) {}

    private static final String DAILY_VISITORS_NOTE = "console.analytics.note.dailyVisitors";
    private static final Column DAY = new Column("Day", "console.analytics.column.day");
    private static final Column PAGE_VIEWS = new Column("Page views", "console.analytics.column.pageViews");
    private static final Column DAILY_VISITORS_SUMMED =
            new Column("Daily visitors summed", "console.analytics.column.dailyVisitorsSummed");

    private static final List<Spec> SPECS = List.of(
            new Spec(
                    "visitors",
                    "console.analytics.table.visitors",
                    Kind.SERIES,
                    "pageviews",
                    "line",
                    List.of(
                            DAY,
                            PAGE_VIEWS,
                            new Column("Visitors that day", "console.analytics.column.visitorsThatDay")),
                    List.of("console.analytics.note.visitors", DAILY_VISITORS_NOTE)),
            top("pages", "pages", new Column("Page", "console.analytics.column.page"), PAGE_VIEWS),
            top("referrers", "referrers", new Column("Referrer host", "console.analytics.column.referrer"), PAGE_VIEWS),
            top("campaigns", "utm-campaign", new Column("Campaign", "console.analytics.column.campaign"), PAGE_VIEWS),
            top("sources", "utm-source", new Column("Source", "console.analytics.column.source"), PAGE_VIEWS),
            top("mediums", "utm-medium", new Column("Medium", "console.analytics.column.medium"), PAGE_VIEWS),
            top("devices", "devices", new Column("Device", "console.analytics.column.device"), PAGE_VIEWS),
            top("browsers", "browsers", new Column("Browser", "console.analytics.column.browser"), PAGE_VIEWS),
            top("os", "os", new Column("Operating system", "console.analytics.column.os"), PAGE_VIEWS),
            top("languages", "languages", new Column("Language", "console.analytics.column.language"), PAGE_VIEWS),
            new Spec(
                    "funnel",
                    "console.analytics.table.funnel",
                    Kind.FUNNEL,
                    "form-steps",
                    "bar",
                    List.of(
                            new Column("Form/step", "console.analytics.column.formStep"),
                            new Column("Times reached", "console.analytics.column.timesReached"),
                            DAILY_VISITORS_SUMMED),
                    List.of("console.analytics.note.funnel", DAILY_VISITORS_NOTE)),
            new Spec(
                    "form-errors",
                    "console.analytics.table.formErrors",
                    Kind.TOP,
                    "form-errors",
                    "bar",
                    List.of(
                            new Column("Form/step/field", "console.analytics.column.formField"),
                            new Column("Errors", "console.analytics.column.errors"),
                            DAILY_VISITORS_SUMMED),
                    List.of(DAILY_VISITORS_NOTE)),
            top(
                    "search-services",
                    "search-services",
                    new Column("Service", "console.analytics.column.service"),
                    new Column("Searches", "console.analytics.column.searches")),
            top(
                    "search-zip3",
                    "search-zip3",
                    new Column("ZIP3", "console.analytics.column.zip3"),
                    new Column("Searches", "console.analytics.column.searches")),
            top(
                    "outbound",
                    "outbound-clicks",
                    new Column("Contractor", "console.analytics.column.contractor"),
                    new Column("Clicks", "console.analytics.column.clicks")),
            new Spec(
                    "email",
                    "console.analytics.table.email",
                    Kind.EMAIL,
                    "",
                    "bar",
                    List.of(
                            new Column("Campaign", "console.analytics.column.campaign"),
                            new Column("Opens", "console.analytics.column.opens"),
                            new Column("Clicks", "console.analytics.column.clicks")),
                    List.of("console.analytics.note.email")),
            new Spec(
                    "consent",
                    "console.analytics.table.consent",
                    Kind.PIVOT,
                    "consent-choices",
                    "line",
                    List.of(DAY),
                    List.of("console.analytics.note.consent")),
            top(
                    "not-found",
                    "not-found",
                    new Column("Path", "console.analytics.column.path"),
                    new Column("Times", "console.analytics.column.times")),
            new Spec(
                    "dropped",
                    "console.analytics.table.dropped",
                    Kind.SERIES,
                    "dropped",
                    "line",
                    List.of(DAY, new Column("Dropped events", "console.analytics.column.droppedEvents")),
                    List.of("console.analytics.note.dropped")));

    /** A top list: its heading is {@code console.analytics.table.<id in camel case>}. */
    private static Spec top(String id, String metric, Column label, Column events) {
        return new Spec(
                id,
                "console.analytics.table." + camel(id),
                Kind.TOP,
                metric,
                "bar",
                List.of(label, events, DAILY_VISITORS_SUMMED),
                List.of(DAILY_VISITORS_NOTE));
    }

    /** {@code search-zip3} as {@code searchZip3}. */
    private static String camel(String id) {
        StringBuilder out = new StringBuilder(id.length());
        boolean up = false;
        for (char c : id.toCharArray()) {
            if (c == '-') {
                up = true;
            } else {
                out.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return out.toString();
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
        return new Table(spec.id(), spec.title(), spec.chart(), csvNames(spec), headings(spec), rows, spec.notes());
    }

    private static List<String> csvNames(Spec spec) {
        return spec.columns().stream().map(Column::csv).toList();
    }

    private static List<String> headings(Spec spec) {
        return spec.columns().stream().map(Column::key).toList();
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
        List<String> columns = new ArrayList<>(csvNames(spec));
        columns.addAll(items);
        // the values of the metric head their columns as they are (data, not a text of the page)
        List<String> headings = new ArrayList<>(headings(spec));
        items.forEach(item -> headings.add(""));
        List<Table.Row> rows = new ArrayList<>((int) range.days());
        for (LocalDate day = range.from(); !day.isAfter(range.to()); day = day.plusDays(1)) {
            Map<String, Long> counts = byDay.getOrDefault(day, Map.of());
            List<Long> values = new ArrayList<>(items.size());
            for (String item : items) {
                values.add(counts.getOrDefault(item, 0L));
            }
            rows.add(new Table.Row(day.toString(), values));
        }
        return new Table(spec.id(), spec.title(), spec.chart(), columns, headings, rows, spec.notes());
    }
}
