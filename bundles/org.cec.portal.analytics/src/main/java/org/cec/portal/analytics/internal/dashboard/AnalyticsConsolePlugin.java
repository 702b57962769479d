package org.cec.portal.analytics.internal.dashboard;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.net.URL;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.cec.portal.analytics.internal.dashboard.DashboardQueries.State;
import org.cec.portal.api.staff.ConsoleRoles;
import org.cec.portal.api.web.ConsoleViewRenderer;
import org.cec.portal.api.web.PageFragment;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The Web Console page "Analytics" ({@code /system/console/analytics}): a date range and, for it, the
 * charts and tables of {@link Dashboard}, each table downloadable as CSV ({@code
 * ?format=csv&table=<id>} with the same range parameters). The page only reads, so it has no form
 * that posts. A bad range is a 400 with the reason on the page (or as text for a CSV link), never a 500.
 * Every text of the page, and the reason a CSV link answers, is in {@code messages/messages*.properties}
 * ({@code console.analytics.*}) in the staff member's language; Java hands the templates message keys.
 * The CSV files themselves keep their English column names (a file format).
 *
 * <p>The charts are drawn in the browser by Chart.js (the WebJar's UMD build, carried by this bundle)
 * and our {@code res/analytics/dashboard.js}, both served by this plugin below {@code
 * /system/console/analytics/res/}: the page has no inline script or style, and each chart reads its
 * numbers from the table that follows it, so the console's Content-Security-Policy ({@code
 * script-src 'self'}, {@code style-src 'self'}, never {@code 'unsafe-inline'}) holds unchanged.
 */
@Component(
        service = jakarta.servlet.Servlet.class,
        property = {
            ServletConstants.PLUGIN_LABEL + "=" + AnalyticsConsolePlugin.LABEL,
            ServletConstants.PLUGIN_TITLE + "=Analytics",
            ServletConstants.PLUGIN_CATEGORY + "=CEC Portal",
            ConsoleRoles.PROPERTY + "=" + ConsoleRoles.ANALYST
        })
public final class AnalyticsConsolePlugin extends AbstractServlet {

    static final String LABEL = "analytics";
    static final String CHART_JS = "/res/chart.umd-4.4.1.js";
    static final String SCRIPT = "/res/analytics/dashboard.js";
    static final String STYLE = "/res/analytics/dashboard.css";
    private static final long serialVersionUID = 1L;
    private static final String TEMPLATE = "analytics/console/analytics.ftlh";
    /** The plain-text reason a CSV link answers with a 400. */
    private static final String REFUSED = "analytics/console/refused.ftl";
    /** What the plugin serves below {@code res/}: the path in the request, then the path in this bundle. */
    private static final Map<String, String> RESOURCES = Map.of(
            CHART_JS,
            "/META-INF/resources/webjars/chart.js/4.4.1/dist/chart.umd.js",
            "/res/chart.js-LICENSE.md",
            "/META-INF/resources/webjars/chart.js/4.4.1/LICENSE.md",
            SCRIPT,
            SCRIPT,
            STYLE,
            STYLE);

    private static final DateTimeFormatter STATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final transient Dashboard dashboard;
    private final transient ConsoleViewRenderer views;
    private final transient Clock clock;

    @Activate
    public AnalyticsConsolePlugin(@Reference Dashboard dashboard, @Reference ConsoleViewRenderer views) {
        this(dashboard, views, Clock.systemDefaultZone());
    }

    AnalyticsConsolePlugin(Dashboard dashboard, ConsoleViewRenderer views, Clock clock) {
        this.dashboard = dashboard;
        this.views = views;
        this.clock = clock;
    }

    /** The chart library, our script and stylesheet; nothing else of the bundle. */
    @Override
    protected URL getResource(String path) {
        int slash = path.indexOf('/', 1);
        if (slash < 0) {
            return null;
        }
        String inBundle = RESOURCES.get(path.substring(slash));
        return inBundle == null ? null : AnalyticsConsolePlugin.class.getResource(inBundle);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if ("csv".equals(request.getParameter("format"))) {
            csv(request, response);
            return;
        }
        super.doGet(request, response);
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> model = new HashMap<>();
        String root = pluginRoot(request);
        model.put("root", root);
        model.put("presets", DateRange.PRESETS);
        model.put("chartJs", root + CHART_JS);
        model.put("script", root + SCRIPT);
        model.put("style", root + STYLE);
        model.put(
                "form",
                Map.of("range", param(request, "range"), "from", param(request, "from"), "to", param(request, "to")));
        try {
            DateRange range = range(request);
            model.put(
                    "range",
                    Map.of("from", range.from().toString(), "to", range.to().toString(), "days", range.days()));
            model.put("query", query(range));
            model.put("tables", dashboard.tables(range));
            Dashboard.Facts facts = dashboard.facts();
            model.put("dropped", describe(facts.dropped()));
            model.put("retention", describe(facts.retention()));
            model.put("reason", Map.of());
        } catch (DateRange.BadRange bad) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.put("reason", reason(bad.key(), bad.args()));
        }
        views.render(request, response, new PageFragment(TEMPLATE, model));
    }

    private void csv(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = param(request, "table");
        DateRange range;
        try {
            range = range(request);
        } catch (DateRange.BadRange bad) {
            refuse(request, response, bad.key(), bad.args());
            return;
        }
        Optional<Table> table = Dashboard.ids().contains(id) ? dashboard.table(id, range) : Optional.empty();
        if (table.isEmpty()) {
            refuse(request, response, "console.analytics.csv.table", List.of(String.join(", ", Dashboard.ids())));
            return;
        }
        response.setContentType("text/csv; charset=UTF-8");
        response.setCharacterEncoding("UTF-8");
        response.setHeader(
                "Content-Disposition",
                "attachment; filename=\"analytics-" + id + "-" + range.from() + "-" + range.to() + ".csv\"");
        setNoCache(response);
        Writer out = response.getWriter();
        CsvTables.write(table.get(), out);
        out.flush();
    }

    /** A 400 in plain text, in the staff member's language: the reason's message key and its arguments. */
    private void refuse(HttpServletRequest request, HttpServletResponse response, String key, List<String> args)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("text/plain; charset=UTF-8");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Language", views.language(request).toLanguageTag());
        views.render(request, response, new PageFragment(REFUSED, Map.of("reason", reason(key, args))));
    }

    private static Map<String, Object> reason(String key, List<String> args) {
        return Map.of("key", key, "args", args);
    }

    private DateRange range(HttpServletRequest request) throws DateRange.BadRange {
        return DateRange.parse(
                param(request, "range"), param(request, "from"), param(request, "to"), LocalDate.now(clock));
    }

    /** The query string of the range, for the CSV links. */
    private static String query(DateRange range) {
        return "range=custom&from=" + range.from() + "&to=" + range.to();
    }

    private static Map<String, Object> describe(Optional<State> state) {
        if (state.isEmpty()) {
            return Map.of("known", false);
        }
        State s = state.get();
        return Map.of(
                "known", true, "value", s.value(), "at", s.updatedAt() == null ? "" : STATE_TIME.format(s.updatedAt()));
    }

    static String param(HttpServletRequest request, String name) {
        String v = request.getParameter(name);
        if (v == null) {
            return "";
        }
        v = v.strip();
        return v.length() > 40 ? v.substring(0, 40) : v;
    }

    private static String pluginRoot(HttpServletRequest request) {
        Object root = request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT);
        return root == null ? LABEL : root.toString();
    }
}
