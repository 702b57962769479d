package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cec.portal.itests.support.PostgresSchema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14, acceptance 1 and the bots of 4, against the assembled distribution on H2 and on PostgreSQL
 * (where the rows land in their month's partition): visitors without
 * the analytics consent (none chosen, everything refused, GPC or DNT without an opt-in, also after
 * choosing analytics without the signal) and bots (with the consent) leave no row in {@code
 * analytics_event}; a consenting browser's page views are one row each, with the normalised path (no
 * token), the referrer's host (not its URL), the campaign, the device fields, the language and a
 * visitor key, and nothing of its address. The database is read after the portal stopped (which writes
 * what is buffered).
 */
class AnalyticsRecordingDistributionIT {

    static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like"
            + " Gecko) Chrome/126.0.0.0 Safari/537.36";
    static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    private static final Pattern CHOOSE = Pattern.compile("action=\"(/contractors/choose/([A-Za-z0-9_-]{43}))\"");

    /** A browser: a user agent, extra headers (GPC, DNT) and the cookies the portal sets. */
    static final class Browser {
        final RunningPortal portal;
        final String userAgent;
        final Map<String, String> headers = new LinkedHashMap<>();
        final Map<String, String> jar = new LinkedHashMap<>();

        Browser(RunningPortal portal, String userAgent) {
            this.portal = portal;
            this.userAgent = userAgent;
        }

        HttpResponse<String> get(String path, String... more) throws Exception {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(portal.uri(path)).GET();
            for (int i = 0; i < more.length; i += 2) {
                request.header(more[i], more[i + 1]);
            }
            return send(request);
        }

        HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            if (userAgent != null) {
                request.header("User-Agent", userAgent);
            }
            headers.forEach(request::header);
            if (!jar.isEmpty()) {
                StringBuilder cookies = new StringBuilder();
                jar.forEach((k, v) -> cookies.append(cookies.length() > 0 ? "; " : "")
                        .append(k)
                        .append('=')
                        .append(v));
                request.header("Cookie", cookies.toString());
            }
            HttpResponse<String> response = portal.send(request);
            for (String set : response.headers().allValues("set-cookie")) {
                String[] pair = set.split(";", 2)[0].split("=", 2);
                jar.put(pair[0], pair[1]);
            }
            return response;
        }

        /** Makes a choice on the choices page (waiting while the consent module's database starts). */
        void choose(String fields) throws Exception {
            String token = Http.csrfToken(get("/privacy/choices").body());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            HttpResponse<String> answer;
            do {
                answer = send(HttpRequest.newBuilder(portal.uri("/privacy/choices"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + token + "&" + fields)));
                if (answer.statusCode() == 503) {
                    Thread.sleep(200);
                }
            } while (answer.statusCode() == 503 && System.nanoTime() < deadline);
            assertEquals(303, answer.statusCode(), answer.body());
            assertTrue(jar.containsKey("cec_consent"), "the choice is in the consent cookie");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void onlyConsentingBrowsersAreRecordedWithoutAddressTokenOrReferrerUrl(String kind) throws Exception {
        PostgresSchema db = kind.equals("h2") ? null : PostgresSchema.create("analytics");
        RunningPortal portal = RunningPortal.start("analytics-recording-" + kind, home -> {
            if (db != null) {
                Files.writeString(home.resolve("etc/org.cec.portal.platform.database.cfg"), db.platformConfiguration());
                // the demonstration contractors (whom a request's confirmation offers) load on H2 only by default
                Files.writeString(home.resolve("etc/org.cec.portal.directory.cfg"), "demo.enabled=true\n");
            }
        });
        try {
            // a real choice link: a request submitted (by a script: no page view of its own)
            // (the demonstration contractors may still be loading: then the confirmation offers none yet)
            long loaded = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            HttpResponse<String> submitted;
            Matcher choose;
            do {
                submitted =
                        new FormVisitor(portal).submit("Ana Analytics", "ana.analytics@example.com", "1 Mission St");
                choose = CHOOSE.matcher(submitted.body());
                if (!choose.find()) {
                    choose = null;
                    Thread.sleep(1_000);
                }
            } while (choose == null && System.nanoTime() < loaded);
            assertTrue(choose != null, "the confirmation offers contractors to choose:\n" + submitted.body());
            String choosePath = choose.group(1);
            String token = choose.group(2);

            String[] pages = {"/", "/request", "/contractors?zip=94110", choosePath};

            Browser undecided = new Browser(portal, CHROME);
            Browser refused = new Browser(portal, CHROME);
            refused.choose("choice=reject-all");
            Browser gpc = new Browser(portal, CHROME);
            gpc.headers.put("Sec-GPC", "1");
            Browser dnt = new Browser(portal, CHROME);
            dnt.headers.put("DNT", "1");
            Browser laterGpc = new Browser(portal, CHROME);
            laterGpc.choose("choice=custom&analytics=yes");
            laterGpc.headers.put("Sec-GPC", "1");
            Browser laterDnt = new Browser(portal, CHROME);
            laterDnt.choose("choice=accept-all");
            laterDnt.headers.put("DNT", "1");
            for (Browser b : List.of(undecided, refused, gpc, dnt, laterGpc, laterDnt)) {
                for (String page : pages) {
                    assertEquals(200, b.get(page).statusCode(), page);
                }
            }

            // bots with the consent: a crawler, a script, ua-parser's spider, no user agent at all
            for (String ua : new String[] {
                "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                "curl/8.5.0",
                "Mozilla/5.0 (compatible; Qwantify/2.4w)",
                null // java.net.http's own user agent, and (below) none at all
            }) {
                Browser bot = new Browser(portal, ua);
                bot.choose("choice=accept-all");
                for (String page : pages) {
                    assertEquals(200, bot.get(page).statusCode(), page);
                }
                if (ua == null) {
                    for (String page : pages) {
                        assertEquals(200, getWithoutUserAgent(portal, page, bot.jar), page);
                    }
                }
            }

            // the one consenting browser: 4 page views; a 404, a redirect, an asset and JSON are none
            Browser ana = new Browser(portal, IPHONE);
            ana.choose("choice=custom&analytics=yes");
            assertEquals(
                    200,
                    ana.get(
                                    "/?utm_source=newsletter&utm_medium=email&utm_campaign=%3Cb%3Espring%3C/b%3E"
                                            + "&email=ana.analytics%40example.com",
                                    "Referer", "https://www.Example.com/search?q=ana+analytics+94110")
                            .statusCode());
            assertEquals(200, ana.get("/request?lang=es").statusCode());
            assertEquals(
                    200,
                    ana.get(choosePath, "Referer", portal.uri("/").toString()).statusCode());
            assertEquals(200, ana.get("/privacy/choices").statusCode());
            assertEquals(404, ana.get("/no-such-page").statusCode());
            assertEquals(200, ana.get("/api/v1/contractors?zip=94110").statusCode());
            assertEquals(200, ana.get("/health").statusCode());

            assertEquals(143, portal.terminate(Duration.ofSeconds(60)), "stopped cleanly by SIGTERM");
            List<Map<String, Object>> all = rows(portal, db, "SELECT * FROM analytics_event ORDER BY id");
            List<Map<String, Object>> rows =
                    all.stream().filter(r -> "page-view".equals(r.get("TYPE"))).toList();
            assertEquals(4, rows.size(), "the consenting browser's page views only:\n" + all);
            // the modules' own events of the same visits, through the AnalyticsRecorder: the form's step,
            // the 404 and the API search; nothing for /health
            assertEquals(
                    List.of("form.step", "not-found", "directory.search"),
                    all.stream()
                            .map(r -> (String) r.get("TYPE"))
                            .filter(t -> !t.equals("page-view"))
                            .toList(),
                    "module events:\n" + all);

            Map<String, Object> home = rows.get(0);
            assertEquals("page-view", home.get("TYPE"));
            assertEquals("/", home.get("PATH"));
            assertEquals("www.example.com", home.get("REFERRER_HOST"));
            assertEquals("newsletter", home.get("UTM_SOURCE"));
            assertEquals("email", home.get("UTM_MEDIUM"));
            assertEquals("<b>spring</b>", home.get("UTM_CAMPAIGN"));
            assertEquals("Mobile Safari", home.get("BROWSER"));
            assertEquals("iOS", home.get("OS"));
            assertEquals("mobile", home.get("DEVICE"));
            assertEquals("en", home.get("LANGUAGE"));
            assertNull(home.get("DIMENSIONS"));
            assertNotNull(home.get("EVENT_DAY"));
            assertNotNull(home.get("OCCURRED_AT"));
            String key = (String) home.get("VISITOR_KEY");
            assertTrue(key != null && key.matches("[0-9a-f]{32}"), "a visitor key: " + key);

            assertEquals("/request", rows.get(1).get("PATH"));
            assertEquals("es", rows.get(1).get("LANGUAGE"), "the page's language");
            assertEquals("/contractors/choose/{token}", rows.get(2).get("PATH"));
            assertNull(rows.get(2).get("REFERRER_HOST"), "the portal itself is no referrer");
            assertEquals("/privacy/choices", rows.get(3).get("PATH"));
            for (Map<String, Object> row : all) {
                assertEquals(key, row.get("VISITOR_KEY"), "one visitor, one key within the day");
                String stored = row.toString();
                for (String never :
                        new String[] {"127.0.0.1", token, "ana", "search?q", "94110", "Safari/604.1", "iPhone OS"}) {
                    assertFalse(stored.contains(never), "'" + never + "' is stored: " + stored);
                }
            }
            List<Map<String, Object>> salts = rows(portal, db, "SELECT * FROM analytics_salt");
            assertEquals(1, salts.size(), "one salt, today's: " + salts);
            if (db != null) {
                String month = String.valueOf(home.get("EVENT_MONTH")); // 2026-12-01
                String partition = "analytics_event_" + month.substring(0, 4) + "_" + month.substring(5, 7);
                assertEquals(
                        all.size(),
                        rows(portal, db, "SELECT * FROM " + partition).size(),
                        "the rows are in their month's partition");
                assertEquals(
                        0,
                        rows(portal, db, "SELECT * FROM analytics_event_default")
                                .size());
            }
        } finally {
            portal.close();
            if (db != null) {
                db.drop();
            }
        }
    }

    /** The rows of {@code sql} in the stopped portal's H2 database, or in {@code db} (PostgreSQL). */
    static List<Map<String, Object>> rows(RunningPortal portal, PostgresSchema db, String sql) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = db != null ? db.connect() : portal.h2();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i).toUpperCase(java.util.Locale.ROOT), rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** A GET of {@code path} without any User-Agent header (which java.net.http always sends), by hand. */
    static int getWithoutUserAgent(RunningPortal portal, String path, Map<String, String> cookies) throws Exception {
        StringBuilder cookie = new StringBuilder();
        cookies.forEach((k, v) -> cookie.append(cookie.length() > 0 ? "; " : "")
                .append(k)
                .append('=')
                .append(v));
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", portal.port)) {
            socket.setSoTimeout(10_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + portal.port + "\r\nCookie: " + cookie
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(
                            socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }
}
