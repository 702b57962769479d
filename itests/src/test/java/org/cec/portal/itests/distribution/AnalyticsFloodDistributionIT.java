package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, acceptance 3: after a warm-up of 2,000, a flood of 100,000 page views of {@code /} from a consenting browser, sent by
 * 8 threads over kept-alive connections ({@link KeepAliveClient}), into a portal whose analytics buffer holds 10 events. Every
 * page is served (200) without waiting on analytics; events that did not fit are dropped and counted:
 * {@code /health} shows the check {@code Analytics} as WARN with the count, and after the portal
 * stopped, the rows written plus the drops stored in {@code analytics_state} are exactly the page views.
 */
class AnalyticsFloodDistributionIT {

    private static final int VIEWS = 100_000;
    private static final int WARM_UP = 2_000;
    private static final int THREADS = 8;
    private static final Pattern DROPPED = Pattern.compile("(\\d+) analytics event\\(s\\) dropped");

    @Test
    void aFloodOfPageViewsIsServedWhileTheFullBufferDropsAndCountsEvents() throws Exception {
        RunningPortal portal = RunningPortal.start("analytics-flood", home -> {
            Files.writeString(home.resolve("etc/org.cec.portal.analytics.cfg"), "buffer.capacity=10\n");
            Files.writeString(
                    home.resolve("etc/org.cec.portal.web.health.cfg.json"),
                    "{\"details.allowedAddresses\": [\"127.0.0.1\"]}");
        });
        try {
            AnalyticsRecordingDistributionIT.Browser browser =
                    new AnalyticsRecordingDistributionIT.Browser(portal, AnalyticsRecordingDistributionIT.CHROME);
            browser.choose("choice=custom&analytics=yes");
            String cookie = "cec_consent=" + browser.jar.get("cec_consent");
            // warm up, and let /health settle, before the flood
            Flood warmUp = flood(portal, cookie, WARM_UP);
            assertEquals(0, warmUp.failures(), "every page of the warm-up served");
            Thread.sleep(1_000);

            Flood flood = flood(portal, cookie, VIEWS);
            long elapsed = flood.elapsedNanos();
            long[] nanos = flood.nanos();
            AtomicInteger failures = new AtomicInteger(flood.failures());
            Arrays.sort(nanos);
            double seconds = elapsed / 1e9;
            long p50 = nanos[VIEWS / 2] / 1_000_000;
            long p99 = nanos[VIEWS * 99 / 100] / 1_000_000;
            long max = nanos[VIEWS - 1] / 1_000_000;
            String summary = String.format(
                    java.util.Locale.ROOT,
                    "%d page views in %.1f s (%.0f/s), p50 %d ms, p99 %d ms, max %d ms, %d failed",
                    VIEWS,
                    seconds,
                    VIEWS / seconds,
                    p50,
                    p99,
                    max,
                    failures.get());
            System.out.println("AnalyticsFloodDistributionIT: " + summary);
            assertEquals(0, failures.get(), "every page served: " + summary);
            assertTrue(p99 < 500, "no page slowed down: " + summary);
            assertTrue(max < 5_000, "no page held up: " + summary);

            // /health: WARN with the count (the executor caches results for a moment)
            String health = "";
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            Matcher dropped = null;
            while (System.nanoTime() < deadline) {
                HttpResponse<String> h = portal.get("/health");
                health = h.body();
                dropped = DROPPED.matcher(health);
                if (h.statusCode() == 200
                        && health.contains("\"name\":\"Analytics\",\"status\":\"WARN\"")
                        && dropped.find()) {
                    break;
                }
                dropped = null;
                Thread.sleep(250);
            }
            assertTrue(dropped != null, "/health warns about the drops: " + health);
            assertTrue(health.startsWith("{\"status\":\"WARN\""), health);
            long droppedShown = Long.parseLong(dropped.group(1));
            assertTrue(droppedShown > 0 && droppedShown < WARM_UP + VIEWS, droppedShown + " dropped; " + summary);

            assertEquals(143, portal.terminate(Duration.ofSeconds(60)), "stopped cleanly by SIGTERM");
            long written = ((Number) AnalyticsRecordingDistributionIT.rows(
                                    portal, null, "SELECT COUNT(*) AS N FROM analytics_event")
                            .get(0)
                            .get("N"))
                    .longValue();
            long droppedStored = Long.parseLong((String) AnalyticsRecordingDistributionIT.rows(
                            portal, null, "SELECT state_value FROM analytics_state WHERE name = 'dropped'")
                    .get(0)
                    .get("STATE_VALUE"));
            System.out.println("AnalyticsFloodDistributionIT: " + written + " written, " + droppedStored
                    + " dropped (health showed " + droppedShown + ")");
            assertTrue(droppedStored >= droppedShown, "the stored count has every drop /health showed");
            assertEquals(WARM_UP + VIEWS, written + droppedStored, "each page view written or counted as dropped");
        } finally {
            portal.close();
        }
    }

    /** What a flood measured: each page view's time, the failed ones, and how long it took. */
    record Flood(long[] nanos, int failures, long elapsedNanos) {}

    /** {@code views} page views of {@code /} with the consent cookie, by {@value #THREADS} kept-alive connections. */
    private static Flood flood(RunningPortal portal, String cookie, int views) throws Exception {
        AtomicInteger failures = new AtomicInteger();
        long[] nanos = new long[views];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long t0 = System.nanoTime();
        List<Future<?>> runs = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            runs.add(pool.submit(() -> {
                try (KeepAliveClient connection = new KeepAliveClient(
                        "127.0.0.1",
                        portal.port,
                        "/",
                        "User-Agent",
                        AnalyticsRecordingDistributionIT.CHROME,
                        "Cookie",
                        cookie)) {
                    int i;
                    while ((i = next.getAndIncrement()) < views) {
                        long start = System.nanoTime();
                        try {
                            KeepAliveClient.Answer r = connection.get();
                            if (r.status() != 200 || !r.body().contains("</html>")) {
                                failures.incrementAndGet();
                            }
                        } catch (java.io.IOException e) {
                            failures.incrementAndGet();
                            connection.close();
                        }
                        nanos[i] = System.nanoTime() - start;
                    }
                }
                return null;
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }
        long elapsed = System.nanoTime() - t0;
        pool.shutdown();
        return new Flood(nanos, failures.get(), elapsed);
    }
}
