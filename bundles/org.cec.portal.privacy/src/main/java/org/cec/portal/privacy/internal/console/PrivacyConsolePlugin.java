package org.cec.portal.privacy.internal.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.cec.portal.api.audit.AuditEntry;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.i18n.Messages;
import org.cec.portal.api.i18n.Translations;
import org.cec.portal.api.staff.ConsoleRoles;
import org.cec.portal.api.staff.StaffMember;
import org.cec.portal.api.web.ConsoleViewRenderer;
import org.cec.portal.api.web.PageFragment;
import org.cec.portal.privacy.internal.data.Access;
import org.cec.portal.privacy.internal.data.Erasure;
import org.cec.portal.privacy.internal.data.PersonalData.Area;
import org.cec.portal.privacy.internal.pages.AreaTexts;
import org.cec.portal.privacy.internal.pages.DataDocument;
import org.cec.portal.privacy.internal.pages.DataModel;
import org.cec.portal.privacy.internal.requests.Addresses;
import org.cec.portal.privacy.internal.requests.RequestLog;
import org.cec.portal.privacy.internal.requests.RequestLog.Listed;
import org.cec.portal.privacy.internal.requests.RequestLog.Row;
import org.cec.portal.privacy.internal.retention.RetentionJob;
import org.cec.portal.privacy.internal.retention.RetentionSettings;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The Web Console page "Privacy requests" ({@code /system/console/privacy}, roles {@code staff} and
 * {@code admin}): every request, newest first, with how it came in, its status and its due date (45 days
 * after receipt; close to it or past it is marked); and, for a person who wrote or called, a request
 * opened on their behalf with the identity check noted, whose data staff see, download as JSON and
 * erase, as the person would through their link. Every view, download and erasure is in the audit log
 * under the staff member's name. The address is typed for each step and never stored with the request.
 *
 * <p>The page speaks the staff member's language: its texts are {@code console.privacy.*} of {@code
 * messages/messages*.properties}; the model hands the template their keys and arguments ({@code message}
 * and {@code messageArgs}, {@code reason} and {@code reasonArgs}), and the areas, kinds and fields of a
 * person's data are named in that language as on the person's own page.
 */
@Component(
        service = jakarta.servlet.Servlet.class,
        property = {
            ServletConstants.PLUGIN_LABEL + "=" + PrivacyConsolePlugin.LABEL,
            ServletConstants.PLUGIN_TITLE + "=Privacy requests",
            ServletConstants.PLUGIN_CATEGORY + "=CEC Portal",
            ConsoleRoles.PROPERTY + "=" + ConsoleRoles.STAFF
        })
public final class PrivacyConsolePlugin extends AbstractServlet {

    static final String LABEL = "privacy";
    static final int LISTED = 200;

    /** A request due within this is marked "due soon". */
    static final Duration SOON = Duration.ofDays(7);

    private static final long serialVersionUID = 1L;
    private static final String TEMPLATE = "privacy/console/privacy.ftlh";
    private static final String MODEL = PrivacyConsolePlugin.class.getName() + ".model";
    private static final String MODULE = "privacy";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final transient ModuleDatabase db;
    private final transient Access access;
    private final transient Erasure erasure;
    private final transient RetentionJob retention;
    private final transient ConsoleViewRenderer views;
    private final transient Messages messages;
    private final transient AreaTexts areaTexts;
    private final transient Clock clock;
    private final transient RequestLog log = new RequestLog();

    @Activate
    public PrivacyConsolePlugin(
            @Reference(target = "(cec.module=privacy)") ModuleDatabase db,
            @Reference Access access,
            @Reference Erasure erasure,
            @Reference RetentionJob retention,
            @Reference ConsoleViewRenderer views,
            @Reference Translations translations,
            @Reference AreaTexts areaTexts,
            BundleContext context) {
        this(db, access, erasure, retention, views, translations.of(context.getBundle()), areaTexts, Clock.systemUTC());
    }

    PrivacyConsolePlugin(
            ModuleDatabase db,
            Access access,
            Erasure erasure,
            RetentionJob retention,
            ConsoleViewRenderer views,
            Messages messages,
            AreaTexts areaTexts,
            Clock clock) {
        this.db = db;
        this.access = access;
        this.erasure = erasure;
        this.retention = retention;
        this.views = views;
        this.messages = messages;
        this.areaTexts = areaTexts;
        this.clock = clock;
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> model = (Map<String, Object>) request.getAttribute(MODEL);
        if (model == null) {
            model = new HashMap<>();
        }
        model.putIfAbsent("view", "list");
        model.putIfAbsent("message", "");
        model.putIfAbsent("messageArgs", List.of());
        model.put("root", pluginRoot(request));
        model.put("requests", listed());
        model.put("retention", retentionModel());
        Object status = model.remove("status");
        if (status instanceof Integer code && !response.isCommitted()) {
            response.setStatus(code);
        }
        views.render(request, response, new PageFragment(TEMPLATE, model));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String action = param(request, "action");
        if (action.equals("retention")) {
            StaffMember who = StaffMember.signedIn(request);
            RetentionJob.Report report = retention.run(who.username(), who.address());
            Map<String, Object> model = new HashMap<>();
            message(model, "console.privacy.message.retention", report.areas().size());
            page(request, model);
            return;
        }
        Optional<String> email = Addresses.normalise(param(request, "email"));
        if (!List.of("open", "show", "export", "erase").contains(action)) {
            page(request, refused("console.privacy.refused.action"));
            return;
        }
        if (email.isEmpty()) {
            page(request, refused("console.privacy.refused.email"));
            return;
        }
        if (action.equals("open")) {
            open(request, email.get());
            return;
        }
        Optional<Row> row = staffRequest(param(request, "id"));
        if (row.isEmpty()) {
            page(request, refused("console.privacy.refused.id"));
            return;
        }
        long id = row.get().id();
        switch (action) {
            case "show" -> show(request, id, email.get(), false);
            case "export" -> export(request, response, id, email.get());
            default -> erase(request, id, email.get());
        }
    }

    private void open(HttpServletRequest request, String email) {
        String note = param(request, "identityCheck");
        if (note.isEmpty()
                || note.length() > RequestLog.MAX_NOTE
                || note.chars().anyMatch(Character::isISOControl)) {
            page(request, refused("console.privacy.refused.identityCheck", RequestLog.MAX_NOTE));
            return;
        }
        StaffMember who = StaffMember.signedIn(request);
        long id = db.inTransaction(
                em -> log.openByStaff(em.unwrap(Connection.class), who.username(), note, clock.instant()));
        show(request, id, email, true);
    }

    private void show(HttpServletRequest request, long id, String email, boolean opened) {
        List<Area> areas = access.view(id, email, entry(request, AuditEntry.VIEW, id));
        Map<String, Object> model = new HashMap<>();
        model.put("view", "person");
        if (opened) {
            message(model, "console.privacy.message.opened", id);
        }
        model.put("id", id);
        model.put("email", email);
        model.put("areas", new DataModel(messages, areaTexts::of, views.language(request)).areas(areas));
        model.put("empty", areas.stream().allMatch(a -> a.records().isEmpty() && !a.failed()));
        page(request, model);
    }

    private void export(HttpServletRequest request, HttpServletResponse response, long id, String email)
            throws IOException {
        List<Area> areas = access.export(id, email, entry(request, AuditEntry.EXPORT, id));
        StringWriter json = new StringWriter();
        DataDocument.write(json, id, clock.instant(), areas);
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"privacy-request-" + id + ".json\"");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private void erase(HttpServletRequest request, long id, String email) {
        if (!"yes".equals(param(request, "confirm"))) {
            page(request, refused("console.privacy.refused.confirm"));
            return;
        }
        Erasure.Outcome done = erasure.run(id, email, entry(request, AuditEntry.DELETE, id));
        Map<String, Object> model = new HashMap<>();
        model.put("view", "erased");
        model.put("id", id);
        model.put("erased", new DataModel(messages, areaTexts::of, views.language(request)).erased(done.erased()));
        model.put("complete", done.complete());
        model.put("contractorsAsked", done.contractorsAsked());
        if (done.complete()) {
            message(model, "console.privacy.message.erased", id, done.records());
        } else {
            message(model, "console.privacy.message.incomplete", id);
            model.put("status", HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        }
        page(request, model);
    }

    private Optional<Row> staffRequest(String id) {
        long value;
        try {
            value = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return db.read(em -> log.find(em.unwrap(Connection.class), value))
                .filter(r -> RequestLog.VIA_STAFF.equals(r.via()) && r.status() != RequestLog.Status.ERASED);
    }

    private List<Map<String, Object>> listed() {
        Instant now = clock.instant();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Listed l : db.read(em -> log.newest(em.unwrap(Connection.class), LISTED))) {
            Row r = l.row();
            boolean open = r.status() != RequestLog.Status.ERASED;
            Map<String, Object> m = new HashMap<>();
            m.put("id", r.id());
            m.put("via", r.via());
            m.put("status", r.status().value());
            m.put("received", TIME.format(r.receivedAt()));
            m.put("due", TIME.format(r.dueAt()));
            m.put(
                    "urgency",
                    !open
                            ? ""
                            : now.isAfter(r.dueAt())
                                    ? "overdue"
                                    : now.plus(SOON).isAfter(r.dueAt()) ? "soon" : "");
            m.put("openedBy", l.openedBy() == null ? "" : l.openedBy());
            m.put("identityCheck", l.identityCheck() == null ? "" : l.identityCheck());
            m.put("erased", l.erasedAt() == null ? "" : TIME.format(l.erasedAt()));
            m.put("actionable", open && RequestLog.VIA_STAFF.equals(r.via()));
            rows.add(m);
        }
        return rows;
    }

    private Map<String, Object> retentionModel() {
        Map<String, Object> m = new HashMap<>();
        m.put("next", retention.nextRun().map(TIME::format).orElse(""));
        RetentionSettings settings = retention.settings();
        m.put("problem", settings.problem());
        m.put("problemKey", settings.problemKey());
        m.put("problemArgs", settings.problemArg().isEmpty() ? List.of() : List.of(settings.problemArg()));
        List<Map<String, Object>> ages = new ArrayList<>();
        new java.util.TreeMap<>(settings.ages())
                .forEach((area, age) -> ages.add(Map.of("area", area, "age", age.toString())));
        m.put("ages", ages);
        Optional<RetentionJob.Report> last = retention.lastRun();
        m.put("lastAt", last.map(r -> TIME.format(r.at())).orElse(""));
        m.put("lastBy", last.map(RetentionJob.Report::by).orElse(""));
        List<Map<String, Object>> areas = new ArrayList<>();
        last.ifPresent(r -> r.areas().forEach(a -> {
            Map<String, Object> area = new HashMap<>();
            area.put("area", a.area());
            area.put("cutoff", a.cutoff());
            area.put("persons", a.personsErased());
            area.put("expired", a.recordsExpired());
            problem(area, a.problem());
            areas.add(area);
        }));
        m.put("lastAreas", areas);
        return m;
    }

    /** An area's problem as a text of the page ({@code problemKey}, {@code problemArgs}), else as it is. */
    private static void problem(Map<String, Object> area, String problem) {
        area.put("problem", problem);
        area.put("problemArgs", List.of());
        if (problem.equals(RetentionJob.PARTIAL)) {
            area.put("problemKey", "console.privacy.retention.problem.partial");
        } else if (problem.startsWith(RetentionJob.FAILED)) {
            area.put("problemKey", "console.privacy.retention.problem.failed");
            area.put("problemArgs", List.of(problem.substring(RetentionJob.FAILED.length())));
        } else {
            area.put("problemKey", "");
        }
    }

    /**
     * The page's message: a key and its arguments, numbers (ids, counts) as plain digits, never with a
     * thousands separator.
     */
    private static void message(Map<String, Object> model, String key, Object... args) {
        model.put("message", key);
        model.put("messageArgs", plain(args));
    }

    private static List<String> plain(Object... args) {
        return java.util.Arrays.stream(args).map(String::valueOf).toList();
    }

    private AuditEntry entry(HttpServletRequest request, String action, long id) {
        return AuditEntry.by(StaffMember.signedIn(request), MODULE, action, "privacy request " + id);
    }

    /** A 400 answer: the page with {@code reason}, a message key, and its arguments. */
    private static Map<String, Object> refused(String reason, Object... args) {
        Map<String, Object> model = new HashMap<>();
        model.put("view", "refused");
        model.put("reason", reason);
        model.put("reasonArgs", plain(args));
        model.put("status", HttpServletResponse.SC_BAD_REQUEST);
        return model;
    }

    private static void page(HttpServletRequest request, Map<String, Object> model) {
        request.setAttribute(MODEL, new HashMap<>(model));
    }

    private static String param(HttpServletRequest request, String name) {
        String v = request.getParameter(name);
        return v == null ? "" : v.strip();
    }

    private static String pluginRoot(HttpServletRequest request) {
        Object root = request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT);
        return root == null ? LABEL : root.toString();
    }
}
