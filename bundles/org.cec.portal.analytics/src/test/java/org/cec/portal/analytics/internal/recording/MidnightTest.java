package org.cec.portal.analytics.internal.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.cec.portal.analytics.internal.AnalyticsSettings;
import org.cec.portal.testing.ModuleTestDatabase;
import org.cec.portal.testing.MovableClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Events offered just before midnight and written after it keep their day's visitor key. */
class MidnightTest {

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void eventsOfferedBeforeMidnightAndWrittenAfterItKeepTheirDaysKey(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "analytics")) {
            GatedDatabase gated = new GatedDatabase(db);
            gated.open();
            MovableClock clock = new MovableClock(RecordingTest.NOON, RecordingTest.ZONE);
            clock.advance(Duration.ofHours(11).plusMinutes(59)); // 23:59 in Los Angeles
            EventWriter writer =
                    new EventWriter(gated, AnalyticsSettings.defaults().withZone(RecordingTest.ZONE), clock);
            try {
                Recorder recorder = new Recorder(writer, AnalyticsSettings.defaults(), Visits.consent(true));
                recorder.pageView(Visits.get("/"));
                assertTrue(writer.flush(Duration.ofSeconds(30)));

                gated.shut();
                recorder.pageView(Visits.get("/request"));
                assertTrue(gated.awaitEntered(30), "the writer holds a batch");
                recorder.pageView(Visits.get("/contractors")); // waits in the buffer
                recorder.pageView(Visits.get("/privacy"));
                clock.advance(Duration.ofMinutes(2)); // midnight passes while they wait
                gated.open();
                assertTrue(writer.flush(Duration.ofSeconds(30)));

                List<Object[]> rows = db.rows("SELECT event_day, visitor_key FROM analytics_event ORDER BY id");
                assertEquals(4, rows.size());
                for (Object[] row : rows) {
                    assertEquals("2026-12-02", String.valueOf(row[0]));
                    assertEquals(rows.get(0)[1], row[1], "the day's key for all four: " + row[1]);
                }
                assertTrue(String.valueOf(rows.get(0)[1]).matches("[0-9a-f]{32}"));

                recorder.pageView(Visits.get("/"));
                assertTrue(writer.flush(Duration.ofSeconds(30)));
                List<Object[]> next = db.rows("SELECT event_day, visitor_key FROM analytics_event ORDER BY id");
                assertEquals("2026-12-03", String.valueOf(next.get(4)[0]));
                assertNotEquals(rows.get(0)[1], next.get(4)[1], "a new day, a new key");
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (db.read(em -> VisitorKeysCount.before(em.unwrap(Connection.class))) > 0) {
                    assertTrue(System.nanoTime() < deadline, "yesterday's salt is deleted once its events are written");
                    Thread.sleep(50);
                }
            } finally {
                gated.open();
                writer.stop();
            }
        }
    }

    /** How many salts of days before 2026-12-03 are stored. */
    static final class VisitorKeysCount {
        static long before(Connection c) throws java.sql.SQLException {
            try (var s = c.prepareStatement("SELECT COUNT(*) FROM analytics_salt WHERE salt_day < ?")) {
                s.setObject(1, java.time.LocalDate.of(2026, 12, 3));
                try (var rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
    }
}
