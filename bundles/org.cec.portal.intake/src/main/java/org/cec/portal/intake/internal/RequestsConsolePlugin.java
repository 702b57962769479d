package org.cec.portal.intake.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.cec.portal.api.i18n.Messages;
import org.cec.portal.api.i18n.Translations;
import org.cec.portal.api.staff.ConsoleRoles;
import org.cec.portal.api.staff.StaffMember;
import org.cec.portal.api.web.ConsoleViewRenderer;
import org.cec.portal.api.web.PageFragment;
import org.cec.portal.api.web.QueryString;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Web Console page "Service requests" ({@code /system/console/requests}): the list with filters
 * (date, ZIP, service, status) and paging, a request's detail with its partner answers, status
 * changes (POST; the console signs staff in and checks the origin), and the CSV export at {@code
 * /system/console/requests/export.csv}. Every page that shows personal data is recorded in the audit
 * table (who, when, which requests). The page is rendered from {@code
 * templates/intake/console/requests.ftlh}, which escapes everything it prints, in the staff member's
 * language: its texts are {@code console.requests.*} of {@code messages/messages*.properties}, and a
 * message carried over the redirect after a POST is {@link #STATUS_CHANGED} or {@link #NOT_FOUND}.
 */
@Component(
        service = Servlet.class,
        property = {
            ServletConstants.PLUGIN_LABEL + "=" + RequestsConsolePlugin.LABEL,
            ServletConstants.PLUGIN_TITLE + "=Service requests",
            ServletConstants.PLUGIN_CATEGORY + "=CEC Portal",
            ConsoleRoles.PROPERTY + "=" + ConsoleRoles.STAFF
        })
public final class RequestsConsolePlugin extends AbstractServlet {

    static final String LABEL = "requests";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RequestsConsolePlugin.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");
    private static final int PAGE_SIZE = 25;
    private static final String TEMPLATE = "intake/console/requests.ftlh";

    /** A message the redirect after a status change asks the page to show ({@code ?message=key&arg=status}). */
    static final String STATUS_CHANGED = "console.requests.statusChanged";

    /** The other message a redirect may ask for, without an argument. */
    static final String NOT_FOUND = "console.requests.notFound";

    private final transient RequestQueries requests;
    private final transient RequestAudit audit;
    private final transient Catalog catalog;
    private final transient ConsoleViewRenderer views;
    private final transient Messages messages;

    @Activate
    public RequestsConsolePlugin(
            @Reference RequestQueries requests,
            @Reference RequestAudit audit,
            @Reference Catalog catalog,
            @Reference ConsoleViewRenderer views,
            @Reference Translations translations,
            BundleContext context) {
        this(requests, audit, catalog, views, translations.of(context.getBundle()));
    }

    /** A page with this bundle's {@code messages} (for the error answers that are not console pages). */
    RequestsConsolePlugin(
            RequestQueries requests,
            RequestAudit audit,
            Catalog catalog,
            ConsoleViewRenderer views,
            Messages messages) {
        this.requests = requests;
        this.audit = audit;
        this.catalog = catalog;
        this.views = views;
        this.messages = messages;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String path = request.getPathInfo();
        if (path != null && path.endsWith("/export.csv")) {
            exportCsv(request, response);
            return;
        }
        super.doGet(request, response);
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> model = new HashMap<>();
        flash(request, model);
        model.put("root", pluginRoot(request));
        model.put("statuses", RequestQueries.STATUS_ORDER);
        String reference = request.getParameter("ref");
        if (reference != null) {
            model.put("detail", detail(request, reference));
        } else {
            list(request, model);
        }
        views.render(request, response, new PageFragment(TEMPLATE, model));
    }

    /**
     * The message the redirect after a POST names: a known key, with a known status as its argument
     * where it takes one; anything else is ignored.
     */
    private static void flash(HttpServletRequest request, Map<String, Object> model) {
        String message = request.getParameter("message");
        String arg = request.getParameter("arg");
        if (NOT_FOUND.equals(message)) {
            model.put("message", message);
            model.put("messageArgs", List.of());
        } else if (STATUS_CHANGED.equals(message) && arg != null && RequestQueries.STATUSES.contains(arg)) {
            model.put("message", message);
            model.put("messageArgs", List.of(arg));
        } else {
            model.put("message", "");
        }
    }

    /** The list's filter form and, when the filter is valid, the matching page of requests and the audit. */
    private void list(HttpServletRequest request, Map<String, Object> model) {
        Optional<RequestQueries.Filter> filter = filter(request);
        RequestQueries.Filter f = filter.orElse(new RequestQueries.Filter(null, null, null, null, null));
        model.put(
                "filter",
                Map.of(
                        "from", str(f.from()),
                        "to", str(f.to()),
                        "zip", str(f.zip()),
                        "service", str(f.service()),
                        "status", str(f.status())));
        model.put(
                "services",
                catalog.snapshot(views.language(request)).services().stream()
                        .map(s -> Map.of("id", s.id(), "label", s.label()))
                        .toList());
        if (filter.isEmpty()) {
            return;
        }
        String root = pluginRoot(request);
        int page = intParam(request, "page");
        RequestQueries.Page result = requests.list(f, page, PAGE_SIZE, StaffMember.signedIn(request));
        String query = filterQuery(f);
        List<Map<String, String>> rows = result.rows().stream()
                .map(r -> Map.of(
                        "received", TIME.format(r.createdAt().atZoneSameInstant(ZoneOffset.UTC)),
                        "reference", str(r.reference()),
                        "status", str(r.status()),
                        "name", str(r.name()),
                        "city", str(r.city()),
                        "zip", str(r.zip()),
                        "services", String.join(", ", r.services())))
                .toList();
        model.put(
                "list",
                Map.of(
                        "total",
                        result.total(),
                        "exportHref",
                        root + "/export.csv" + (query.isEmpty() ? "" : "?" + query),
                        "rows",
                        rows,
                        "page",
                        page,
                        "pages",
                        (result.total() + PAGE_SIZE - 1) / PAGE_SIZE,
                        "pageHref",
                        root + "?" + query + (query.isEmpty() ? "" : "&") + "page="));
    }

    /** One request with its partner answers, or {@code found = false}. */
    private Map<String, Object> detail(HttpServletRequest request, String reference) {
        Optional<RequestRows.Detail> found = requests.detail(reference, StaffMember.signedIn(request));
        if (found.isEmpty()) {
            return Map.of("found", false);
        }
        RequestRows.Row r = found.get().row();
        // the label's message key, the value
        List<List<String>> fields = List.of(
                List.of("console.requests.field.reference", str(r.reference())),
                List.of(
                        "console.requests.field.received",
                        TIME.format(r.createdAt().atZoneSameInstant(ZoneOffset.UTC))),
                List.of("console.requests.field.status", str(r.status())),
                List.of("console.requests.field.source", str(r.source())),
                List.of("console.requests.field.name", str(r.name())),
                List.of("console.requests.field.email", str(r.email())),
                List.of("console.requests.field.phone", str(phone(r.phone()))),
                List.of("console.requests.field.address", str(r.address())),
                List.of("console.requests.field.city", str(r.city())),
                List.of("console.requests.field.zip", str(r.zip())),
                List.of("console.requests.field.contactMethod", str(r.contactMethod())),
                List.of("console.requests.field.language", str(r.language())),
                List.of("console.requests.field.services", String.join(", ", r.services())));
        // the section's title (as the person saw it), id and version; the question; the answer
        List<List<String>> answers = found.get().answers().stream()
                .map(a -> List.of(
                        str(a.sectionTitle()),
                        str(a.sectionId()),
                        String.valueOf(a.sectionVersion()),
                        str(a.fieldLabel()),
                        str(a.answerShown())))
                .toList();
        List<List<String>> history = audit.about(r.reference(), 20).stream()
                .map(e -> List.of(
                        TIME.format(e.at().atZone(ZoneOffset.UTC)),
                        e.entry().actor(),
                        e.entry().action(),
                        e.entry().detail()))
                .toList();
        return Map.of(
                "found",
                true,
                "fields",
                fields,
                "answers",
                answers,
                "history",
                history,
                "reference",
                str(r.reference()),
                "status",
                str(r.status()));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String reference = request.getParameter("ref");
        String status = request.getParameter("status");
        if (reference == null || status == null || !RequestQueries.STATUSES.contains(status)) {
            response.sendError(
                    HttpServletResponse.SC_BAD_REQUEST,
                    messages.get(views.language(request), "console.requests.error.post"));
            return;
        }
        boolean changed = requests.changeStatus(reference, status, StaffMember.signedIn(request));
        String message = changed
                ? "message=" + STATUS_CHANGED + "&arg=" + URLEncoder.encode(status, StandardCharsets.UTF_8)
                : "message=" + NOT_FOUND;
        if (changed) {
            LOG.info("A request's status was changed in the console to {}", status);
        }
        // Post/redirect/get: a reload does not post again.
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader(
                "Location",
                pluginRoot(request) + "?ref=" + URLEncoder.encode(reference, StandardCharsets.UTF_8) + "&" + message);
    }

    private void exportCsv(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<RequestQueries.Filter> filter = filter(request);
        if (filter.isEmpty()) {
            response.sendError(
                    HttpServletResponse.SC_BAD_REQUEST,
                    messages.get(views.language(request), "console.requests.error.filter"));
            return;
        }
        List<RequestRows.Row> rows = requests.export(filter.get(), StaffMember.signedIn(request));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"service-requests.csv\"");
        response.setHeader("Cache-Control", "no-store");
        PrintWriter out = response.getWriter();
        out.print("reference,received,status,source,name,email,phone,address,city,zip,contact_method,services\r\n");
        for (RequestRows.Row r : rows) {
            out.print(String.join(
                            ",",
                            csv(r.reference()),
                            csv(r.createdAt()
                                    .atZoneSameInstant(ZoneOffset.UTC)
                                    .toOffsetDateTime()
                                    .toString()),
                            csv(r.status()),
                            csv(r.source()),
                            csv(r.name()),
                            csv(r.email()),
                            csv(phone(r.phone())),
                            csv(r.address()),
                            csv(r.city()),
                            csv(r.zip()),
                            csv(r.contactMethod()),
                            csv(String.join("; ", r.services())))
                    + "\r\n");
        }
        out.flush();
    }

    /**
     * A CSV cell: quoted when needed, and a leading {@code = + - @} (or tab, CR) prefixed with an
     * apostrophe, so a spreadsheet never runs a visitor's text as a formula.
     */
    static String csv(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    static Optional<RequestQueries.Filter> filter(HttpServletRequest request) {
        try {
            LocalDate from = date(request.getParameter("from"));
            LocalDate to = date(request.getParameter("to"));
            String zip = blankToNull(request.getParameter("zip"));
            String service = blankToNull(request.getParameter("service"));
            String status = blankToNull(request.getParameter("status"));
            if ((zip != null && !zip.matches("\\d{1,5}"))
                    || (service != null && !service.matches("[a-z][a-z0-9-]{0,63}"))
                    || (status != null && !RequestQueries.STATUSES.contains(status))) {
                return Optional.empty();
            }
            return Optional.of(new RequestQueries.Filter(from, to, zip, service, status));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String filterQuery(RequestQueries.Filter f) {
        return QueryString.of(
                "from", str(f.from()),
                "to", str(f.to()),
                "zip", str(f.zip()),
                "service", str(f.service()),
                "status", str(f.status()));
    }

    private static LocalDate date(String s) {
        String v = blankToNull(s);
        return v == null ? null : LocalDate.parse(v);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static int intParam(HttpServletRequest request, String name) {
        String v = request.getParameter(name);
        return v != null && v.matches("\\d{1,6}") ? Integer.parseInt(v) : 0;
    }

    /** A stored E.164 US number as people write it: (415) 555-0134. */
    static String phone(String e164) {
        return e164 != null && e164.matches("\\+1\\d{10}") ? Validator.displayPhone(e164) : e164;
    }

    private static String pluginRoot(HttpServletRequest request) {
        Object root = request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT);
        return root == null ? LABEL : root.toString();
    }
}
