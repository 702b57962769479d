package org.cec.portal.analytics.internal.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cec.portal.analytics.internal.AnalyticsSettings;
import org.cec.portal.api.analytics.AnalyticsEvent;
import org.cec.portal.api.consent.ConsentService;
import org.cec.portal.testing.ModuleTestDatabase;
import org.cec.portal.testing.MovableClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the recorder keeps, checked in the rows of {@code analytics_event} on H2 and PostgreSQL. */
class RecordingTest {

    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    static final Instant NOON = Instant.parse("2026-12-02T20:00:00Z"); // 12:00 in Los Angeles
    static final String TOKEN = "Qm9yZGVyLWNvbGxpZGUtc2VjcmV0LXRva2VuLTEyMzQ";

    static final String COLUMNS = "type, path, visitor_key, referrer_host, utm_source, utm_medium, utm_campaign,"
            + " browser, os, device, language, dimensions, event_day, event_month, occurred_at";

    /** A recorder on a test database, its writer on a clock the test owns. */
    static final class Fixture implements AutoCloseable {
        final ModuleTestDatabase db;
        final MovableClock clock = new MovableClock(NOON, ZONE);
        final EventWriter writer;
        final Recorder recorder;

        Fixture(String kind, AnalyticsSettings settings, ConsentService consent) throws Exception {
            db = ModuleTestDatabase.create(kind, "analytics");
            writer = new EventWriter(db, settings.withZone(ZONE), clock);
            recorder = new Recorder(writer, settings, consent);
        }

        Fixture(String kind, boolean consent) throws Exception {
            this(kind, AnalyticsSettings.defaults(), Visits.consent(consent));
        }

        List<Map<String, Object>> rows() {
            assertTrue(writer.flush(Duration.ofSeconds(30)), "the buffer was written");
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Object[] r : db.rows("SELECT " + COLUMNS + " FROM analytics_event ORDER BY id")) {
                Map<String, Object> row = new LinkedHashMap<>();
                String[] names = COLUMNS.split(",\\s*");
                for (int i = 0; i < names.length; i++) {
                    row.put(names[i], r[i]);
                }
                rows.add(row);
            }
            return rows;
        }

        @Override
        public void close() throws Exception {
            writer.stop();
            db.close();
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void aConsentingVisitorsPageViewIsOneRowWithItsFieldsAndNoAddressTokenOrReferrerUrl(String kind) throws Exception {
        try (Fixture f = new Fixture(kind, true)) {
            HttpServletRequest visit = Visits.get(
                    "/contractors/choose/" + TOKEN + "?utm_source=%20news%3Cb%3E%20&utm_medium=email&utm_campaign="
                            + "spring-2026&email=jane%40example.org",
                    Visits.ADDRESS,
                    UserAgentsTest.SAFARI_IPHONE,
                    Locale.forLanguageTag("es"),
                    Map.of("Referer", "https://www.Example.com:8443/search?q=jane+doe+94110#top"));
            f.recorder.pageView(visit);
            List<Map<String, Object>> rows = f.rows();
            assertEquals(1, rows.size(), rows.toString());
            Map<String, Object> row = rows.get(0);
            assertEquals("page-view", row.get("type"));
            assertEquals("/contractors/choose/{token}", row.get("path"));
            assertEquals("www.example.com", row.get("referrer_host"));
            assertEquals("news<b>", row.get("utm_source"), "trimmed, markup kept as text");
            assertEquals("email", row.get("utm_medium"));
            assertEquals("spring-2026", row.get("utm_campaign"));
            assertEquals("Mobile Safari", row.get("browser"));
            assertEquals("iOS", row.get("os"));
            assertEquals("mobile", row.get("device"));
            assertEquals("es", row.get("language"));
            assertNull(row.get("dimensions"));
            assertEquals("2026-12-02", String.valueOf(row.get("event_day")));
            assertEquals("2026-12-01", String.valueOf(row.get("event_month")));
            assertTrue(String.valueOf(row.get("occurred_at")).startsWith("2026-12-02 20:00"), row.toString());
            String key = (String) row.get("visitor_key");
            assertNotNull(key);
            assertTrue(key.matches("[0-9a-f]{32}"), key);
            String all = row.toString();
            for (String secret : new String[] {Visits.ADDRESS, TOKEN, "jane", "search?q", "8443", "94110"}) {
                assertFalse(all.contains(secret), secret + " is in " + all);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void withoutConsentOrWithoutAConsentServiceNothingIsStored(String kind) throws Exception {
        try (Fixture refused = new Fixture(kind, false)) {
            refused.recorder.pageView(Visits.get("/"));
            refused.recorder.record(Visits.get("/contractors"), AnalyticsEvent.of(AnalyticsEvent.DIRECTORY_SEARCH));
            assertEquals(List.of(), refused.rows());
        }
        try (Fixture none = new Fixture(kind, AnalyticsSettings.defaults(), null)) {
            none.recorder.pageView(Visits.get("/"));
            none.recorder.record(Visits.get("/contractors"), AnalyticsEvent.of(AnalyticsEvent.DIRECTORY_SEARCH));
            assertEquals(List.of(), none.rows());
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void anonymousPageViewsWhenTheOperatorTurnedThemOnKeepDayAndPathOnly(String kind) throws Exception {
        try (Fixture f =
                new Fixture(kind, AnalyticsSettings.defaults().withAnonymousPageViews(true), Visits.consent(false))) {
            f.recorder.pageView(Visits.get(
                    "/contractors/sunny-solar?utm_source=x",
                    Visits.ADDRESS,
                    UserAgentsTest.CHROME_WINDOWS,
                    Locale.ENGLISH,
                    Map.of("Referer", "https://elsewhere.example/")));
            f.recorder.record(Visits.get("/contractors"), AnalyticsEvent.of(AnalyticsEvent.DIRECTORY_SEARCH));
            List<Map<String, Object>> rows = f.rows();
            assertEquals(1, rows.size(), "the page view only, not the module event: " + rows);
            Map<String, Object> row = rows.get(0);
            assertEquals("page-view", row.get("type"));
            assertEquals("/contractors/{id}", row.get("path"));
            assertEquals("2026-12-02", String.valueOf(row.get("event_day")));
            assertTrue(String.valueOf(row.get("occurred_at")).startsWith("2026-12-02 08:00"), "the start of the day");
            for (String column : new String[] {
                "visitor_key", "referrer_host", "utm_source", "browser", "os", "device", "language", "dimensions"
            }) {
                assertNull(row.get(column), column);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void botsAreNotCounted(String kind) throws Exception {
        try (Fixture f =
                new Fixture(kind, AnalyticsSettings.defaults().withAnonymousPageViews(true), Visits.consent(true))) {
            for (String bot : new String[] {
                "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                "Mozilla/5.0 (compatible; Qwantify/2.4w)",
                "curl/8.5.0",
                "",
                null
            }) {
                f.recorder.pageView(Visits.get("/", Visits.ADDRESS, bot, Locale.ENGLISH, Map.of()));
                f.recorder.record(
                        Visits.get("/", Visits.ADDRESS, bot, Locale.ENGLISH, Map.of()),
                        AnalyticsEvent.of(AnalyticsEvent.FORM_STEP, Map.of("form", "request", "step", "contact")));
            }
            f.recorder.pageView(Visits.get("/"));
            List<Map<String, Object>> rows = f.rows();
            assertEquals(1, rows.size(), "only the browser's page view: " + rows);
            assertEquals("Chrome", rows.get(0).get("browser"));
            assertTrue(f.writer.counts().bots() >= 1, "the parser's spider was left out by the writer");
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void moduleEventsCarryTheirDimensionsAsJsonAndTheVisitorsKeyAndLanguage(String kind) throws Exception {
        try (Fixture f = new Fixture(kind, true)) {
            f.recorder.record(
                    Visits.get("/contractors"),
                    AnalyticsEvent.of(
                            AnalyticsEvent.DIRECTORY_SEARCH,
                            Map.of("zip3", "941", "service", "solar-pv", "radius", "25", "results", "12")));
            f.recorder.record(
                    Visits.get("/x"),
                    AnalyticsEvent.of(AnalyticsEvent.NOT_FOUND, Map.of("path", "/leads/" + TOKEN + "?a=b")));
            f.recorder.record(AnalyticsEvent.of("rebates.calculator-used", Map.of("quote", "say \"hi\"")));
            List<Map<String, Object>> rows = f.rows();
            assertEquals(3, rows.size(), rows.toString());
            Map<String, Object> search = rows.get(0);
            assertEquals("directory.search", search.get("type"));
            assertEquals(
                    "{\"radius\":\"25\",\"results\":\"12\",\"service\":\"solar-pv\",\"zip3\":\"941\"}",
                    search.get("dimensions"));
            assertNotNull(search.get("visitor_key"));
            assertEquals("en", search.get("language"));
            assertEquals("desktop", search.get("device"));
            assertNull(search.get("path"));
            Map<String, Object> missing = rows.get(1);
            assertEquals("/leads/{token}", missing.get("path"));
            assertEquals("{\"path\":\"/leads/{token}\"}", missing.get("dimensions"));
            Map<String, Object> partner = rows.get(2);
            assertEquals("rebates.calculator-used", partner.get("type"));
            assertEquals("{\"quote\":\"say \\\"hi\\\"\"}", partner.get("dimensions"));
            assertNull(partner.get("visitor_key"), "no visitor without a request");
            assertNull(partner.get("language"));
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void ourOwnHostIsNoReferrer(String kind) throws Exception {
        try (Fixture f = new Fixture(kind, true)) {
            f.recorder.pageView(Visits.get(
                    "/request",
                    Visits.ADDRESS,
                    UserAgentsTest.FIREFOX_LINUX,
                    Locale.ENGLISH,
                    Map.of("Referer", "https://portal.example.org/contractors?zip=94110")));
            f.recorder.pageView(Visits.get(
                    "/request",
                    Visits.ADDRESS,
                    UserAgentsTest.FIREFOX_LINUX,
                    Locale.ENGLISH,
                    Map.of("Referer", "javascript:alert(1)")));
            List<Map<String, Object>> rows = f.rows();
            assertEquals(2, rows.size());
            assertNull(rows.get(0).get("referrer_host"));
            assertNull(rows.get(1).get("referrer_host"));
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void eachMonthGetsItsPartitionOnPostgresqlBeforeItsFirstRow(String kind) throws Exception {
        try (Fixture f = new Fixture(kind, true)) {
            f.recorder.pageView(Visits.get("/"));
            f.clock.advance(Duration.ofDays(31)); // January 2027
            f.recorder.pageView(Visits.get("/"));
            assertEquals(2, f.rows().size());
            if (kind.equals("postgresql")) {
                List<Object[]> where =
                        f.db.rows("SELECT CAST(tableoid::regclass AS VARCHAR), event_month FROM analytics_event"
                                + " ORDER BY id");
                assertEquals(
                        "analytics_event_2026_12",
                        String.valueOf(where.get(0)[0]).replaceAll(".*\\.", ""),
                        Arrays.toString(where.get(0)));
                assertEquals(
                        "analytics_event_2027_01",
                        String.valueOf(where.get(1)[0]).replaceAll(".*\\.", ""),
                        Arrays.toString(where.get(1)));
                assertEquals(
                        0L,
                        ((Number) f.db.rows("SELECT COUNT(*) FROM analytics_event_default")
                                        .get(0)[0])
                                .longValue());
            } else {
                List<Object[]> months = f.db.rows("SELECT event_month FROM analytics_event ORDER BY id");
                assertEquals("2026-12-01", String.valueOf(months.get(0)[0]));
                assertEquals("2027-01-01", String.valueOf(months.get(1)[0]));
            }
        }
    }
}
