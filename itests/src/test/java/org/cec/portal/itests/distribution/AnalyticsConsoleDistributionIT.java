package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The console page "Analytics" of the distribution over real HTTP with the first admin's
 * credentials, on rollups of March 2026 written into the portal's H2 database while it was stopped
 * (as the rollups would have left them, spoofed referrer and UTM values with markup included): the
 * page answers under a Content-Security-Policy without 'unsafe-inline', Chart.js and our script and
 * stylesheet load from the bundle with their content types, the numbers are on the page and in the
 * CSV downloads, markup is escaped, a bad range or table is a 400 with the reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsConsoleDistributionIT {

    static final String PAGE = "/system/console/analytics";
    static final String MARCH = AnalyticsPortal.MARCH;
    static final String SCRIPT = AnalyticsPortal.SCRIPT;
    static final String IMG = AnalyticsPortal.IMG;

    private RunningPortal portal;
    private String admin;

    @BeforeAll
    void startSeedAndRestart() throws Exception {
        portal = AnalyticsPortal.startWithMarch("analytics-console");
        admin = portal.adminAuthorization();
    }

    @AfterAll
    void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void thePageAnswersUnderAPolicyWithoutUnsafeInlineAndShowsTheNumbersEscaped() throws Exception {
        HttpResponse<String> page = get(PAGE + "?" + MARCH);
        assertEquals(200, page.statusCode(), page.body());
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'"), csp);
        assertTrue(csp.contains("style-src 'self'"), csp);
        assertFalse(csp.contains("unsafe-inline"), csp);
        String html = page.body();
        assertTrue(html.contains("<script src=\"" + PAGE + "/res/chart.umd-4.4.1.js\" defer></script>"), html);
        assertTrue(html.contains("<script src=\"" + PAGE + "/res/analytics/dashboard.js\" defer></script>"), html);
        assertTrue(
                html.contains("<tr><th scope=\"row\">2026-03-05</th><td data-value=\"105\">105</td>"
                        + "<td data-value=\"55\">55</td></tr>"),
                html);
        assertTrue(
                html.contains("<th scope=\"row\">/</th><td data-value=\"320\">320</td><td data-value=\"210\">210</td>"),
                html);
        assertTrue(html.contains("<th scope=\"row\">&lt;script&gt;alert(1)&lt;/script&gt;</th>"), html);
        assertTrue(html.contains("<th scope=\"row\">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</th>"), html);
        assertFalse(html.contains(SCRIPT), "the spoofed referrer is not markup");
        assertFalse(html.contains("<img src=x"), "the spoofed campaign is not markup");
        assertTrue(
                html.contains("Last retention run: <strong>2026-03-31: 0 raw events and 0 rollups deleted</strong>"),
                html);
        assertTrue(html.contains("(counter): <strong>12</strong>"), html);
        // the policy's hashes cover the console's own inline scripts only: ours are files
        assertFalse(
                Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>\\s*[^<\\s]", Pattern.CASE_INSENSITIVE)
                        .matcher(section(html))
                        .find(),
                "no inline script in the plugin's content");
    }

    @Test
    void theChartLibraryOurScriptAndStylesheetLoadFromTheBundle() throws Exception {
        HttpResponse<String> chart = get(PAGE + "/res/chart.umd-4.4.1.js");
        assertEquals(200, chart.statusCode());
        assertTrue(contentType(chart).contains("javascript"), contentType(chart));
        assertTrue(chart.body().contains("Chart.js v4.4.1"), "the WebJar's Chart.js");
        HttpResponse<String> script = get(PAGE + "/res/analytics/dashboard.js");
        assertEquals(200, script.statusCode());
        assertTrue(contentType(script).contains("javascript"), contentType(script));
        assertTrue(script.body().contains("figure.analytics-chart[data-table]"), script.body());
        HttpResponse<String> style = get(PAGE + "/res/analytics/dashboard.css");
        assertEquals(200, style.statusCode());
        assertTrue(contentType(style).startsWith("text/css"), contentType(style));
        assertEquals(
                "nosniff", chart.headers().firstValue("X-Content-Type-Options").orElse(""));
        HttpResponse<String> other = get(PAGE + "/res/templates/analytics/console/analytics.ftlh");
        assertFalse(other.body().contains("<#--"), "nothing else of the bundle is served");
        HttpResponse<String> anonymous =
                portal.send(HttpRequest.newBuilder(portal.uri(PAGE + "/res/analytics/dashboard.js")));
        Http.assertSentToSignIn(anonymous, "the console's resources need signing in too");
    }

    @Test
    void everyTableDownloadsAsCsvWithItsNumbersFormulasMadeText() throws Exception {
        HttpResponse<String> visitors = get(PAGE + "?format=csv&table=visitors&" + MARCH);
        assertEquals(200, visitors.statusCode(), visitors.body());
        assertTrue(contentType(visitors).startsWith("text/csv"), contentType(visitors));
        assertEquals(
                "attachment; filename=\"analytics-visitors-2026-03-01-2026-03-31.csv\"",
                visitors.headers().firstValue("Content-Disposition").orElse(""));
        List<String> lines = Arrays.asList(visitors.body().split("\r\n"));
        assertEquals("Day,Page views,Visitors that day", lines.get(0));
        assertEquals(32, lines.size(), visitors.body());
        long pageViews = lines.subList(1, lines.size()).stream()
                .mapToLong(l -> Long.parseLong(l.split(",")[1]))
                .sum();
        assertEquals(31 * 100 + 31 * 32 / 2, pageViews, "the sum of the days");

        String sources = get(PAGE + "?format=csv&table=sources&" + MARCH).body();
        assertTrue(sources.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",2,2"), sources);
        String referrers = get(PAGE + "?format=csv&table=referrers&" + MARCH).body();
        assertEquals(
                "Referrer host,Page views,Daily visitors summed\r\nsearch.example,40,30\r\n" + SCRIPT + ",5,3\r\n",
                referrers);
        String consent = get(PAGE + "?format=csv&table=consent&" + MARCH).body();
        assertTrue(consent.startsWith("Day,analytics:granted,analytics:refused\r\n"), consent);
        assertTrue(consent.contains("\r\n2026-03-08,9,0\r\n2026-03-09,0,4\r\n"), consent);

        // every CSV link of the page answers
        String html = get(PAGE + "?" + MARCH).body();
        Matcher link = Pattern.compile("href=\"(" + Pattern.quote(PAGE) + "\\?format=csv[^\"]+)\"")
                .matcher(html);
        int links = 0;
        while (link.find()) {
            HttpResponse<String> csv = get(link.group(1).replace("&amp;", "&"));
            assertEquals(200, csv.statusCode(), link.group(1));
            assertTrue(contentType(csv).startsWith("text/csv"), link.group(1));
            links++;
        }
        assertEquals(19, links, "one per table");
    }

    @Test
    void aBadRangeOrTableIsA400WithTheReason() throws Exception {
        assertRefused(get(PAGE + "?range=custom&from=2026-03-31&to=2026-03-01"), "must not be after to");
        assertRefused(get(PAGE + "?range=custom&from=31.03.2026"), "from must be a date like 2026-01-31");
        assertRefused(get(PAGE + "?range=decade"), "range must be one of day, week, month, year or custom");
        assertRefused(get(PAGE + "?range=custom&from=1900-01-01&to=2026-01-01"), "at most 3660 days");
        HttpResponse<String> typed =
                get(PAGE + "?range=custom&from=" + URLEncoder.encode(SCRIPT, StandardCharsets.UTF_8));
        assertRefused(typed, "from must be a date");
        assertFalse(typed.body().contains(SCRIPT), "what was typed is shown escaped");
        assertRefused(get(PAGE + "?format=csv&table=visitors&range=custom&from=2026-02-30"), "from must be a date");
        assertRefused(get(PAGE + "?format=csv&table=passwords&" + MARCH), "table must be one of visitors, pages");
    }

    private static String section(String html) {
        int start = html.indexOf("<div class=\"analytics\">");
        assertTrue(start >= 0, html);
        return html.substring(start);
    }

    private static String contentType(HttpResponse<?> r) {
        return r.headers().firstValue("Content-Type").orElse("");
    }

    private static void assertRefused(HttpResponse<String> r, String reason) {
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains(reason), reason + " in " + r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), r.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return portal.send(HttpRequest.newBuilder(portal.uri(path)).header("Authorization", admin));
    }
}
