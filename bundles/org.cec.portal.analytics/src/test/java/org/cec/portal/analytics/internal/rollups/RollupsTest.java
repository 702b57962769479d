package org.cec.portal.analytics.internal.rollups;

import static org.cec.portal.analytics.internal.rollups.Fixture.daily;
import static org.cec.portal.analytics.internal.rollups.Fixture.event;
import static org.cec.portal.analytics.internal.rollups.Fixture.pageView;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RollupsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    private static final LocalDate YESTERDAY = TODAY.minusDays(1);

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void aDaysPageViewsAndModuleEventsGiveTheDocumentedMetricsWithDistinctVisitors(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "analytics")) {
            pageView(db, YESTERDAY, "v1", "/", "search.example", "newsletter", "Firefox", "Linux", "desktop", "en");
            pageView(db, YESTERDAY, "v1", "/contractors/{id}", null, null, "Firefox", "Linux", "desktop", "en");
            pageView(db, YESTERDAY, "v2", "/", "search.example", null, "Safari", "iOS", "mobile", "es");
            pageView(db, YESTERDAY, null, "/", null, null, null, null, null, null); // anonymous
            event(db, YESTERDAY, "form.step", "v1", "{\"form\":\"request\",\"step\":\"contact\"}");
            event(db, YESTERDAY, "form.step", "v2", "{\"form\":\"request\",\"step\":\"contact\"}");
            event(db, YESTERDAY, "form.error", "v2", "{\"form\":\"request\",\"step\":\"contact\",\"field\":\"zip\"}");
            event(db, YESTERDAY, "form.submitted", "v1", "{\"form\":\"request\",\"service\":\"solar-pv\"}");
            event(
                    db,
                    YESTERDAY,
                    "directory.search",
                    "v1",
                    "{\"zip3\":\"941\",\"service\":\"solar-pv\",\"radius\":\"25\",\"results\":\"4\"}");
            event(
                    db,
                    YESTERDAY,
                    "directory.search",
                    "v1",
                    "{\"zip3\":\"941\",\"service\":\"heat-pump\",\"radius\":\"25\",\"results\":\"0\"}");
            event(db, YESTERDAY, "directory.outbound-click", "v2", "{\"contractor\":\"csv:sun-1\"}");
            event(db, YESTERDAY, "not-found", null, "{\"path\":\"/nope\"}");
            event(db, YESTERDAY, "rebates.calculator-used", "v1", "{}");
            pageView(db, YESTERDAY.minusDays(1), "v9", "/", null, null, "Firefox", "Linux", "desktop", "en");

            new Rollups(db, Fixture.clockAt(TODAY, 9)).run();

            assertEquals(List.of("=4/2"), daily(db, YESTERDAY, "pageviews"));
            assertEquals(List.of("/=3/2", "/contractors/{id}=1/1"), daily(db, YESTERDAY, "pages"));
            assertEquals(List.of("search.example=2/2"), daily(db, YESTERDAY, "referrers"));
            assertEquals(List.of("newsletter=1/1"), daily(db, YESTERDAY, "utm-source"));
            assertEquals(List.of("email=1/1"), daily(db, YESTERDAY, "utm-medium"));
            assertEquals(List.of("spring=1/1"), daily(db, YESTERDAY, "utm-campaign"));
            assertEquals(List.of("Firefox=2/1", "Safari=1/1"), daily(db, YESTERDAY, "browsers"));
            assertEquals(List.of("Linux=2/1", "iOS=1/1"), daily(db, YESTERDAY, "os"));
            assertEquals(List.of("desktop=2/1", "mobile=1/1"), daily(db, YESTERDAY, "devices"));
            assertEquals(List.of("en=2/1", "es=1/1"), daily(db, YESTERDAY, "languages"));
            assertEquals(List.of("request/contact=2/2"), daily(db, YESTERDAY, "form-steps"));
            assertEquals(List.of("request/contact/zip=1/1"), daily(db, YESTERDAY, "form-errors"));
            assertEquals(List.of("request=1/1"), daily(db, YESTERDAY, "form-submitted"));
            assertEquals(List.of("heat-pump=1/1", "solar-pv=1/1"), daily(db, YESTERDAY, "search-services"));
            assertEquals(List.of("941=2/1"), daily(db, YESTERDAY, "search-zip3"));
            assertEquals(List.of("csv:sun-1=1/1"), daily(db, YESTERDAY, "outbound-clicks"));
            assertEquals(List.of("/nope=1/0"), daily(db, YESTERDAY, "not-found"));
            assertEquals(List.of("=1/1"), daily(db, YESTERDAY, "event:rebates.calculator-used"));
            assertEquals(List.of("=1/1"), daily(db, YESTERDAY.minusDays(1), "pageviews"), "the older day too");
            assertEquals(
                    24 + 6,
                    Fixture.count(db, "SELECT COUNT(*) FROM analytics_daily"),
                    "no other rows: 24 of yesterday, 6 of the day before");
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void todayAndYesterdayAreComputedAgainOnEveryRunAndAFinishedDayOnce(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "analytics")) {
            LocalDate old = TODAY.minusDays(5);
            pageView(db, old, "a", "/", null, null, null, null, null, null);
            pageView(db, YESTERDAY, "a", "/", null, null, null, null, null, null);
            pageView(db, TODAY, "a", "/", null, null, null, null, null, null);
            Fixture.TestClock clock = Fixture.clockAt(TODAY, 9);
            Rollups rollups = new Rollups(db, clock);
            rollups.run();
            assertEquals(List.of("=1/1"), daily(db, old, "pageviews"));
            assertEquals(
                    TODAY.minusDays(2).toString(),
                    db.read(em -> StateStore.get(em.unwrap(Connection.class), StateStore.ROLLED_UP_THROUGH))
                            .orElseThrow());

            pageView(db, old, "b", "/", null, null, null, null, null, null);
            pageView(db, YESTERDAY, "b", "/", null, null, null, null, null, null);
            pageView(db, TODAY, "b", "/", null, null, null, null, null, null);
            rollups.run();
            assertEquals(List.of("=1/1"), daily(db, old, "pageviews"), "a finished day is not computed again");
            assertEquals(List.of("=2/2"), daily(db, YESTERDAY, "pageviews"));
            assertEquals(List.of("=2/2"), daily(db, TODAY, "pageviews"));

            // the next day: the former yesterday is computed a last time, the former today is yesterday
            pageView(db, YESTERDAY, "c", "/", null, null, null, null, null, null);
            clock.setDay(TODAY.plusDays(1), 0);
            rollups.run();
            assertEquals(List.of("=3/3"), daily(db, YESTERDAY, "pageviews"));
            assertEquals(
                    YESTERDAY.toString(),
                    db.read(em -> StateStore.get(em.unwrap(Connection.class), StateStore.ROLLED_UP_THROUGH))
                            .orElseThrow());
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void recomputingADayKeepsTheCountedMetricsAndCopiesTheDaysDroppedCount(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "analytics")) {
            Fixture.TestClock clock = Fixture.clockAt(TODAY, 9);
            LocalDate old = TODAY.minusDays(4);
            db.inTransaction(em -> {
                Connection c = em.unwrap(Connection.class);
                DailyStore.add(c, TODAY, Metrics.EMAIL_OPENS, "7", 3);
                // as the recorder keeps them: the total and each day's count
                StateStore.put(c, "dropped", "52", clock.instant());
                StateStore.put(c, "dropped." + TODAY, "40", clock.instant());
                StateStore.put(c, "dropped." + old, "12", clock.instant());
                return null;
            });
            pageView(db, TODAY, "a", "/", null, null, null, null, null, null);
            pageView(db, old, "a", "/", null, null, null, null, null, null);
            Rollups rollups = new Rollups(db, clock);
            rollups.run();
            rollups.run();
            assertEquals(List.of("7=3/0"), daily(db, TODAY, "email-opens"));
            assertEquals(List.of("=40/0"), daily(db, TODAY, "dropped"), "copied, not added twice");
            assertEquals(List.of("=12/0"), daily(db, old, "dropped"), "a finished day's too");
            assertEquals(List.of(), daily(db, YESTERDAY, "dropped"), "none dropped yesterday");
            db.inTransaction(em -> {
                StateStore.put(em.unwrap(Connection.class), "dropped." + TODAY, "45", clock.instant());
                return null;
            });
            rollups.run();
            assertEquals(List.of("=45/0"), daily(db, TODAY, "dropped"), "the later count of the day");
            assertEquals(List.of("=1/1"), daily(db, TODAY, "pageviews"));
        }
    }
}
