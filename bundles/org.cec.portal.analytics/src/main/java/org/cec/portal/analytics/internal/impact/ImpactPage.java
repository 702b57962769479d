package org.cec.portal.analytics.internal.impact;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.api.web.PortalWeb;
import org.cec.portal.api.web.View;
import org.cec.portal.api.web.ViewRenderer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /impact}: for the nonprofit's funders and the public, the requests per service and month
 * and the leads shared and jobs reported done per ZIP3, over the last {@value #MONTHS} months (UTC),
 * with every count under 10 suppressed ({@link ImpactTables}). The counts come from the event log only
 * ({@link ImpactCounts}); they are read at most every {@link #KEPT} and shared by all visitors. Only GET
 * (and HEAD): other methods get 405.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(ImpactPage.PATH)
public final class ImpactPage extends HttpServlet {

    static final String PATH = "/impact";

    /** The months shown, the current one included. */
    static final int MONTHS = 12;

    /** How long counts read are shown before they are read again. */
    static final Duration KEPT = Duration.ofSeconds(10);

    private static final long serialVersionUID = 1L;
    private static final String TITLE = "%analytics.impact.title";

    private final transient ModuleDatabase db;
    private final transient ViewRenderer views;
    private final transient ServiceNames services;
    private final transient Clock clock;
    private transient volatile Read last;

    private record Read(Instant at, YearMonth to, List<ImpactStore.Count> counts) {}

    @Activate
    public ImpactPage(
            @Reference(target = "(" + ModuleDatabase.MODULE_PROPERTY + "=analytics)") ModuleDatabase db,
            @Reference ViewRenderer views,
            @Reference ServiceNames services) {
        this(db, views, services, Clock.systemUTC());
    }

    ImpactPage(ModuleDatabase db, ViewRenderer views, ServiceNames services, Clock clock) {
        this.db = db;
        this.views = views;
        this.services = services;
        this.clock = clock;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Locale locale = Languages.of(request);
        views.render(request, response, View.of("analytics/impact/impact.ftlh", TITLE, model(locale)));
    }

    Map<String, Object> model(Locale locale) {
        Read read = counts();
        YearMonth to = read.to();
        YearMonth from = to.minusMonths(MONTHS - 1L);
        DateTimeFormatter months =
                DateTimeFormatter.ofPattern("es".equals(locale.getLanguage()) ? "MMMM 'de' yyyy" : "MMMM yyyy", locale);
        Map<String, Object> model = new HashMap<>();
        model.put("threshold", ImpactTables.THRESHOLD);
        model.put("from", months.format(from));
        model.put("to", months.format(to));
        model.put(
                "requests",
                ImpactTables.requests(read.counts(), from, to, services.labels(locale), m -> months.format(m)));
        model.put("zips", ImpactTables.byZip3(read.counts(), from, to));
        return model;
    }

    private Read counts() {
        Instant now = clock.instant();
        Read kept = last;
        if (kept != null && kept.at().plus(KEPT).isAfter(now) && !kept.at().isAfter(now)) {
            return kept;
        }
        YearMonth to = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        List<ImpactStore.Count> counts =
                db.read(em -> new ImpactStore(em.unwrap(Connection.class)).counts(to.minusMonths(MONTHS - 1L), to));
        Read fresh = new Read(now, to, counts);
        last = fresh;
        return fresh;
    }
}
