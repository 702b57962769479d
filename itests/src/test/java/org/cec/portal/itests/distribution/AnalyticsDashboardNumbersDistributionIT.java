package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 14, acceptance 6: the dashboard's numbers equal counts computed independently from the raw
 * rows for a generated month of data. The test generates March 2026 with a fixed seed (a few thousand
 * page views of several paths, referrers, campaigns, devices and languages by visitors who come back
 * within a day, anonymous page views, a day without page views, and the modules' events: the request
 * form's steps, errors and submissions, directory searches, outbound clicks, pages not found), writes
 * the rows into {@code analytics_event} of the stopped portal's H2 database as the recorder would
 * (analytics day in UTC), starts the portal, lets the rollups compute the finished days from the raw
 * rows and downloads every table of the range as CSV. Each CSV must equal, row by row and in order, the
 * table counted here from the generated rows: events, and the distinct visitors of each day added up.
 * The month is looked at once before the rollups have run, too (as an admin might right after a start).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsDashboardNumbersDistributionIT {

    private static final String PAGE = AnalyticsPortal.PAGE;
    private static final String MARCH = AnalyticsPortal.MARCH;
    private static final LocalDate FIRST = LocalDate.of(2026, 3, 1);
    private static final LocalDate LAST = LocalDate.of(2026, 3, 31);
    /** A day without any event: the series show 0 for it. */
    private static final LocalDate QUIET = LocalDate.of(2026, 3, 17);
    /** One page view after the month: once its day is rolled up, every day of March is (they go in order). */
    private static final LocalDate SENTINEL = LocalDate.of(2026, 4, 1);

    private static final String[] PATHS = {
        "/",
        "/",
        "/",
        "/contractors",
        "/contractors",
        "/contractors/{id}",
        "/request",
        "/request",
        "/impact",
        "/about",
        "/privacy",
        "/contractors/choose/{token}"
    };
    private static final String[] REFERRERS = {
        "search.example", "search.example", "social.example", "news.example", "partner.example", "mail.example"
    };
    private static final String[] CAMPAIGNS = {"spring-rebates", "heat-pump-week", "newsletter-3"};
    private static final String[] SOURCES = {"newsletter", "social", "partner"};
    private static final String[] MEDIUMS = {"email", "social", "referral", "cpc"};
    private static final String[] DEVICES = {"desktop", "desktop", "mobile", "mobile", "mobile", "tablet", "other"};
    private static final String[] LANGUAGES = {"en", "en", "en", "es", "es", "zh", "vi", "tl"};
    private static final String[] BROWSERS = {"Firefox", "Chrome", "Chrome Mobile", "Mobile Safari", "Edge"};
    private static final String[] SYSTEMS = {"Windows", "Mac OS X", "iOS", "Android", "Linux"};
    private static final String[] STEPS = {"services", "home", "contact", "review"};
    private static final String[] FIELDS = {"zip", "email", "phone", "services", "consent"};
    private static final String[] SERVICES = {"solar-pv", "heat-pump", "insulation", "ev-charger", "windows", "any"};
    private static final String[] ZIP3 = {"941", "945", "950", "956", "900", "921"};
    private static final String[] NOT_FOUND = {
        "/old-news", "/wp-login.php", "/contractors/{id}/photos", "/leads/{token}"
    };

    /** A raw event as written into {@code analytics_event}; null where the recorder leaves a column empty. */
    private record Row(
            LocalDateTime at,
            String type,
            String path,
            String visitor,
            String referrer,
            String utmSource,
            String utmMedium,
            String utmCampaign,
            String browser,
            String os,
            String device,
            String language,
            String dimensions) {

        LocalDate day() {
            return at.toLocalDate();
        }

        static Row pageView(LocalDateTime at, String path, String visitor, Visitor v, String referrer, String[] utm) {
            return new Row(
                    at,
                    "page-view",
                    path,
                    visitor,
                    referrer,
                    utm[0],
                    utm[1],
                    utm[2],
                    v == null ? null : v.browser(),
                    v == null ? null : v.os(),
                    v == null ? null : v.device(),
                    v == null ? null : v.language(),
                    null);
        }

        static Row module(LocalDateTime at, String type, String path, String visitor, Visitor v, String dimensions) {
            return new Row(
                    at,
                    type,
                    path,
                    visitor,
                    null,
                    null,
                    null,
                    null,
                    v.browser(),
                    v.os(),
                    v.device(),
                    v.language(),
                    dimensions);
        }
    }

    /** What a visitor of a day browses with. */
    private record Visitor(String browser, String os, String device, String language) {}

    /** Events and, per day, the distinct visitor keys of one row of a table. */
    private static final class Tally {
        long events;
        final Map<LocalDate, Set<String>> visitors = new TreeMap<>();

        void add(LocalDate day, String visitor) {
            events++;
            Set<String> keys = visitors.computeIfAbsent(day, d -> new HashSet<>());
            if (visitor != null) {
                keys.add(visitor);
            }
        }

        long dailyVisitorsSummed() {
            return visitors.values().stream().mapToLong(Set::size).sum();
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private RunningPortal portal;
    private String admin;

    @BeforeAll
    void generateSeedAndStart() throws Exception {
        generate(new Random(20260301L));
        RunningPortal first = RunningPortal.start(
                "analytics-numbers",
                home -> Files.writeString(
                        home.resolve("etc/org.cec.portal.analytics.cfg.json"),
                        // the analytics day in UTC, as this test counts; March 2026 kept whatever today is
                        "{\"time.zone\": \"UTC\", \"rollup.retentionDays\": 36500}\n"));
        try {
            assertEquals(143, first.terminate(Duration.ofSeconds(60)), "stopped cleanly by SIGTERM");
            insert(first);
        } catch (Exception | AssertionError e) {
            first.close();
            throw e;
        }
        portal = first.restart();
        admin = portal.adminAuthorization();
        lookAtMarchAtOnce();
        awaitRollups();
    }

    @AfterAll
    void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    // ---------------------------------------------------------------- the generated month

    private void generate(Random random) throws Exception {
        for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
            if (day.equals(QUIET)) {
                continue;
            }
            // fewer visitors at the weekend
            int visitors = day.getDayOfWeek().getValue() >= 6 ? 20 + random.nextInt(20) : 35 + random.nextInt(40);
            for (int n = 0; n < visitors; n++) {
                visit(random, day, key(day, n), visitor(random));
            }
            // anonymous page views (counted without consent: day and path only, at the start of the day)
            int anonymous = random.nextInt(6);
            for (int i = 0; i < anonymous; i++) {
                rows.add(Row.pageView(day.atStartOfDay(), pick(random, PATHS), null, null, null, new String[3]));
            }
        }
        rows.add(Row.pageView(SENTINEL.atTime(9, 0), "/", key(SENTINEL, 0), visitor(random), null, new String[3]));
    }

    /** One visitor's day: a few page views, and what the modules report of what they did. */
    private void visit(Random random, LocalDate day, String key, Visitor v) {
        LocalDateTime at = day.atTime(6 + random.nextInt(16), random.nextInt(60), random.nextInt(60));
        int views = 1 + random.nextInt(6);
        for (int i = 0; i < views; i++) {
            at = at.plusSeconds(5 + random.nextInt(300));
            if (!at.toLocalDate().equals(day)) {
                return;
            }
            String path = pick(random, PATHS);
            // the first page of a visit may come from elsewhere and from a campaign; later ones are internal
            String referrer = i == 0 && random.nextInt(2) == 0 ? pick(random, REFERRERS) : null;
            String[] utm = new String[3];
            if (i == 0 && random.nextInt(5) == 0) {
                utm[0] = pick(random, SOURCES);
                utm[1] = random.nextInt(4) == 0 ? null : pick(random, MEDIUMS);
                utm[2] = random.nextInt(5) == 0 ? null : pick(random, CAMPAIGNS);
            }
            rows.add(Row.pageView(at, path, key, v, referrer, utm));
            switch (path) {
                case "/request" -> form(random, at, key, v);
                case "/contractors" -> directory(random, at, key, v);
                default -> {}
            }
            if (random.nextInt(25) == 0) {
                String missing = pick(random, NOT_FOUND);
                rows.add(Row.module(at.plusSeconds(1), "not-found", missing, key, v, json("path", missing)));
            }
        }
    }

    /** The request form: each step reached while the visitor goes on, errors sent back, a submission. */
    private void form(Random random, LocalDateTime at, String key, Visitor v) {
        for (int s = 0; s < STEPS.length; s++) {
            at = at.plusSeconds(1);
            if (random.nextInt(4) == 0) {
                int errors = 1 + random.nextInt(2);
                for (int e = 0; e < errors; e++) {
                    rows.add(Row.module(
                            at,
                            "form.error",
                            null,
                            key,
                            v,
                            json("field", pick(random, FIELDS), "form", "request", "step", STEPS[s])));
                }
                if (random.nextInt(2) == 0) {
                    return; // gave up
                }
            }
            rows.add(Row.module(at, "form.step", null, key, v, json("form", "request", "step", STEPS[s])));
            if (random.nextInt(4) == 0) {
                return; // left
            }
        }
        String services = pick(random, SERVICES);
        rows.add(Row.module(at, "form.step", null, key, v, json("form", "request", "step", "done")));
        rows.add(Row.module(
                at,
                "form.submitted",
                null,
                key,
                v,
                json("form", "request", "service", services.equals("any") ? "heat-pump,solar-pv" : services)));
    }

    /** Directory searches of the visitor, then perhaps a click on a contractor's website. */
    private void directory(Random random, LocalDateTime at, String key, Visitor v) {
        int searches = 1 + random.nextInt(3);
        for (int i = 0; i < searches; i++) {
            rows.add(Row.module(
                    at.plusSeconds(i + 1),
                    "directory.search",
                    null,
                    key,
                    v,
                    json(
                            "radius",
                            Integer.toString(10 + 5 * random.nextInt(6)),
                            "results",
                            Integer.toString(random.nextInt(30)),
                            "service",
                            pick(random, SERVICES),
                            "zip3",
                            pick(random, ZIP3))));
        }
        if (random.nextInt(3) == 0) {
            rows.add(Row.module(
                    at.plusSeconds(searches + 2),
                    "directory.outbound-click",
                    null,
                    key,
                    v,
                    json("contractor", "c-" + (1 + random.nextInt(30)))));
        }
    }

    private static Visitor visitor(Random random) {
        String device = pick(random, DEVICES);
        return new Visitor(
                pick(random, BROWSERS),
                pick(random, SYSTEMS),
                device,
                random.nextInt(20) == 0 ? null : pick(random, LANGUAGES));
    }

    /** A visitor key as the recorder makes them: 64 hex digits, another one every day. */
    private static String key(LocalDate day, int n) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest((day + "/" + n).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash);
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** A JSON object of strings with its names in order, as the recorder writes dimensions. */
    private static String json(String... namesAndValues) {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (i > 0) {
                s.append(',');
            }
            s.append('"')
                    .append(namesAndValues[i])
                    .append("\":\"")
                    .append(namesAndValues[i + 1])
                    .append('"');
        }
        return s.append('}').toString();
    }

    private void insert(RunningPortal stopped) throws Exception {
        try (Connection c = stopped.h2()) {
            try (ResultSet r = c.createStatement()
                    .executeQuery("SELECT COUNT(*) FROM analytics_state WHERE name = 'rolled-up-through'")) {
                assertTrue(r.next());
                assertEquals(0, r.getLong(1), "nothing was rolled up before the month was written");
            }
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO analytics_event (event_month, event_day,"
                            + " occurred_at, type, path, visitor_key, referrer_host, utm_source, utm_medium, utm_campaign,"
                            + " browser, os, device, language, dimensions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Row r : rows) {
                    s.setObject(1, r.day().withDayOfMonth(1));
                    s.setObject(2, r.day());
                    s.setObject(3, r.at()); // UTC, as the recorder writes it
                    s.setString(4, r.type());
                    s.setString(5, r.path());
                    s.setString(6, r.visitor());
                    s.setString(7, r.referrer());
                    s.setString(8, r.utmSource());
                    s.setString(9, r.utmMedium());
                    s.setString(10, r.utmCampaign());
                    s.setString(11, r.browser());
                    s.setString(12, r.os());
                    s.setString(13, r.device());
                    s.setString(14, r.language());
                    s.setString(15, r.dimensions());
                    s.addBatch();
                }
                s.executeBatch();
            }
            c.commit();
        }
    }

    /**
     * Looks at March's top pages as soon as the console answers: in the first seconds after the start
     * the rollups have not run yet, and what is read then must not be what the page shows afterwards
     * (the dashboard keeps the totals of old months in memory, but only of months rolled up to their end).
     */
    private void lookAtMarchAtOnce() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> r = get(PAGE + "?format=csv&table=pages&" + MARCH);
        while (r.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            r = get(PAGE + "?format=csv&table=pages&" + MARCH);
        }
        assertEquals(200, r.statusCode(), r.body());
    }

    /** Waits until the sentinel day after the month is rolled up (the finished days go in order). */
    private void awaitRollups() throws Exception {
        String sentinel = "range=custom&from=" + SENTINEL + "&to=" + SENTINEL;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get(PAGE + "?format=csv&table=visitors&" + sentinel);
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200
                    && csv(r.body()).size() == 2
                    && !"0".equals(csv(r.body()).get(1).get(1))) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(
                "the rollups did not reach " + SENTINEL + " within 60 s: " + last + "\n" + portal.diagnostics());
    }

    // ---------------------------------------------------------------- the counts made here

    private List<Row> march() {
        return rows.stream()
                .filter(r -> !r.day().isBefore(FIRST) && !r.day().isAfter(LAST))
                .toList();
    }

    /** Page views counted by one of their fields (rows without it are not in the table). */
    private Map<String, Tally> pageViewsBy(java.util.function.Function<Row, String> field) {
        Map<String, Tally> out = new HashMap<>();
        for (Row r : march()) {
            String value = r.type().equals("page-view") ? field.apply(r) : null;
            if (value != null) {
                out.computeIfAbsent(value, k -> new Tally()).add(r.day(), r.visitor());
            }
        }
        return out;
    }

    /** Module events of {@code type}, counted by the value {@code label} reads from their row. */
    private Map<String, Tally> eventsBy(String type, java.util.function.Function<Row, String> label) {
        Map<String, Tally> out = new HashMap<>();
        for (Row r : march()) {
            if (r.type().equals(type)) {
                out.computeIfAbsent(label.apply(r), k -> new Tally()).add(r.day(), r.visitor());
            }
        }
        return out;
    }

    /** A dimension of the row's JSON object, read with a JSON parser. */
    private static String dimension(Row r, String name) {
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(r.dimensions()))) {
            return reader.readObject().getString(name);
        }
    }

    /** The lines of a top list: most events first, ties by label; label, events, daily visitors summed. */
    private static List<List<String>> top(Map<String, Tally> tallies) {
        return tallies.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, Tally> e) -> e.getValue().events)
                        .reversed()
                        .thenComparing(Map.Entry::getKey))
                .map(e -> List.of(
                        e.getKey(),
                        Long.toString(e.getValue().events),
                        Long.toString(e.getValue().dailyVisitorsSummed())))
                .toList();
    }

    // ---------------------------------------------------------------- the tests

    @Test
    void theGeneratedMonthIsWhatTheTestSaysItIs() {
        List<Row> march = march();
        long pageViews =
                march.stream().filter(r -> r.type().equals("page-view")).count();
        assertTrue(pageViews >= 2000 && pageViews <= 8000, "a few thousand page views: " + pageViews);
        assertTrue(march.size() - pageViews >= 1000, "and many module events: " + (march.size() - pageViews));
        assertTrue(march.stream().noneMatch(r -> r.day().equals(QUIET)), "a day without events");
        assertTrue(
                march.stream().anyMatch(r -> r.type().equals("page-view") && r.visitor() == null),
                "anonymous page views");
        Map<String, Long> perVisitorAndDay = new HashMap<>();
        march.stream()
                .filter(r -> r.type().equals("page-view") && r.visitor() != null)
                .forEach(r -> perVisitorAndDay.merge(r.visitor(), 1L, Long::sum));
        assertTrue(perVisitorAndDay.values().stream().anyMatch(n -> n > 1), "visitors come back within a day");
    }

    @Test
    void visitorsAndPageViewsPerDayAreTheRawRowsCounted() throws Exception {
        Map<String, Tally> byDay = pageViewsBy(r -> r.day().toString());
        List<List<String>> expected = new ArrayList<>();
        for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
            Tally t = byDay.getOrDefault(day.toString(), new Tally());
            expected.add(List.of(day.toString(), Long.toString(t.events), Long.toString(t.dailyVisitorsSummed())));
        }
        assertEquals(List.of("2026-03-17", "0", "0"), expected.get(QUIET.getDayOfMonth() - 1));
        assertTable("visitors", List.of("Day", "Page views", "Visitors that day"), expected);
    }

    @Test
    void pagesReferrersCampaignsDevicesAndLanguagesAreTheRawRowsCounted() throws Exception {
        String daily = "Daily visitors summed";
        assertTable("pages", List.of("Page", "Page views", daily), top(pageViewsBy(Row::path)));
        assertTable("referrers", List.of("Referrer host", "Page views", daily), top(pageViewsBy(Row::referrer)));
        assertTable("campaigns", List.of("Campaign", "Page views", daily), top(pageViewsBy(Row::utmCampaign)));
        assertTable("sources", List.of("Source", "Page views", daily), top(pageViewsBy(Row::utmSource)));
        assertTable("mediums", List.of("Medium", "Page views", daily), top(pageViewsBy(Row::utmMedium)));
        assertTable("devices", List.of("Device", "Page views", daily), top(pageViewsBy(Row::device)));
        assertTable("browsers", List.of("Browser", "Page views", daily), top(pageViewsBy(Row::browser)));
        assertTable("os", List.of("Operating system", "Page views", daily), top(pageViewsBy(Row::os)));
        assertTable("languages", List.of("Language", "Page views", daily), top(pageViewsBy(Row::language)));
    }

    @Test
    void theFunnelAndTheFormErrorsAreTheRawRowsCounted() throws Exception {
        List<List<String>> funnel =
                new ArrayList<>(top(eventsBy("form.step", r -> dimension(r, "form") + "/" + dimension(r, "step"))));
        funnel.addAll(top(eventsBy("form.submitted", r -> dimension(r, "form") + "/submitted")));
        assertEquals(6, funnel.size(), "four steps, done and submitted: " + funnel);
        assertTable("funnel", List.of("Form/step", "Times reached", "Daily visitors summed"), funnel);
        assertTable(
                "form-errors",
                List.of("Form/step/field", "Errors", "Daily visitors summed"),
                top(eventsBy(
                        "form.error",
                        r -> dimension(r, "form") + "/" + dimension(r, "step") + "/" + dimension(r, "field"))));
    }

    @Test
    void searchesOutboundClicksAndPagesNotFoundAreTheRawRowsCounted() throws Exception {
        String daily = "Daily visitors summed";
        assertTable(
                "search-services",
                List.of("Service", "Searches", daily),
                top(eventsBy("directory.search", r -> dimension(r, "service"))));
        assertTable(
                "search-zip3",
                List.of("ZIP3", "Searches", daily),
                top(eventsBy("directory.search", r -> dimension(r, "zip3"))));
        assertTable(
                "outbound",
                List.of("Contractor", "Clicks", daily),
                top(eventsBy("directory.outbound-click", r -> dimension(r, "contractor"))));
        assertTable(
                "not-found", List.of("Path", "Times", daily), top(eventsBy("not-found", r -> dimension(r, "path"))));
    }

    // ---------------------------------------------------------------- the dashboard's side

    /** The CSV of {@code table} for March has {@code header} and exactly the {@code expected} lines, in order. */
    private void assertTable(String table, List<String> header, List<List<String>> expected) throws Exception {
        HttpResponse<String> r = get(PAGE + "?format=csv&table=" + table + "&" + MARCH);
        assertEquals(200, r.statusCode(), table + ": " + r.body());
        List<List<String>> lines = csv(r.body());
        assertFalse(lines.isEmpty(), table + ": no header");
        assertEquals(header, lines.get(0), table + ": header");
        assertFalse(expected.isEmpty(), table + ": the generated month has rows for it");
        assertEquals(expected, lines.subList(1, lines.size()), table + ": every row, in order");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return portal.send(HttpRequest.newBuilder(portal.uri(path)).header("Authorization", admin));
    }

    /** The records of an RFC 4180 text (fields in double quotes where they hold a comma, quote or line break). */
    static List<List<String>> csv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (ch == '\r' || ch == '\n') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                field.append(ch);
            }
        }
        if (field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
