package org.cec.portal.consent.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.cec.portal.api.consent.Purpose;
import org.cec.portal.api.consent.PurposeDeclaration;
import org.cec.portal.consent.internal.jpa.OptInRequestEntity;
import org.cec.portal.consent.internal.jpa.OptOutEntity;
import org.cec.portal.consent.internal.jpa.PolicyVersionEntity;
import org.cec.portal.consent.internal.jpa.ReceiptEntity;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The Web Console page "Consent" (CEC Portal): receipts per day and choice, receipt lookup by id,
 * opt-outs and pending opt-ins, policy versions with their dates, and which bundle declares which
 * purpose. The console signs the admin in; this page escapes everything it prints.
 */
@Component(
        service = Servlet.class,
        property = {
            ServletConstants.PLUGIN_LABEL + "=consent",
            ServletConstants.PLUGIN_TITLE + "=Consent",
            ServletConstants.PLUGIN_CATEGORY + "=CEC Portal"
        })
public final class ConsentConsolePlugin extends AbstractServlet {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile ConsentRecords records;

    private final transient Map<ServiceReference<PurposeDeclaration>, PurposeDeclaration> declarations =
            new ConcurrentHashMap<>();

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDeclaration(PurposeDeclaration declaration, ServiceReference<PurposeDeclaration> reference) {
        declarations.put(reference, declaration);
    }

    void removeDeclaration(ServiceReference<PurposeDeclaration> reference) {
        declarations.remove(reference);
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PrintWriter out = response.getWriter();
        ConsentRecords store = records;
        out.println("<h2>Purposes by bundle</h2>");
        purposes(out);
        if (store == null) {
            out.println("<p class=\"statline\">The consent database is not available: see the health checks"
                    + " <em>Database</em> and <em>Migrations consent</em>.</p>");
            return;
        }
        out.println("<h2>Look up a receipt</h2>");
        String wanted = request.getParameter("receipt");
        out.println("<form method=\"get\" action=\"" + escape(pluginRoot(request)) + "\">"
                + "<label>Receipt id <input type=\"text\" name=\"receipt\" maxlength=\"32\" value=\""
                + escape(wanted == null ? "" : wanted) + "\"></label> <button type=\"submit\">Look up</button></form>");
        if (wanted != null && !wanted.isBlank()) {
            receipt(out, store.receipt(wanted.strip()));
        }

        out.println("<h2>Choices per day (last 30 days, UTC)</h2>");
        out.println("<p class=\"statline\">" + store.receiptCount() + " receipt(s) in total.</p>");
        counts(out, store.countsByDay(30));

        out.println("<h2>Opt-outs (latest 200)</h2>");
        List<OptOutEntity> optOuts = store.latestOptOuts(200);
        table(
                out,
                List.of("Email", "Opted out of", "Since"),
                optOuts.stream()
                        .map(o -> List.of(o.email(), o.kind(), time(o.createdAt())))
                        .toList());
        out.println("<h2>Pending opt-ins (latest 200)</h2>");
        List<OptInRequestEntity> optIns = store.pendingOptIns(200);
        table(
                out,
                List.of("Email", "Wants back", "Requested"),
                optIns.stream()
                        .map(o -> List.of(o.email(), o.kind(), time(o.requestedAt())))
                        .toList());
        out.println("<h2>Policy versions</h2>");
        List<PolicyVersionEntity> versions = store.policyVersions();
        table(
                out,
                List.of("Version", "First used", "Policy text SHA-256", "Banner text SHA-256"),
                versions.stream()
                        .map(v -> List.of(v.version(), time(v.firstUsedAt()), v.policyHash(), v.bannerHash()))
                        .toList());
    }

    private void purposes(PrintWriter out) {
        Map<String, String> rows = new TreeMap<>();
        declarations.forEach((ref, declaration) -> {
            Bundle bundle = ref.getBundle();
            String name = bundle == null ? "(gone)" : bundle.getSymbolicName();
            try {
                String purposes = declaration.purposes().stream()
                        .sorted()
                        .map(Purpose::id)
                        .collect(Collectors.joining(", "));
                rows.merge(name + "\u0000" + purposes, declaration.use(), (a, b) -> a + " " + b);
            } catch (RuntimeException broken) {
                rows.put(
                        name + "\u0000(error)",
                        "The declaration of this bundle failed: "
                                + broken.getClass().getName());
            }
        });
        table(
                out,
                List.of("Bundle", "Purposes", "What for"),
                rows.entrySet().stream()
                        .map(e -> {
                            String[] key = e.getKey().split("\u0000", 2);
                            return List.of(key[0], key[1], e.getValue());
                        })
                        .toList());
    }

    private void receipt(PrintWriter out, Optional<ReceiptEntity> receipt) {
        if (receipt.isEmpty()) {
            out.println("<p class=\"statline\">No receipt with this id.</p>");
            return;
        }
        ReceiptEntity r = receipt.get();
        table(
                out,
                List.of("Field", "Value"),
                List.of(
                        List.of("Receipt", r.receiptId()),
                        List.of("Made", time(r.createdAt())),
                        List.of("Choice", r.choice() + " (from the " + r.source() + ")"),
                        List.of("Necessary", "granted (always)"),
                        List.of("Preferences", r.preferences() ? "granted" : "refused"),
                        List.of("Analytics", r.analytics() ? "granted" : "refused"),
                        List.of("Marketing", r.marketing() ? "granted" : "refused"),
                        List.of("Policy version", r.policyVersion()),
                        List.of("Policy text SHA-256", r.policyHash()),
                        List.of("Banner text SHA-256", r.bannerHash()),
                        List.of("Do Not Track sent", Boolean.toString(r.dnt())),
                        List.of("Global Privacy Control sent", Boolean.toString(r.gpc()))));
    }

    private void counts(PrintWriter out, List<ConsentRecords.DayCount> counts) {
        Map<String, Map<String, Long>> byDay = new TreeMap<>(java.util.Comparator.reverseOrder());
        for (ConsentRecords.DayCount c : counts) {
            byDay.computeIfAbsent(c.day(), d -> new TreeMap<>()).put(c.choice(), c.count());
        }
        table(
                out,
                List.of("Day", Selection.ACCEPT_ALL, Selection.REJECT_ALL, Selection.CUSTOM),
                byDay.entrySet().stream()
                        .map(e -> List.of(
                                e.getKey(),
                                String.valueOf(e.getValue().getOrDefault(Selection.ACCEPT_ALL, 0L)),
                                String.valueOf(e.getValue().getOrDefault(Selection.REJECT_ALL, 0L)),
                                String.valueOf(e.getValue().getOrDefault(Selection.CUSTOM, 0L))))
                        .toList());
    }

    private static void table(PrintWriter out, List<String> headings, List<List<String>> rows) {
        if (rows.isEmpty()) {
            out.println("<p>None.</p>");
            return;
        }
        out.print("<table class=\"tablesorter nicetable\"><thead><tr>");
        headings.forEach(h -> out.print("<th>" + escape(h) + "</th>"));
        out.println("</tr></thead><tbody>");
        for (List<String> row : rows) {
            out.print("<tr>");
            row.forEach(cell -> out.print("<td>" + escape(cell) + "</td>"));
            out.println("</tr>");
        }
        out.println("</tbody></table>");
    }

    private static String pluginRoot(HttpServletRequest request) {
        Object root = request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT);
        return root == null ? "consent" : root.toString();
    }

    private static String time(OffsetDateTime at) {
        return TIME.format(at.withOffsetSameInstant(ZoneOffset.UTC));
    }

    static String escape(Object value) {
        String s = String.valueOf(value);
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
