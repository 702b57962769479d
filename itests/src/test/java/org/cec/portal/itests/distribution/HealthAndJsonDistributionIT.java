package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 §1, §2 and the /health finding of §12 against the running distribution: {@code /health}
 * tells the truth while the portal starts (503 STARTING, never 200 before every module's pages answer and
 * the database check is there), {@code /health/live}, anonymous callers get no details, and malformed
 * JSON bodies to {@code POST /api/v1/requests} get a quick 400 with a reason, never a 500.
 */
class HealthAndJsonDistributionIT {

    private static RunningPortal portal;
    private static final List<String> observed = new ArrayList<>();
    private static String violation;

    /** Starts the portal and polls /health from its first answer until it is 200, noting every answer. */
    @BeforeAll
    static void startAndWatch() throws Exception {
        // Bodies up to 2 MB reach the JSON reader, so that its own limits answer, not the body size limit.
        portal = RunningPortal.startWithoutWaiting(
                "health-json",
                home -> Files.writeString(
                        home.resolve("etc/org.cec.portal.intake.cfg.json"), "{\"maxBodyBytes:Integer\": 2000000}"));
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> health;
            try {
                health = portal.get("/health");
            } catch (IOException notListening) {
                Thread.sleep(2); // often: the first answer after Jetty opens its port is the one that matters
                continue;
            }
            int status = health.statusCode();
            String seen = status + (health.body().contains("\"STARTING\"") ? " STARTING" : "");
            if (observed.isEmpty() || !observed.get(observed.size() - 1).equals(seen)) {
                observed.add(seen); // each answer once per run of equal answers: the message stays short
            }
            if (health.headers().firstValue("X-Content-Type-Options").isEmpty()) {
                violation = "/health answered " + status + " without the security headers: " + health.headers();
                return;
            }
            if (status == 200) {
                if (!health.body().contains("\"name\":\"Database\"")) {
                    violation = "/health 200 without the database check: " + health.body();
                    return;
                }
                violation = firstPageNotServed();
                return;
            }
            if (status != 503) {
                // From the moment Jetty listens: never the 404 of a /health not registered yet.
                violation = "/health answered " + status + " while starting: " + health.body();
                return;
            }
            if (!health.body().startsWith("{\"status\":\"STARTING\"")) {
                violation = "503 that is not STARTING while starting: " + health.body();
                return;
            }
            Thread.sleep(20);
        }
        violation = "/health never answered 200 in 90 s:\n" + portal.diagnostics();
    }

    /**
     * In the moment {@code /health} first says 200, every module's pages and APIs answer as they will
     * (never the 404 or 405 of a servlet not registered yet): null, or which one does not.
     */
    private static String firstPageNotServed() throws IOException, InterruptedException {
        Map<String, Integer> pages = new LinkedHashMap<>();
        pages.put("/request", 200);
        pages.put("/contractors?zip=97201", 200);
        pages.put("/api/v1/contractors?zip=97201", 200);
        pages.put("/privacy", 200);
        pages.put("/impact", 200);
        pages.put("/health/live", 200);
        for (Map.Entry<String, Integer> page : pages.entrySet()) {
            int answer = portal.get(page.getKey()).statusCode();
            if (answer != page.getValue()) {
                return "/health 200 while " + page.getKey() + " answers " + answer;
            }
        }
        HttpResponse<String> post = portal.send(HttpRequest.newBuilder(portal.uri("/api/v1/requests"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        return post.statusCode() == 400
                ? null
                : "/health 200 while POST /api/v1/requests answers " + post.statusCode() + ": " + post.body();
    }

    @AfterAll
    static void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void healthSaysStartingUntilEveryModulesPagesAndTheDatabaseAreThere() {
        assertEquals(null, violation, "observed: " + observed);
        assertTrue(observed.contains("503 STARTING"), "STARTING seen while starting: " + observed);
    }

    @Test
    void liveAnswersAndAnonymousHealthHasNoDetails() throws Exception {
        HttpResponse<String> live = portal.get("/health/live");
        assertEquals(200, live.statusCode(), live.body());
        HttpResponse<String> health = portal.get("/health");
        assertEquals(200, health.statusCode(), health.body());
        String body = health.body();
        assertTrue(body.contains("\"name\":\"Database\""), body);
        assertFalse(body.contains("jdbc:"), "no JDBC URL for anonymous callers: " + body);
        assertFalse(body.contains("messages"), body);
        assertFalse(Pattern.compile("\\d+\\.\\d+\\.\\d+").matcher(body).find(), "no version strings: " + body);
        assertFalse(body.contains(portal.dataDir.toString()), "no paths: " + body);
    }

    @Test
    void malformedJsonBodiesGetAQuick400WithAReason() throws Exception {
        Map<String, byte[]> table = new LinkedHashMap<>();
        table.put("\\u-001 escape", utf8("{\"name\":\"\\u-001\"}"));
        table.put("\\u-001 in a member name", utf8("{\"\\u-001\":\"x\"}"));
        table.put("10,000 levels of nesting", utf8("[".repeat(10_000) + "]".repeat(10_000)));
        table.put("10,000 levels of objects", utf8("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)));
        table.put("100,000-digit number", utf8("{\"name\":" + "9".repeat(100_000) + "}"));
        table.put("100,000-digit fraction", utf8("{\"sections\":{\"x\":{\"y\":0." + "1".repeat(100_000) + "}}}"));
        table.put("duplicate members", utf8("{\"name\":\"Ada\",\"name\":\"Bob\"}"));
        ByteArrayOutputStream invalid = new ByteArrayOutputStream();
        invalid.writeBytes(utf8("{\"name\":\""));
        invalid.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        invalid.writeBytes(utf8("\"}"));
        table.put("invalid UTF-8", invalid.toByteArray());
        table.put("1 MB string", utf8("{\"name\":\"" + "x".repeat(1_000_000) + "\"}"));
        StringBuilder members = new StringBuilder("{\"sections\":{\"x\":{");
        for (int i = 0; i < 5_000; i++) {
            members.append(i == 0 ? "" : ",").append("\"q").append(i).append("\":1");
        }
        table.put("5,000 members", utf8(members.append("}}}").toString()));
        table.put("text after the value", utf8("{} {}"));
        table.put("not JSON", utf8("name=Ada"));

        for (Map.Entry<String, byte[]> row : table.entrySet()) {
            HttpResponse<String> r = portal.send(HttpRequest.newBuilder(portal.uri("/api/v1/requests"))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(row.getValue())));
            assertEquals(400, r.statusCode(), row.getKey() + ": " + r.body());
            assertTrue(r.body().startsWith("{\"error\":\""), row.getKey() + ": " + r.body());
            assertTrue(r.body().length() < 400, row.getKey() + ": a short reason: " + r.body());
        }
        String log = portal.output();
        assertFalse(log.contains("\n\tat "), "no stack trace in the log:\n" + log);
    }

    /** Issue 10 §1: no JSON is written by string concatenation, and no JSON parser of our own is left. */
    @Test
    void noHandWrittenJsonLeftInTheBundles() throws IOException {
        Path bundles = Path.of(System.getProperty("portal.bundles.src", "../bundles"));
        Pattern concatenated = Pattern.compile("\"\\[?\\{\\\\\"");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(bundles)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/"))
                    .toList()) {
                String name = f.getFileName().toString();
                if (name.equals("Json.java") || name.equals("JsonReader.java")) {
                    found.add(f + ": a JSON parser or writer of our own");
                }
                String text = Files.readString(f);
                if (concatenated.matcher(text).find()) {
                    found.add(f + ": JSON in a string literal");
                }
            }
        }
        assertTrue(
                Files.isDirectory(bundles.resolve("org.cec.portal.web")),
                bundles.toAbsolutePath().toString());
        assertEquals(List.of(), found);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
