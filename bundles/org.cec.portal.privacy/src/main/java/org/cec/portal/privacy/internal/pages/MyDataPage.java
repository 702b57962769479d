package org.cec.portal.privacy.internal.pages;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.audit.AuditEntry;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.api.i18n.Messages;
import org.cec.portal.api.i18n.Translations;
import org.cec.portal.api.web.PortalWeb;
import org.cec.portal.api.web.View;
import org.cec.portal.api.web.ViewRenderer;
import org.cec.portal.privacy.internal.data.Access;
import org.cec.portal.privacy.internal.data.Erasure;
import org.cec.portal.privacy.internal.data.PersonalData;
import org.cec.portal.privacy.internal.data.PersonalData.Area;
import org.cec.portal.privacy.internal.pages.LinkPath.What;
import org.cec.portal.privacy.internal.requests.MyDataLinks;
import org.cec.portal.privacy.internal.requests.MyDataLinks.Link;
import org.cec.portal.privacy.internal.requests.RequestLog;
import org.cec.portal.privacy.internal.requests.RequestLog.Row;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a person's link opens: {@code /privacy/my-data/<token>} lists everything every module holds
 * about them, {@code <token>.json} downloads it as one document, and a form posting to {@code
 * <token>/erase} (with the checkbox {@code confirm} and {@code _csrf}) erases it through every module and
 * asks each contractor who had received it to delete it too. Each view, download and erasure is written
 * to the audit log (actor {@value #ACTOR}, the request's id, never the person).
 *
 * <p>A forged, altered or malformed link gets a kind 404 page; an expired one, or one whose data was
 * erased, a kind 410 page that offers a new link. Pages are {@code no-store} and send no referrer.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(MyDataPage.PATTERN)
public final class MyDataPage extends HttpServlet {

    static final String PATTERN = "/privacy/my-data/*";

    /** The audit log's actor of what a person does with their own data. */
    static final String ACTOR = "self-service";

    static final String MODULE = "privacy";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MyDataPage.class);

    private final transient ModuleDatabase db;
    private final transient MyDataLinks links;
    private final transient PersonalData data;
    private final transient Access access;
    private final transient Erasure erasure;
    private final transient ViewRenderer views;
    private final transient Messages messages;
    private final transient AreaTexts areaTexts;
    private final transient PrivacyLimits limits;
    private final transient Clock clock;
    private final transient RequestLog log = new RequestLog();

    @Activate
    public MyDataPage(
            @Reference(target = "(cec.module=privacy)") ModuleDatabase db,
            @Reference MyDataLinks links,
            @Reference PersonalData data,
            @Reference Access access,
            @Reference Erasure erasure,
            @Reference ViewRenderer views,
            @Reference Translations translations,
            @Reference AreaTexts areaTexts,
            @Reference PrivacyLimits limits,
            BundleContext context) {
        this(
                db,
                links,
                data,
                access,
                erasure,
                views,
                translations.of(context.getBundle()),
                areaTexts,
                limits,
                Clock.systemUTC());
    }

    MyDataPage(
            ModuleDatabase db,
            MyDataLinks links,
            PersonalData data,
            Access access,
            Erasure erasure,
            ViewRenderer views,
            Messages messages,
            AreaTexts areaTexts,
            PrivacyLimits limits,
            Clock clock) {
        this.db = db;
        this.links = links;
        this.data = data;
        this.access = access;
        this.erasure = erasure;
        this.views = views;
        this.messages = messages;
        this.areaTexts = areaTexts;
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        keepPrivate(response);
        LinkPath path = LinkPath.of(request.getPathInfo());
        if (path.what() != What.PAGE && path.what() != What.JSON) {
            invalid(request, response);
            return;
        }
        Optional<Opened> opened = open(request, response, path);
        if (opened.isEmpty()) {
            return;
        }
        Opened o = opened.get();
        long id = o.row().id();
        if (path.what() == What.JSON) {
            List<Area> areas = access.export(id, o.link().email(), entry(request, AuditEntry.EXPORT, id, ""));
            StringWriter json = new StringWriter();
            DataDocument.write(json, id, clock.instant(), areas);
            byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
            response.setContentType("application/json;charset=UTF-8");
            response.setHeader("Content-Disposition", "attachment; filename=\"my-data.json\"");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return;
        }
        List<Area> areas = access.view(id, o.link().email(), entry(request, AuditEntry.VIEW, id, ""));
        Map<String, Object> model = dataModel(request, path.token(), areas);
        model.put("printable", request.getParameter("print") != null);
        views.render(request, response, View.of("privacy/data.ftlh", "%privacy.data.title", model));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        keepPrivate(response);
        LinkPath path = LinkPath.of(request.getPathInfo());
        if (path.what() != What.ERASE) {
            invalid(request, response);
            return;
        }
        Optional<Opened> opened = open(request, response, path);
        if (opened.isEmpty()) {
            return;
        }
        Opened o = opened.get();
        if (!"yes".equals(request.getParameter("confirm"))) {
            Map<String, Object> model =
                    dataModel(request, path.token(), data.export(o.link().email()));
            model.put("printable", false);
            model.put("confirmError", "privacy.erase.error.confirm");
            views.render(request, response, new View("privacy/data.ftlh", "%privacy.data.title", model, 400));
            return;
        }
        Erasure.Outcome done = erasure.run(
                o.row().id(),
                o.link().email(),
                entry(request, AuditEntry.DELETE, o.row().id(), ""));
        Map<String, Object> model = new HashMap<>();
        DataModel m = dataModel(request);
        model.put("erased", m.erased(done.erased()));
        model.put("complete", done.complete());
        model.put("contractorsAsked", done.contractorsAsked());
        model.put("retryUrl", LinkPath.page(path.token()));
        views.render(
                request,
                response,
                new View("privacy/erased.ftlh", "%privacy.erased.title", model, done.complete() ? 200 : 503));
    }

    /** The link's request, or empty once a kind refusal was answered. */
    private Optional<Opened> open(HttpServletRequest request, HttpServletResponse response, LinkPath path)
            throws IOException {
        String client = request.getRemoteAddr();
        Duration wait = limits.invalidWait(client);
        if (!wait.isZero()) {
            response.setHeader("Retry-After", PrivacyLimits.retryAfter(wait));
            response.sendError(429);
            return Optional.empty();
        }
        Optional<Link> link = links.read(path.token());
        if (link.isEmpty()) {
            limits.invalidLink(client);
            invalid(request, response);
            return Optional.empty();
        }
        if (link.get().expired(clock.instant())) {
            refuse(request, response, "expired");
            return Optional.empty();
        }
        Optional<Row> row =
                db.read(em -> log.find(em.unwrap(Connection.class), link.get().requestId()));
        if (row.isEmpty()) {
            limits.invalidLink(client);
            invalid(request, response);
            return Optional.empty();
        }
        if (row.get().status() == RequestLog.Status.ERASED) {
            refuse(request, response, "used");
            return Optional.empty();
        }
        return Optional.of(new Opened(link.get(), row.get()));
    }

    private record Opened(Link link, Row row) {}

    private Map<String, Object> dataModel(HttpServletRequest request, String token, List<Area> areas) {
        Map<String, Object> model = new HashMap<>();
        model.put("areas", dataModel(request).areas(areas));
        model.put("empty", areas.stream().allMatch(a -> a.records().isEmpty() && !a.failed()));
        model.put("jsonUrl", LinkPath.json(token));
        model.put("printUrl", LinkPath.page(token) + "?print");
        model.put("eraseUrl", LinkPath.erase(token));
        model.put("confirmError", "");
        return model;
    }

    private DataModel dataModel(HttpServletRequest request) {
        return new DataModel(messages, areaTexts::of, Languages.of(request));
    }

    private void invalid(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LOG.debug("An invalid privacy link was used ({} {})", request.getMethod(), request.getServletPath());
        Map<String, Object> model = Map.of("reason", "invalid");
        views.render(request, response, new View("privacy/link.ftlh", "%privacy.link.invalid.title", model, 404));
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String reason) throws IOException {
        Map<String, Object> model = Map.of("reason", reason);
        views.render(
                request, response, new View("privacy/link.ftlh", "%privacy.link." + reason + ".title", model, 410));
    }

    private static AuditEntry entry(HttpServletRequest request, String action, long id, String detail) {
        return new AuditEntry(ACTOR, request.getRemoteAddr(), MODULE, action, "privacy request " + id, detail);
    }

    private static void keepPrivate(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
    }
}
