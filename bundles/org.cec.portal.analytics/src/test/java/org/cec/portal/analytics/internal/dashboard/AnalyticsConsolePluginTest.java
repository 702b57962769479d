package org.cec.portal.analytics.internal.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.cec.portal.testing.ConsoleTestRenderer;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The page and the CSV downloads as the plugin renders them with the console renderer's Freemarker
 * settings: markup from visitors' requests escaped, accessible tables, no inline script or style,
 * CSV with its headers, a bad range or table a 400 with the reason.
 */
class AnalyticsConsolePluginTest {

    private static final String ROOT = "/system/console/analytics";
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String IMG = "\"><img src=x onerror=alert(1)>";

    private ModuleTestDatabase db;
    private AnalyticsConsolePlugin plugin;

    /** What a response got. */
    private static final class Answer {
        final StringWriter body = new StringWriter();
        final Map<String, String> headers = new HashMap<>();
        int status = 200;
        String contentType;
    }

    @BeforeEach
    void start() throws Exception {
        db = ModuleTestDatabase.create("h2", "analytics");
        Rollups.add(db, "2026-03-01", "pageviews", "", 10, 7);
        Rollups.add(db, "2026-03-02", "pageviews", "", 20, 11);
        Rollups.add(db, "2026-03-01", "referrers", SCRIPT, 3, 2);
        Rollups.add(db, "2026-03-01", "utm-campaign", IMG, 2, 1);
        Rollups.add(db, "2026-03-01", "utm-source", "=HYPERLINK(\"http://evil.example\")", 1, 1);
        Rollups.add(db, "2026-03-02", "pages", "/", 12, 8);
        plugin = new AnalyticsConsolePlugin(
                new Dashboard(db),
                new ConsoleTestRenderer(AnalyticsConsolePlugin.class),
                Clock.fixed(Instant.parse("2026-03-02T12:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() throws Exception {
        db.close();
    }

    private static HttpServletRequest request(String... params) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        for (int i = 0; i < params.length; i += 2) {
            when(request.getParameter(params[i])).thenReturn(params[i + 1]);
        }
        when(request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT)).thenReturn(ROOT);
        when(request.getMethod()).thenReturn("GET");
        return request;
    }

    private static HttpServletResponse response(Answer answer) throws Exception {
        HttpServletResponse response = mock(HttpServletResponse.class);
        when(response.getWriter()).thenReturn(new PrintWriter(answer.body));
        doAnswer(i -> answer.status = i.getArgument(0)).when(response).setStatus(anyInt());
        doAnswer(i -> answer.headers.put(i.getArgument(0), i.getArgument(1)))
                .when(response)
                .setHeader(org.mockito.ArgumentMatchers.anyString(), org.mockito.ArgumentMatchers.anyString());
        doAnswer(i -> answer.contentType = i.getArgument(0))
                .when(response)
                .setContentType(org.mockito.ArgumentMatchers.anyString());
        return response;
    }

    private Answer page(String... params) throws Exception {
        Answer answer = new Answer();
        plugin.renderContent(request(params), response(answer));
        return answer;
    }

    private Answer csv(String... params) throws Exception {
        Answer answer = new Answer();
        plugin.doGet(request(params), response(answer));
        return answer;
    }

    @Test
    void markupFromVisitorsIsShownEscaped() throws Exception {
        Answer answer = page("range", "week");
        String html = answer.body.toString();
        assertEquals(200, answer.status);
        assertTrue(html.contains("<th scope=\"row\">&lt;script&gt;alert(1)&lt;/script&gt;</th>"), html);
        assertTrue(html.contains("<th scope=\"row\">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</th>"), html);
        assertFalse(html.contains(SCRIPT), "no script from a referrer");
        assertFalse(html.contains("<img"), "no element from a UTM value");
    }

    @Test
    void eachChartIsFollowedByItsNumbersInAnAccessibleTableAndNothingIsInline() throws Exception {
        String html = page("range", "custom", "from", "2026-03-01", "to", "2026-03-02")
                .body
                .toString();
        assertTrue(
                html.contains(
                        "<figure class=\"analytics-chart\" data-chart=\"line\" data-table=\"analytics-visitors-data\">"),
                html);
        assertTrue(html.contains("<canvas role=\"img\" aria-label=\"Chart: Visitors and page views per day."), html);
        assertTrue(html.contains("<caption>Visitors and page views per day, 2026-03-01 to 2026-03-02</caption>"), html);
        assertTrue(html.contains("<th scope=\"col\">Page views</th>"), html);
        assertTrue(
                html.contains(
                        "<tr><th scope=\"row\">2026-03-02</th><td data-value=\"20\">20</td><td data-value=\"11\">11</td></tr>"),
                html);
        assertTrue(html.contains("<script src=\"" + ROOT + "/res/chart.umd-4.4.1.js\" defer></script>"), html);
        assertTrue(html.contains("<script src=\"" + ROOT + "/res/analytics/dashboard.js\" defer></script>"), html);
        assertTrue(
                html.contains("href=\"" + ROOT
                        + "?format=csv&amp;table=pages&amp;range=custom&amp;from=2026-03-01&amp;to=2026-03-02\""),
                html);
        Matcher script = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(html);
        assertFalse(script.find(), "no inline script");
        assertFalse(Pattern.compile("<[^>]*\\sstyle\\s*=").matcher(html).find(), "no style attribute");
        assertFalse(Pattern.compile("<[^>]*\\son[a-z]+\\s*=").matcher(html).find(), "no event handler attribute");
        assertFalse(html.contains("<style"), "no style element");
        assertTrue(html.contains("id=\"analytics-retention\">Last retention run: retention has not run yet."), html);
    }

    @Test
    void aBadRangeIsA400WithTheReasonAndTheFormAgain() throws Exception {
        Answer answer = page("range", "custom", "from", "2026-03-05", "to", "2026-03-01");
        assertEquals(400, answer.status);
        String html = answer.body.toString();
        assertTrue(
                html.contains(
                        "role=\"alert\">The date range was not accepted: from (2026-03-05) must not be after to (2026-03-01).</p>"),
                html);
        assertTrue(html.contains("value=\"2026-03-05\""), "what was typed is kept");
        assertFalse(html.contains("<table"), html);
        Answer typed = page("range", "custom", "from", SCRIPT);
        assertEquals(400, typed.status);
        assertTrue(
                typed.body.toString().contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""),
                typed.body.toString());
        assertFalse(typed.body.toString().contains(SCRIPT));
    }

    @Test
    void everyTableDownloadsAsCsvFormulasMadeText() throws Exception {
        Answer answer = csv("format", "csv", "table", "visitors", "from", "2026-03-01", "to", "2026-03-02");
        assertEquals("text/csv; charset=UTF-8", answer.contentType);
        assertEquals(
                "attachment; filename=\"analytics-visitors-2026-03-01-2026-03-02.csv\"",
                answer.headers.get("Content-Disposition"));
        assertEquals(
                "Day,Page views,Visitors that day\r\n2026-03-01,10,7\r\n2026-03-02,20,11\r\n", answer.body.toString());
        String sources =
                csv("format", "csv", "table", "sources", "range", "week").body.toString();
        assertEquals(
                "Source,Page views,Daily visitors summed\r\n\"'=HYPERLINK(\"\"http://evil.example\"\")\",1,1\r\n",
                sources);
        String referrers =
                csv("format", "csv", "table", "referrers", "range", "week").body.toString();
        assertTrue(referrers.contains("\r\n" + SCRIPT + ",3,2\r\n"), "CSV carries the value as text: " + referrers);
        for (String id : Dashboard.ids()) {
            Answer each = csv("format", "csv", "table", id, "range", "year");
            assertEquals(200, each.status, id);
            assertNotNull(each.headers.get("Content-Disposition"), id);
        }
    }

    @Test
    void aBadCsvRequestIsA400WithTheReason() throws Exception {
        Answer table = csv("format", "csv", "table", "secrets", "range", "week");
        assertEquals(400, table.status);
        assertEquals("text/plain; charset=UTF-8", table.contentType);
        assertTrue(
                table.body.toString().startsWith("table must be one of visitors, pages, referrers"),
                table.body.toString());
        assertNull(table.headers.get("Content-Disposition"));
        Answer range = csv("format", "csv", "table", "pages", "range", "custom", "from", "2026-13-01");
        assertEquals(400, range.status);
        assertTrue(range.body.toString().startsWith("from must be a date like 2026-01-31"), range.body.toString());
        assertEquals("from must be a date like 2026-01-31 (year-month-day).\n", range.body.toString());
    }

    @Test
    void thePageSpeaksTheStaffMembersLanguageWithoutARawKey() throws Exception {
        String es = page("range", "week", "lang", "es").body.toString();
        assertTrue(es.startsWith("<div id=\"analytics-page\" lang=\"es\">"), es);
        assertTrue(es.contains("<legend>Rango de fechas</legend>"), es);
        assertTrue(es.contains("<option value=\"week\" selected>7 días</option>"), es);
        assertTrue(es.contains("<h3 id=\"analytics-visitors-title\">Visitantes y páginas vistas por día</h3>"), es);
        assertTrue(
                es.contains("<caption>Visitantes y páginas vistas por día, del 2026-02-24 al 2026-03-02</caption>"),
                es);
        assertTrue(es.contains("aria-label=\"Gráfico: Visitantes y páginas vistas por día."), es);
        assertTrue(es.contains("<th scope=\"col\">Páginas vistas</th>"), "a chart's series are named by the headings");
        assertTrue(es.contains("<th scope=\"col\" class=\"analytics-summed\">Visitantes diarios sumados</th>"), es);
        assertTrue(es.contains("Descargar «Páginas más vistas» como CSV</a>"), es);
        assertTrue(es.contains("Nada en este periodo."), es);
        assertTrue(es.contains("Última ejecución de la retención: la retención todavía no se ha ejecutado."), es);
        assertTrue(es.contains("(7 días)."), es);
        assertFalse(es.contains("console."), es);
        String en = page("range", "week").body.toString();
        assertTrue(en.startsWith("<div id=\"analytics-page\" lang=\"en\">"), en);
        assertTrue(en.contains("Download “Top pages” as CSV</a>"), en);
        assertTrue(en.contains("<th scope=\"col\" class=\"analytics-summed\">Daily visitors summed</th>"), en);
        assertTrue(en.contains("Days without page views show 0. Visitors are counted per day"), en);
        assertTrue(en.contains("so a visitor who came on two days counts twice.</p>"), en);
        assertFalse(en.contains("console."), en);

        Answer bad = page("range", "custom", "from", "2000-01-01", "to", "2026-01-01", "lang", "es");
        assertEquals(400, bad.status);
        assertTrue(
                bad.body
                        .toString()
                        .contains(
                                "role=\"alert\">No se aceptó el periodo: Un periodo puede abarcar como máximo 3660 días;"
                                        + " este abarca 9498.</p>"),
                bad.body.toString());
        Answer csv = csv("format", "csv", "table", "secrets", "range", "week", "lang", "es");
        assertEquals(400, csv.status);
        assertEquals("text/plain; charset=UTF-8", csv.contentType);
        assertEquals("es", csv.headers.get("Content-Language"));
        assertTrue(
                csv.body.toString().startsWith("table debe ser uno de visitors, pages, referrers"),
                csv.body.toString());
        assertFalse(csv.body.toString().contains("console."), csv.body.toString());
        String header = csv("format", "csv", "table", "visitors", "range", "week", "lang", "es")
                .body
                .toString();
        assertTrue(header.startsWith("Day,Page views,Visitors that day\r\n"), "the CSV file keeps its English names");
    }

    @Test
    void servesOnlyTheChartLibraryItsScriptAndStylesheet() {
        assertNotNull(plugin.getResource("/analytics/res/chart.umd-4.4.1.js"));
        assertNotNull(plugin.getResource("/analytics/res/analytics/dashboard.js"));
        assertNotNull(plugin.getResource("/analytics/res/analytics/dashboard.css"));
        assertNotNull(plugin.getResource("/analytics/res/chart.js-LICENSE.md"));
        assertNull(plugin.getResource("/analytics/res/../templates/analytics/console/analytics.ftlh"));
        assertNull(plugin.getResource("/analytics/res/db/migration/V1__analytics_events.sql"));
        assertNull(plugin.getResource("/analytics"));
    }
}
