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
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.cec.portal.intake.internal.jpa.RequestAnswerEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.owasp.encoder.Encode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Web Console page "Service requests" ({@code /system/console/requests}): the list with filters
 * (date, ZIP, service, status) and paging, a request's detail with its partner answers, status
 * changes (POST; the console signs staff in and checks the origin), and the CSV export at {@code
 * /system/console/requests/export.csv}. Every page that shows personal data is recorded in the audit
 * table (who, when, which requests). Everything printed is escaped.
 */
@Component(
        service = Servlet.class,
        property = {
            ServletConstants.PLUGIN_LABEL + "=" + RequestsConsolePlugin.LABEL,
            ServletConstants.PLUGIN_TITLE + "=Service requests",
            ServletConstants.PLUGIN_CATEGORY + "=CEC Portal"
        })
public final class RequestsConsolePlugin extends AbstractServlet {

    static final String LABEL = "requests";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RequestsConsolePlugin.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");
    private static final int PAGE_SIZE = 25;

    private final transient RequestService requests;
    private final transient Catalog catalog;

    @Activate
    public RequestsConsolePlugin(@Reference RequestService requests, @Reference Catalog catalog) {
        this.requests = requests;
        this.catalog = catalog;
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
        PrintWriter out = response.getWriter();
        String message = request.getParameter("message");
        if (message != null && message.length() < 200) {
            out.println("<p class=\"statline\">" + escape(message) + "</p>");
        }
        String reference = request.getParameter("ref");
        if (reference != null) {
            detail(request, out, reference);
            return;
        }
        list(request, out);
    }

    private void list(HttpServletRequest request, PrintWriter out) {
        Optional<RequestService.Filter> filter = filter(request);
        String root = escape(pluginRoot(request));
        RequestService.Filter f = filter.orElse(new RequestService.Filter(null, null, null, null, null));
        out.println("<form method=\"get\" action=\"" + root + "\" class=\"intake-filter\">"
                + "<label>From <input type=\"date\" name=\"from\" value=\"" + escape(str(f.from())) + "\"></label> "
                + "<label>To <input type=\"date\" name=\"to\" value=\"" + escape(str(f.to())) + "\"></label> "
                + "<label>ZIP <input type=\"text\" name=\"zip\" size=\"6\" value=\"" + escape(str(f.zip()))
                + "\"></label> "
                + "<label>Service <select name=\"service\"><option value=\"\">any</option>");
        for (Catalog.ServiceInfo s : catalog.snapshot().services()) {
            out.println("<option value=\"" + escape(s.id()) + "\"" + (s.id().equals(f.service()) ? " selected" : "")
                    + ">" + escape(s.label()) + "</option>");
        }
        out.println("</select></label> <label>Status <select name=\"status\"><option value=\"\">any</option>");
        for (String s : RequestService.STATUS_ORDER) {
            out.println("<option" + (s.equals(f.status()) ? " selected" : "") + ">" + s + "</option>");
        }
        out.println("</select></label> <button type=\"submit\">Filter</button></form>");
        if (filter.isEmpty()) {
            out.println("<p class=\"statline\">Check the filter: dates are YYYY-MM-DD, a ZIP is up to 5 digits,"
                    + " a service id a-z 0-9 -, a status one of the list.</p>");
            return;
        }
        int page = intParam(request, "page");
        RequestService.Page result = requests.list(f, page, PAGE_SIZE, staff(request));
        String query = filterQuery(f);
        out.println("<p class=\"statline\">" + result.total() + " request(s). <a href=\"" + root + "/export.csv"
                + escape(query.isEmpty() ? "" : "?" + query) + "\">Export these as CSV</a></p>");
        out.println("<table class=\"tablesorter nicetable\" id=\"intake-requests\"><thead><tr><th>Received</th>"
                + "<th>Reference</th><th>Status</th><th>Name</th><th>City</th><th>ZIP</th><th>Services</th>"
                + "</tr></thead><tbody>");
        for (RequestService.Row r : result.rows()) {
            out.println("<tr><td>" + escape(TIME.format(r.createdAt().atZoneSameInstant(ZoneOffset.UTC)))
                    + "</td><td><a href=\"" + root + "?ref=" + escape(r.reference()) + "\">" + escape(r.reference())
                    + "</a></td><td>" + escape(r.status()) + "</td><td>" + escape(r.name()) + "</td><td>"
                    + escape(r.city()) + "</td><td>" + escape(r.zip()) + "</td><td>"
                    + escape(String.join(", ", r.services())) + "</td></tr>");
        }
        out.println("</tbody></table>");
        long pages = (result.total() + PAGE_SIZE - 1) / PAGE_SIZE;
        if (pages > 1) {
            String base = root + "?" + escape(query) + (query.isEmpty() ? "" : "&amp;") + "page=";
            out.println("<p class=\"statline\">Page " + (page + 1) + " of " + pages + ". "
                    + (page > 0 ? "<a href=\"" + base + (page - 1) + "\">Previous</a> " : "")
                    + (page + 1 < pages ? "<a href=\"" + base + (page + 1) + "\">Next</a>" : "") + "</p>");
        }
        out.println("<h2>Recent access to personal data</h2><table class=\"nicetable\"><thead><tr><th>When</th>"
                + "<th>Who</th><th>What</th><th>Request</th><th>Detail</th></tr></thead><tbody>");
        for (RequestService.AuditRow a : requests.audit(10)) {
            out.println("<tr><td>" + escape(TIME.format(a.at().atZoneSameInstant(ZoneOffset.UTC))) + "</td><td>"
                    + escape(a.staff()) + "</td><td>" + escape(a.action()) + "</td><td>" + escape(a.reference())
                    + "</td><td>" + escape(a.detail()) + "</td></tr>");
        }
        out.println("</tbody></table>");
    }

    private void detail(HttpServletRequest request, PrintWriter out, String reference) {
        String root = escape(pluginRoot(request));
        Optional<RequestService.Detail> found = requests.detail(reference, staff(request));
        out.println("<p><a href=\"" + root + "\">All requests</a></p>");
        if (found.isEmpty()) {
            out.println("<p class=\"statline\">No request with this reference.</p>");
            return;
        }
        RequestService.Row r = found.get().row();
        out.println("<table class=\"nicetable\" id=\"intake-request\"><tbody>");
        row(out, "Reference", r.reference());
        row(out, "Received", TIME.format(r.createdAt().atZoneSameInstant(ZoneOffset.UTC)));
        row(out, "Status", r.status());
        row(out, "Source", r.source());
        row(out, "Name", r.name());
        row(out, "Email", r.email());
        row(out, "Phone", phone(r.phone()));
        row(out, "Street address", r.address());
        row(out, "City", r.city());
        row(out, "ZIP", r.zip());
        row(out, "Contact by", r.contactMethod());
        row(out, "Services", String.join(", ", r.services()));
        out.println("</tbody></table>");
        List<RequestAnswerEntity> answers = found.get().answers();
        if (!answers.isEmpty()) {
            out.println("<h2>Answers to partner questions</h2><table class=\"nicetable\" id=\"intake-answers\">"
                    + "<thead><tr><th>Section</th><th>Question</th><th>Answer</th></tr></thead><tbody>");
            for (RequestAnswerEntity a : answers) {
                out.println(
                        "<tr><td>" + escape(a.sectionTitle() + " (" + a.sectionId() + " v" + a.sectionVersion() + ")")
                                + "</td><td>" + escape(a.fieldLabel()) + "</td><td>" + escape(a.answerShown())
                                + "</td></tr>");
            }
            out.println("</tbody></table>");
        }
        out.println("<form method=\"post\" action=\"" + root + "\"><input type=\"hidden\" name=\"ref\" value=\""
                + escape(r.reference()) + "\"><label>Status <select name=\"status\">");
        for (String s : RequestService.STATUS_ORDER) {
            out.println("<option" + (s.equals(r.status()) ? " selected" : "") + ">" + s + "</option>");
        }
        out.println("</select></label> <button type=\"submit\">Change status</button></form>");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String reference = request.getParameter("ref");
        String status = request.getParameter("status");
        if (reference == null || status == null || !RequestService.STATUSES.contains(status)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "ref and a known status are required");
            return;
        }
        boolean changed = requests.changeStatus(reference, status, staff(request));
        String message = changed ? "Status changed to " + status + "." : "No request with this reference.";
        if (changed) {
            LOG.info("A request's status was changed in the console to {}", status);
        }
        // Post/redirect/get: a reload does not post again.
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader(
                "Location",
                pluginRoot(request) + "?ref=" + URLEncoder.encode(reference, StandardCharsets.UTF_8) + "&message="
                        + URLEncoder.encode(message, StandardCharsets.UTF_8));
    }

    private void exportCsv(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<RequestService.Filter> filter = filter(request);
        if (filter.isEmpty()) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "Check the filter");
            return;
        }
        List<RequestService.Row> rows = requests.export(filter.get(), staff(request));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"service-requests.csv\"");
        response.setHeader("Cache-Control", "no-store");
        PrintWriter out = response.getWriter();
        out.print("reference,received,status,source,name,email,phone,address,city,zip,contact_method,services\r\n");
        for (RequestService.Row r : rows) {
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

    static Optional<RequestService.Filter> filter(HttpServletRequest request) {
        try {
            LocalDate from = date(request.getParameter("from"));
            LocalDate to = date(request.getParameter("to"));
            String zip = blankToNull(request.getParameter("zip"));
            String service = blankToNull(request.getParameter("service"));
            String status = blankToNull(request.getParameter("status"));
            if ((zip != null && !zip.matches("\\d{1,5}"))
                    || (service != null && !service.matches("[a-z][a-z0-9-]{0,63}"))
                    || (status != null && !RequestService.STATUSES.contains(status))) {
                return Optional.empty();
            }
            return Optional.of(new RequestService.Filter(from, to, zip, service, status));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String filterQuery(RequestService.Filter f) {
        StringBuilder b = new StringBuilder();
        append(b, "from", str(f.from()));
        append(b, "to", str(f.to()));
        append(b, "zip", str(f.zip()));
        append(b, "service", str(f.service()));
        append(b, "status", str(f.status()));
        return b.toString();
    }

    private static void append(StringBuilder b, String name, String value) {
        if (!value.isEmpty()) {
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
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

    private static void row(PrintWriter out, String label, String value) {
        out.println("<tr><th>" + escape(label) + "</th><td>" + escape(value) + "</td></tr>");
    }

    /** The staff member the console signed in: the user name of the Basic credentials it verified. */
    static String staff(HttpServletRequest request) {
        String remote = request.getRemoteUser();
        if (remote != null && !remote.isBlank()) {
            return limit(remote);
        }
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(
                        Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    return limit(decoded.substring(0, colon));
                }
            } catch (IllegalArgumentException e) {
                // not Base64: fall through
            }
        }
        return "(unknown)";
    }

    /** A stored E.164 US number as people write it: (415) 555-0134. */
    static String phone(String e164) {
        return e164 != null && e164.matches("\\+1\\d{10}") ? Validator.displayPhone(e164) : e164;
    }

    private static String limit(String s) {
        return s.length() > 100 ? s.substring(0, 100) : s;
    }

    private static String pluginRoot(HttpServletRequest request) {
        Object root = request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT);
        return root == null ? LABEL : root.toString();
    }

    /** HTML-escapes text for element content and quoted attributes (OWASP Java Encoder). */
    static String escape(String s) {
        return s == null ? "" : Encode.forHtml(String.valueOf(s));
    }
}
