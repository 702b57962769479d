package org.cec.portal.analytics.internal.rollups;

import static org.cec.portal.analytics.internal.rollups.Fixture.daily;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.cec.portal.api.events.PortalEvent;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CountedEventsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    private static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void opensClicksAndConsentChoicesAreCountedOncePerEventIdOnTheirDay(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "analytics")) {
            CountedEvents counts = new CountedEvents(db, Fixture.settings(180, 1095, false), Fixture.clockAt(TODAY, 9));
            PortalEvent open = new PortalEvent(
                    1, "email.opened", "{\"messageId\":\"a@x\",\"campaign\":\"12\"}", at(TODAY.minusDays(1), 23));
            counts.handle(open);
            counts.handle(open); // delivered again after a crash
            counts.handle(new PortalEvent(2, "email.opened", "{\"messageId\":\"b@x\"}", at(TODAY, 1)));
            counts.handle(new PortalEvent(
                    3, "email.clicked", "{\"messageId\":\"a@x\",\"url\":\"https://x\",\"campaign\":12}", at(TODAY, 2)));
            String choice = "{\"receipt\":\"r1\",\"choice\":\"custom\",\"preferences\":true,\"analytics\":false,"
                    + "\"marketing\":true,\"policyVersion\":\"3\",\"language\":\"en\",\"dnt\":false,\"gpc\":false}";
            counts.handle(new PortalEvent(4, "consent.changed", choice, at(TODAY, 3)));
            counts.handle(new PortalEvent(4, "consent.changed", choice, at(TODAY, 3)));
            counts.handle(new PortalEvent(
                    5, "consent.changed", choice.replace("\"analytics\":false", "\"analytics\":true"), at(TODAY, 4)));
            counts.handle(new PortalEvent(6, "consent.changed", "not json", at(TODAY, 4)));
            // older than the rollups are kept: not counted
            counts.handle(new PortalEvent(7, "email.opened", "{\"campaign\":\"12\"}", at(TODAY.minusDays(2000), 4)));

            assertEquals(List.of("12=1/0"), daily(db, TODAY.minusDays(1), "email-opens"));
            assertEquals(List.of("=1/0"), daily(db, TODAY, "email-opens"), "without a campaign: item empty");
            assertEquals(List.of("12=1/0"), daily(db, TODAY, "email-clicks"));
            assertEquals(
                    List.of(
                            "analytics:granted=1/0",
                            "analytics:refused=1/0",
                            "marketing:granted=2/0",
                            "preferences:granted=2/0"),
                    daily(db, TODAY, "consent-choices"));
            assertEquals(5, Fixture.count(db, "SELECT COUNT(*) FROM analytics_counted_event"));
            assertEquals(
                    0, Fixture.count(db, "SELECT COUNT(*) FROM analytics_daily WHERE rollup_day < DATE '2026-01-01'"));
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void eventsCountOnTheirDayInTheAnalyticsTimeZoneAndRollupsFollowIt(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "analytics")) {
            java.time.ZoneId pacific = java.time.ZoneId.of("America/Los_Angeles");
            // 03:00 UTC on the 10th is still the 9th in California
            Fixture.TestClock clock = new Fixture.TestClock(at(TODAY, 3), pacific);
            new CountedEvents(db, Fixture.settings(180, 1095, false), clock)
                    .handle(new PortalEvent(1, "email.opened", "{\"campaign\":\"4\"}", at(TODAY, 2)));
            assertEquals(List.of("4=1/0"), daily(db, TODAY.minusDays(1), "email-opens"));
            assertEquals(List.of(), daily(db, TODAY, "email-opens"));

            Fixture.pageView(db, TODAY.minusDays(1), "v", "/", null, null, null, null, null, null);
            new Rollups(db, clock).run();
            assertEquals(List.of("=1/1"), daily(db, TODAY.minusDays(1), "pageviews"), "today there");
            assertEquals(
                    TODAY.minusDays(2),
                    new SinkDeliveries(db, Fixture.settings(180, 1095, false), clock).lastFinished());
        }
    }
}
