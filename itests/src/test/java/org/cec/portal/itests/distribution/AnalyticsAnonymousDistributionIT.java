package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, the operator's choice {@code anonymous.pageviews} (PID {@code org.cec.portal.analytics}), against
 * the assembled distribution: with it on, a visitor without the analytics consent (undecided, refused, GPC)
 * leaves one page-view row per page with its day and path only (no visitor key, referrer, campaign,
 * device, language, and the start of the day as its time), bots leave none, and a consenting visitor's
 * page views are recorded in full as without the setting. The database is read after the portal stopped.
 */
class AnalyticsAnonymousDistributionIT {

    @Test
    void withAnonymousPageViewsOnVisitorsWithoutConsentAreCountedByDayAndPathOnly() throws Exception {
        RunningPortal portal = RunningPortal.start(
                "analytics-anonymous",
                home -> Files.writeString(
                        home.resolve("etc/org.cec.portal.analytics.cfg"), "anonymous.pageviews=true\n"));
        try {
            AnalyticsRecordingDistributionIT.Browser undecided =
                    new AnalyticsRecordingDistributionIT.Browser(portal, AnalyticsRecordingDistributionIT.CHROME);
            AnalyticsRecordingDistributionIT.Browser refused =
                    new AnalyticsRecordingDistributionIT.Browser(portal, AnalyticsRecordingDistributionIT.IPHONE);
            refused.choose("choice=reject-all");
            AnalyticsRecordingDistributionIT.Browser gpc =
                    new AnalyticsRecordingDistributionIT.Browser(portal, AnalyticsRecordingDistributionIT.CHROME);
            gpc.headers.put("Sec-GPC", "1");
            for (AnalyticsRecordingDistributionIT.Browser b : List.of(undecided, refused, gpc)) {
                assertEquals(
                        200,
                        b.get("/?utm_source=newsletter&utm_campaign=spring", "Referer", "https://www.example.com/q")
                                .statusCode());
                assertEquals(200, b.get("/request?lang=es").statusCode());
            }
            AnalyticsRecordingDistributionIT.Browser bot = new AnalyticsRecordingDistributionIT.Browser(
                    portal, "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
            assertEquals(200, bot.get("/").statusCode());
            AnalyticsRecordingDistributionIT.Browser ana =
                    new AnalyticsRecordingDistributionIT.Browser(portal, AnalyticsRecordingDistributionIT.IPHONE);
            ana.choose("choice=custom&analytics=yes");
            assertEquals(
                    200, ana.get("/", "Referer", "https://www.example.com/q").statusCode());

            assertEquals(143, portal.terminate(Duration.ofSeconds(60)), "stopped cleanly by SIGTERM");
            List<Map<String, Object>> views =
                    AnalyticsRecordingDistributionIT.rows(
                                    portal, null, "SELECT * FROM analytics_event WHERE type = 'page-view' ORDER BY id")
                            .stream()
                            .toList();
            // (choose() opens the choices page first: a view without consent too, left out here)
            List<Map<String, Object>> anonymous = views.stream()
                    .filter(r -> r.get("VISITOR_KEY") == null && !"/privacy/choices".equals(r.get("PATH")))
                    .toList();
            List<Map<String, Object>> consented =
                    views.stream().filter(r -> r.get("VISITOR_KEY") != null).toList();
            assertEquals(6, anonymous.size(), "two pages each of three visitors without consent, no bot:\n" + views);
            assertEquals(
                    3, anonymous.stream().filter(r -> "/".equals(r.get("PATH"))).count());
            assertEquals(
                    3,
                    anonymous.stream()
                            .filter(r -> "/request".equals(r.get("PATH")))
                            .count());
            for (Map<String, Object> row : anonymous) {
                for (String column : new String[] {
                    "REFERRER_HOST", "UTM_SOURCE", "UTM_MEDIUM", "UTM_CAMPAIGN", "BROWSER", "OS", "DEVICE", "LANGUAGE"
                }) {
                    assertNull(row.get(column), column + " of an anonymous page view: " + row);
                }
                assertNotNull(row.get("EVENT_DAY"));
                assertEquals(
                        String.valueOf(anonymous.get(0).get("OCCURRED_AT")),
                        String.valueOf(row.get("OCCURRED_AT")),
                        "the start of its day for all, not the moment of each: " + row);
                assertFalse(row.toString().contains("127.0.0.1"), "no address: " + row);
            }
            assertEquals(1, consented.size(), "the consenting visitor's page view, in full:\n" + views);
            assertEquals("www.example.com", consented.get(0).get("REFERRER_HOST"));
            assertTrue(String.valueOf(consented.get(0).get("VISITOR_KEY")).matches("[0-9a-f]{32}"));
        } finally {
            portal.close();
        }
    }
}
