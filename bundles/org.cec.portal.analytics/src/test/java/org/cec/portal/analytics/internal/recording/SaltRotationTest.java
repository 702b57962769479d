package org.cec.portal.analytics.internal.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.cec.portal.analytics.internal.AnalyticsSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Acceptance 2: the same visitor on two days gets two unrelated keys, and yesterday's salt is gone. */
class SaltRotationTest {

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void theSameVisitorOnTwoDaysGetsUnrelatedKeysAndYesterdaysSaltIsDeleted(String kind) throws Exception {
        try (RecordingTest.Fixture f = new RecordingTest.Fixture(kind, true)) {
            f.recorder.pageView(Visits.get("/"));
            f.recorder.pageView(Visits.get("/request"));
            f.recorder.pageView(
                    Visits.get("/", "198.51.100.9", UserAgentsTest.CHROME_WINDOWS, Locale.ENGLISH, Map.of()));
            List<Map<String, Object>> day1 = f.rows();
            assertEquals(3, day1.size());
            String key1 = (String) day1.get(0).get("visitor_key");
            assertEquals(key1, day1.get(1).get("visitor_key"), "one key within a day");
            assertNotEquals(key1, day1.get(2).get("visitor_key"), "another address, another key");
            List<Object[]> salts1 = f.db.rows("SELECT salt_day, salt FROM analytics_salt");
            assertEquals(1, salts1.size());
            assertEquals("2026-12-02", String.valueOf(salts1.get(0)[0]));
            String salt1 = (String) salts1.get(0)[1];
            assertTrue(salt1.matches("[0-9a-f]{64}"), "32 random bytes, hex");
            assertEquals(
                    key1, hmac(salt1, Visits.ADDRESS + "\n" + UserAgentsTest.CHROME_WINDOWS), "the key is the HMAC");

            f.clock.advance(Duration.ofDays(1));
            f.recorder.pageView(Visits.get("/"));
            List<Map<String, Object>> both = f.rows();
            assertEquals(4, both.size());
            String key2 = (String) both.get(3).get("visitor_key");
            assertEquals("2026-12-03", String.valueOf(both.get(3).get("event_day")));
            assertNotEquals(key1, key2, "two days, two keys");
            List<Object[]> salts2 = f.db.rows("SELECT salt_day, salt FROM analytics_salt");
            assertEquals(1, salts2.size(), "only today's salt is stored");
            assertEquals("2026-12-03", String.valueOf(salts2.get(0)[0]));
            String salt2 = (String) salts2.get(0)[1];
            assertNotEquals(salt1, salt2);
            assertEquals(key2, hmac(salt2, Visits.ADDRESS + "\n" + UserAgentsTest.CHROME_WINDOWS));
            assertNotEquals(key2, hmac(salt1, Visits.ADDRESS + "\n" + UserAgentsTest.CHROME_WINDOWS));
            assertEquals(
                    0L,
                    ((Number) f.db.rows("SELECT COUNT(*) FROM analytics_salt WHERE salt = '" + salt1 + "'")
                                    .get(0)[0])
                            .longValue(),
                    "yesterday's salt is gone from storage");
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void theOldSaltIsDeletedAtMidnightEvenWithoutVisitors(String kind) throws Exception {
        try (RecordingTest.Fixture f = new RecordingTest.Fixture(kind, true)) {
            f.recorder.pageView(Visits.get("/"));
            f.rows();
            assertEquals(1, f.db.rows("SELECT salt_day FROM analytics_salt").size());
            f.clock.advance(Duration.ofDays(1));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!f.db.rows("SELECT salt_day FROM analytics_salt").isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "the writer deleted the old salt by itself");
                Thread.sleep(50);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void twoNodesOnOneDatabaseShareTheDaysSalt(String kind) throws Exception {
        try (RecordingTest.Fixture a = new RecordingTest.Fixture(kind, true)) {
            EventWriter secondNode =
                    new EventWriter(a.db, AnalyticsSettings.defaults().withZone(RecordingTest.ZONE), a.clock);
            try {
                Recorder b = new Recorder(secondNode, AnalyticsSettings.defaults(), Visits.consent(true));
                for (int i = 0; i < 20; i++) {
                    a.recorder.pageView(Visits.get("/"));
                    b.pageView(Visits.get("/"));
                }
                assertTrue(secondNode.flush(Duration.ofSeconds(30)));
                List<Map<String, Object>> rows = a.rows();
                assertEquals(40, rows.size());
                assertEquals(
                        1,
                        rows.stream().map(r -> r.get("visitor_key")).distinct().count(),
                        "one key on both nodes");
                assertEquals(1, a.db.rows("SELECT salt_day FROM analytics_salt").size());
            } finally {
                secondNode.stop();
            }
        }
    }

    private static String hmac(String saltHex, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HexFormat.of().parseHex(saltHex), "HmacSHA256"));
        return HexFormat.of()
                .formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)))
                .substring(0, VisitorKeys.KEY_HEX);
    }
}
