package org.cec.portal.analytics.internal.rollups;

import static org.cec.portal.analytics.internal.rollups.Fixture.event;
import static org.cec.portal.analytics.internal.rollups.Fixture.pageView;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cec.portal.api.analytics.AnalyticsSink;
import org.cec.portal.api.analytics.DailyRollup;
import org.cec.portal.api.analytics.RawEvent;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SinkDeliveriesTest {

    private static final LocalDate DAY1 = LocalDate.of(2026, 3, 10);

    /** Writes down what it gets; fails while {@code failing} is on. */
    static final class Recorder implements AnalyticsSink {
        final List<String> calls = new ArrayList<>();
        final List<DailyRollup> rollups = new ArrayList<>();
        final List<RawEvent> raw = new ArrayList<>();
        boolean failing;

        @Override
        public void dailyRollups(LocalDate day, List<DailyRollup> list) throws Exception {
            calls.add("rollups " + day);
            if (failing) {
                throw new java.io.IOException("disk full");
            }
            rollups.addAll(list);
        }

        @Override
        public void rawEvents(LocalDate day, List<RawEvent> events) {
            calls.add("raw " + day + " " + events.size());
            raw.addAll(events);
        }
    }

    private static void dataFor(ModuleTestDatabase db, LocalDate... days) {
        for (LocalDate d : days) {
            pageView(db, d, "v", "/", null, null, "Firefox", null, null, "en");
            pageView(db, d, null, "/", null, null, null, null, null, null); // anonymous
            event(db, d, "form.submitted", "v", "{\"form\":\"request\"}");
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void aSinkGetsEveryFinishedDayFromItsFirstDayInOrderAndOnlyOnce(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "analytics")) {
            dataFor(db, DAY1.minusDays(1), DAY1, DAY1.plusDays(1), DAY1.plusDays(2));
            Fixture.TestClock clock = Fixture.clockAt(DAY1, 10);
            Rollups rollups = new Rollups(db, clock);
            SinkDeliveries deliveries = new SinkDeliveries(db, Fixture.settings(180, 1095, false), clock);
            Recorder sink = new Recorder();
            deliveries.seen("partner.sink");
            rollups.run();
            assertEquals(0, deliveries.run(Map.of("partner.sink", sink)), "its first day is not over");

            clock.setDay(DAY1.plusDays(3), 1); // three days later
            rollups.run();
            assertEquals(3, deliveries.run(Map.of("partner.sink", sink)));
            assertEquals(
                    List.of("rollups " + DAY1, "rollups " + DAY1.plusDays(1), "rollups " + DAY1.plusDays(2)),
                    sink.calls,
                    "from the day it appeared (not the day before), in order, no raw events");
            assertTrue(sink.rollups.contains(new DailyRollup(DAY1, "pageviews", "", 2, 1)), sink.rollups.toString());
            assertTrue(sink.rollups.contains(new DailyRollup(DAY1, "form-submitted", "request", 1, 1)));
            assertEquals(0, deliveries.run(Map.of("partner.sink", sink)), "nothing twice");

            // a second sink appears: from today on
            Recorder late = new Recorder();
            deliveries.seen("late.sink");
            assertEquals(0, deliveries.run(Map.of("late.sink", late)));
            assertTrue(late.calls.isEmpty());
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void aSinkThatThrowsGetsTheSameDayAgainAfterAPauseWhileTheOthersGoOn(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "analytics")) {
            dataFor(db, DAY1, DAY1.plusDays(1));
            Fixture.TestClock clock = Fixture.clockAt(DAY1, 10);
            SinkDeliveries deliveries = new SinkDeliveries(db, Fixture.settings(180, 1095, false), clock);
            Recorder failing = new Recorder();
            failing.failing = true;
            Recorder fine = new Recorder();
            deliveries.seen("failing");
            deliveries.seen("fine");
            clock.setDay(DAY1.plusDays(2), 6);
            new Rollups(db, clock).run();
            Map<String, AnalyticsSink> both = new java.util.TreeMap<>(Map.of("failing", failing, "fine", fine));
            assertEquals(2, deliveries.run(both), "the other sink gets its two days");
            assertEquals(List.of("rollups " + DAY1), failing.calls);

            clock.set(clock.instant().plusSeconds(30));
            deliveries.run(both);
            assertEquals(List.of("rollups " + DAY1), failing.calls, "not again within the pause");

            clock.set(clock.instant().plus(Duration.ofMinutes(1)));
            deliveries.run(both);
            assertEquals(List.of("rollups " + DAY1, "rollups " + DAY1), failing.calls, "the same day again");

            failing.failing = false;
            clock.set(clock.instant().plus(Duration.ofMinutes(2)));
            assertEquals(2, deliveries.run(both));
            assertEquals(
                    List.of("rollups " + DAY1, "rollups " + DAY1, "rollups " + DAY1, "rollups " + DAY1.plusDays(1)),
                    failing.calls);
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void rawEventsGoBeforeTheRollupsOnlyWhenTheOperatorAllowsItAndNeverAnonymousPageViews(String kind)
            throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "analytics")) {
            dataFor(db, DAY1);
            Fixture.TestClock clock = Fixture.clockAt(DAY1, 10);
            SinkDeliveries deliveries = new SinkDeliveries(db, Fixture.settings(180, 1095, true), clock);
            Recorder sink = new Recorder();
            deliveries.seen("raw.sink");
            clock.setDay(DAY1.plusDays(1), 2);
            new Rollups(db, clock).run();
            deliveries.run(Map.of("raw.sink", sink));
            assertEquals(List.of("raw " + DAY1 + " 2", "rollups " + DAY1), sink.calls);
            RawEvent view = sink.raw.get(0);
            assertEquals(RawEvent.PAGE_VIEW, view.type());
            assertEquals(Map.of("path", "/", "browser", "Firefox", "language", "en", "visitor", "v"), view.fields());
            assertEquals(DAY1.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC), view.occurredAt());
            RawEvent submitted = sink.raw.get(1);
            assertEquals("form.submitted", submitted.type());
            assertEquals(Map.of("form", "request", "language", "en", "visitor", "v"), submitted.fields());
        }
    }

    @Test
    void thePauseDoublesUpToSixHours() {
        assertEquals(Duration.ofMinutes(1), SinkDeliveries.pause(1));
        assertEquals(Duration.ofMinutes(2), SinkDeliveries.pause(2));
        assertEquals(Duration.ofMinutes(8), SinkDeliveries.pause(4));
        assertEquals(Duration.ofHours(6), SinkDeliveries.pause(30));
    }
}
