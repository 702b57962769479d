package org.cec.portal.admin.internal.audit;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.cec.portal.api.audit.AuditEntry;
import org.cec.portal.api.i18n.Messages;
import org.cec.portal.api.i18n.Translations;
import org.cec.portal.api.staff.StaffMember;
import org.cec.portal.api.web.ConsoleViewRenderer;
import org.cec.portal.api.web.PageFragment;
import org.cec.portal.api.web.QueryString;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The Web Console page "Audit" ({@code /system/console/audit}, admin only: it declares no other
 * role): the audit log's entries, newest first, filtered by staff member, action, module and date
 * (GET parameters), with paging, the CSV export at {@code /system/console/audit/export.csv} (itself
 * audited) and the check of the hash chain ({@link AuditChainCheck}; a button checks it in full now).
 * The page only reads: there is no way to change or delete an entry. Rendered from {@code
 * templates/admin/console/audit.ftlh}, which escapes everything it prints; the page's texts are the
 * keys {@code console.audit.*} of the bundle's {@code messages/messages*.properties}, in the staff
 * member's language, the refusals Java writes ({@code sendError}) too.
 */
@Component(
        service = Servlet.class,
        property = {
            ServletConstants.PLUGIN_LABEL + "=" + AuditConsolePlugin.LABEL,
            ServletConstants.PLUGIN_TITLE + "=Audit",
            ServletConstants.PLUGIN_CATEGORY + "=CEC Portal"
        })
public final class AuditConsolePlugin extends AbstractServlet {

    static final String LABEL = "audit";
    static final String MODULE = "admin";
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");
    private static final int PAGE_SIZE = 50;
    private static final String TEMPLATE = "admin/console/audit.ftlh";
    private static final Pattern ACTOR = Pattern.compile("[\\p{L}\\p{N}._@+-]{1,100}");
    private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9._-]{0,39}");
    private static final CSVFormat CSV = CSVFormat.RFC4180
            .builder()
            .setHeader("seq", "at", "actor", "address", "module", "action", "record", "detail", "prev_hash", "hash")
            .get();

    static final String REFUSED_ACTION = "console.audit.refused.action";
    static final String REFUSED_FILTER = "console.audit.refused.filter";
    static final String REFUSED_SIGN_IN = "console.audit.refused.signIn";

    /** The request attribute saying that the admin asked for the check in full. */
    private static final String FULL_CHECK = AuditConsolePlugin.class.getName() + ".full";

    private final transient AuditLogImpl audit;
    private final transient AuditChainCheck chain;
    private final transient ConsoleViewRenderer views;
    private final transient Messages texts;

    @Activate
    public AuditConsolePlugin(
            @Reference AuditLogImpl audit,
            @Reference AuditChainCheck chain,
            @Reference ConsoleViewRenderer views,
            @Reference Translations translations,
            BundleContext context) {
        this(audit, chain, views, translations.of(context.getBundle()));
    }

    /** A page of {@code audit} and its {@code chain}, with the bundle's {@code texts} for the refusals. */
    AuditConsolePlugin(AuditLogImpl audit, AuditChainCheck chain, ConsoleViewRenderer views, Messages texts) {
        this.audit = audit;
        this.chain = chain;
        this.views = views;
        this.texts = texts;
    }

    /** {@code action=verify}: the chain checked in full now; then the page as for a GET. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"verify".equals(request.getParameter("action"))) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, text(request, REFUSED_ACTION));
            return;
        }
        request.setAttribute(FULL_CHECK, Boolean.TRUE);
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
        String root = pluginRoot(request);
        model.put("root", root);
        Optional<AuditStore.Filter> filter = filter(request);
        AuditStore.Filter f = filter.orElse(AuditStore.Filter.ALL);
        model.put(
                "filter",
                Map.of(
                        "actor", str(f.actor()),
                        "action", str(f.action()),
                        "module", str(f.module()),
                        "from", str(f.from()),
                        "to", str(f.to())));
        model.put("modules", audit.distinct("module"));
        model.put("actions", audit.distinct("action"));
        AuditChainCheck.Report report = chain.check(request.getAttribute(FULL_CHECK) != null);
        AuditVerifier.Result check = report.result();
        model.put(
                "chain",
                Map.of(
                        "intact",
                        check.intact(),
                        "checked",
                        report.entries(),
                        "since",
                        report.full() ? -1L : check.checked(),
                        "fullAt",
                        report.fullAt() == null
                                ? ""
                                : TIME.format(report.fullAt().atOffset(ZoneOffset.UTC)),
                        "brokenAt",
                        check.brokenAt().isPresent() ? check.brokenAt().getAsLong() : 0L,
                        "reason",
                        check.reason(),
                        "reasonArgs",
                        check.reasonArgs()));
        if (filter.isPresent()) {
            int page = intParam(request, "page");
            long total = audit.count(f);
            String query = filterQuery(f);
            List<Map<String, Object>> rows = audit.list(f, page * PAGE_SIZE, PAGE_SIZE).stream()
                    .map(AuditConsolePlugin::row)
                    .toList();
            model.put(
                    "list",
                    Map.of(
                            "total",
                            total,
                            "rows",
                            rows,
                            "page",
                            page,
                            "pages",
                            (total + PAGE_SIZE - 1) / PAGE_SIZE,
                            "pageHref",
                            root + "?" + query + (query.isEmpty() ? "" : "&") + "page=",
                            "exportHref",
                            root + "/export.csv" + (query.isEmpty() ? "" : "?" + query)));
        }
        views.render(request, response, new PageFragment(TEMPLATE, model));
    }

    /** The entries the filter selects, oldest first, as CSV; the export is recorded first. */
    private void exportCsv(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<AuditStore.Filter> filter = filter(request);
        if (filter.isEmpty()) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, text(request, REFUSED_FILTER));
            return;
        }
        Optional<StaffMember> who = StaffMember.of(request);
        if (who.isEmpty()) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, text(request, REFUSED_SIGN_IN));
            return;
        }
        AuditStore.Filter f = filter.get();
        AuditStore.Stored recorded = audit.store(AuditEntry.by(who.get(), MODULE, AuditEntry.EXPORT, "audit log")
                .withDetail(filterQuery(f).isEmpty() ? "all entries" : "filter " + filterQuery(f)));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
        response.setHeader("Cache-Control", "no-store");
        PrintWriter out = response.getWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSV)) {
            long after = 0;
            while (true) {
                List<AuditStore.Stored> page = audit.after(after, f, AuditVerifier.PAGE);
                for (AuditStore.Stored s : page) {
                    if (s.seq() > recorded.seq()) {
                        break;
                    }
                    AuditEntry e = s.entry();
                    printer.printRecord(
                            s.seq(),
                            s.at().toString(),
                            safe(e.actor()),
                            safe(e.address()),
                            safe(e.module()),
                            safe(e.action()),
                            safe(e.record()),
                            safe(e.detail()),
                            s.prevHash(),
                            s.hash());
                }
                if (page.size() < AuditVerifier.PAGE
                        || page.get(page.size() - 1).seq() >= recorded.seq()) {
                    break;
                }
                after = page.get(page.size() - 1).seq();
            }
            printer.flush();
        }
    }

    /** The text of {@code key} in the page's language. */
    private String text(HttpServletRequest request, String key) {
        return texts.get(views.language(request), key);
    }

    private static Map<String, Object> row(AuditStore.Stored s) {
        AuditEntry e = s.entry();
        return Map.of(
                "seq", s.seq(),
                "at", TIME.format(s.at().atZone(ZoneOffset.UTC)),
                "actor", e.actor(),
                "address", e.address(),
                "module", e.module(),
                "action", e.action(),
                "record", e.record(),
                "detail", e.detail());
    }

    /** The filter of the request's parameters, or empty when one of them is not usable. */
    static Optional<AuditStore.Filter> filter(HttpServletRequest request) {
        try {
            String actor = blankToNull(request.getParameter("actor"));
            String action = blankToNull(request.getParameter("action"));
            String module = blankToNull(request.getParameter("module"));
            LocalDate from = date(request.getParameter("from"));
            LocalDate to = date(request.getParameter("to"));
            if ((actor != null && !ACTOR.matcher(actor).matches())
                    || (action != null && !WORD.matcher(action).matches())
                    || (module != null && !WORD.matcher(module).matches())) {
                return Optional.empty();
            }
            return Optional.of(new AuditStore.Filter(actor, action, module, from, to));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String filterQuery(AuditStore.Filter f) {
        return QueryString.of(
                "actor", str(f.actor()),
                "action", str(f.action()),
                "module", str(f.module()),
                "from", str(f.from()),
                "to", str(f.to()));
    }

    /** A cell a spreadsheet will not run as a formula. */
    static String safe(String cell) {
        return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
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

    private static String pluginRoot(HttpServletRequest request) {
        Object root = request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT);
        return root == null ? LABEL : root.toString();
    }
}
