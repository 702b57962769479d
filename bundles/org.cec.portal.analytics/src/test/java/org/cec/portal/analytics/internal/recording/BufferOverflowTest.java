package org.cec.portal.analytics.internal.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.felix.hc.api.Result;
import org.cec.portal.analytics.internal.AnalyticsSettings;
import org.cec.portal.testing.ModuleTestDatabase;
import org.cec.portal.testing.MovableClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A full buffer drops events, never blocks, counts the drops (in memory, in analytics_state) and warns. */
class BufferOverflowTest {

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void whenTheBufferIsFullEventsAreDroppedAndCountedAndTheHealthCheckWarns(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "analytics")) {
            GatedDatabase gated = new GatedDatabase(db);
            MovableClock clock = new MovableClock(RecordingTest.NOON, RecordingTest.ZONE);
            AnalyticsSettings settings =
                    AnalyticsSettings.defaults().withBuffer(10, 0).withZone(RecordingTest.ZONE);
            EventWriter writer = new EventWriter(gated, settings, clock);
            try {
                Recorder recorder = new Recorder(writer, settings, Visits.consent(true));
                AnalyticsHealthCheck health = new AnalyticsHealthCheck(writer);
                assertEquals(Result.Status.OK, health.execute().getStatus());

                long t0 = System.nanoTime();
                for (int i = 0; i < 25; i++) {
                    recorder.pageView(Visits.get("/"));
                }
                assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "never blocked");
                assertEquals(15, writer.counts().dropped(), "10 taken, 15 dropped");
                Result warned = health.execute();
                assertEquals(Result.Status.WARN, warned.getStatus());
                assertTrue(messages(warned).contains("15 analytics event(s) dropped"), messages(warned));

                gated.open();
                assertTrue(writer.flush(Duration.ofSeconds(30)));
                assertEquals(10L, count(db, "SELECT COUNT(*) FROM analytics_event"));
                assertEquals(
                        "15",
                        db.rows("SELECT state_value FROM analytics_state WHERE name = 'dropped'")
                                .get(0)[0]);
                assertEquals(
                        "15",
                        db.rows("SELECT state_value FROM analytics_state WHERE name = 'dropped.2026-12-02'")
                                .get(0)[0]);

                assertEquals(Result.Status.WARN, health.execute().getStatus(), "still warns: the drops were recent");
                clock.advance(Duration.ofMinutes(61));
                assertEquals(Result.Status.OK, health.execute().getStatus(), "an hour later it is fine again");
            } finally {
                writer.stop();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void writeFailuresAreCountedAndWarnedAndNeverReachTheVisitor(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "analytics")) {
            db.inTransaction(em -> em.createNativeQuery(
                            "DROP TABLE analytics_event" + (kind.equals("postgresql") ? " CASCADE" : ""))
                    .executeUpdate());
            MovableClock clock = new MovableClock(RecordingTest.NOON, RecordingTest.ZONE);
            AnalyticsSettings settings = AnalyticsSettings.defaults().withZone(RecordingTest.ZONE);
            EventWriter writer = new EventWriter(db, settings, clock);
            try {
                org.cec.portal.api.consent.ConsentService failing =
                        org.mockito.Mockito.mock(org.cec.portal.api.consent.ConsentService.class);
                org.mockito.Mockito.when(failing.allows(
                                org.mockito.ArgumentMatchers.any(jakarta.servlet.http.HttpServletRequest.class),
                                org.mockito.ArgumentMatchers.any()))
                        .thenThrow(new IllegalStateException("consent store down"));
                new Recorder(writer, settings, failing).pageView(Visits.get("/")); // refused, nothing thrown
                Recorder recorder = new Recorder(writer, settings, Visits.consent(true));
                for (int i = 0; i < 3; i++) {
                    recorder.pageView(Visits.get("/"));
                }
                assertTrue(writer.flush(Duration.ofSeconds(30)));
                assertEquals(3, writer.counts().failed(), "the lost batch is counted");
                assertEquals(0, writer.counts().written());
                Result warned = new AnalyticsHealthCheck(writer).execute();
                assertEquals(Result.Status.WARN, warned.getStatus());
                String text = messages(warned);
                assertTrue(text.contains("a batch of events could not be written"), text);
                assertTrue(!text.contains(Visits.ADDRESS), "no address in the health check");
            } finally {
                writer.stop();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void storedDropsAddUp(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "analytics")) {
            java.time.LocalDate day = java.time.LocalDate.of(2026, 12, 2);
            for (long n : new long[] {15, 7}) {
                db.inTransaction(em -> {
                    EventStore.addDropped(em.unwrap(java.sql.Connection.class), n, day, RecordingTest.NOON);
                    return null;
                });
            }
            assertEquals(22L, (long) db.read(em -> EventStore.dropped(em.unwrap(java.sql.Connection.class))));
            assertEquals(
                    "22",
                    db.rows("SELECT state_value FROM analytics_state WHERE name = 'dropped.2026-12-02'")
                            .get(0)[0]);
        }
    }

    static String messages(Result result) {
        StringBuilder text = new StringBuilder();
        for (org.apache.felix.hc.api.ResultLog.Entry entry : result) {
            text.append(entry.getStatus())
                    .append(' ')
                    .append(entry.getMessage())
                    .append('\n');
        }
        return text.toString();
    }

    private static long count(ModuleTestDatabase db, String sql) {
        return ((Number) db.rows(sql).get(0)[0]).longValue();
    }
}
