package org.cec.portal.consent.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.cec.portal.api.audit.AuditEntry;
import org.cec.portal.api.audit.AuditLog;
import org.cec.portal.api.consent.Purpose;
import org.cec.portal.api.consent.PurposeDeclaration;
import org.cec.portal.api.staff.ConsoleRoles;
import org.cec.portal.api.staff.StaffMember;
import org.cec.portal.api.web.ConsoleViewRenderer;
import org.cec.portal.api.web.PageFragment;
import org.cec.portal.consent.internal.jpa.ReceiptEntity;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The Web Console page "Consent" (CEC Portal): receipts per day and choice, receipt lookup by id,
 * opt-outs and pending opt-ins, policy versions with their dates, and which bundle declares which
 * purpose, rendered from {@code templates/consent/console/consent.ftlh} (auto-escaped). The console
 * signs the admin in.
 */
@Component(
        service = Servlet.class,
        property = {
            ServletConstants.PLUGIN_LABEL + "=consent",
            ServletConstants.PLUGIN_TITLE + "=Consent",
            ServletConstants.PLUGIN_CATEGORY + "=CEC Portal",
            ConsoleRoles.PROPERTY + "=" + ConsoleRoles.STAFF
        })
public final class ConsentConsolePlugin extends AbstractServlet {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");
    private static final String TEMPLATE = "consent/console/consent.ftlh";

    private final transient ConsoleViewRenderer views;
    private final transient AuditLog audit;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile ConsentRecords records;

    private final transient Map<ServiceReference<PurposeDeclaration>, PurposeDeclaration> declarations =
            new ConcurrentHashMap<>();

    @Activate
    public ConsentConsolePlugin(@Reference ConsoleViewRenderer views, @Reference AuditLog audit) {
        this.views = views;
        this.audit = audit;
    }

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
        views.render(request, response, new PageFragment(TEMPLATE, model(request)));
    }

    /** What the page shows; the template escapes all of it. */
    private Map<String, Object> model(HttpServletRequest request) {
        Map<String, Object> model = new HashMap<>();
        model.put("purposes", purposes());
        ConsentRecords store = records;
        model.put("available", store != null);
        if (store == null) {
            return model;
        }
        String wanted = request.getParameter("receipt");
        boolean lookedUp = wanted != null && !wanted.isBlank();
        model.put("root", pluginRoot(request));
        model.put("wanted", wanted == null ? "" : wanted);
        model.put("lookedUp", lookedUp);
        StaffMember who = StaffMember.signedIn(request);
        if (lookedUp) {
            audit.record(AuditEntry.by(who, "consent", AuditEntry.VIEW, "receipt " + wanted.strip()));
        }
        // the page lists the latest opt-outs and pending opt-ins by address
        audit.record(AuditEntry.by(who, "consent", AuditEntry.VIEW, "opt-outs and opt-ins"));
        model.put("receipt", lookedUp ? receipt(store.receipt(wanted.strip())) : List.of());
        model.put("receiptCount", store.receiptCount());
        model.put("countHeadings", List.of("Day", Selection.ACCEPT_ALL, Selection.REJECT_ALL, Selection.CUSTOM));
        model.put("counts", counts(store.countsByDay(30)));
        model.put(
                "optOuts",
                store.latestOptOuts(200).stream()
                        .map(o -> List.of(o.email(), o.kind(), time(o.createdAt())))
                        .toList());
        model.put(
                "optIns",
                store.pendingOptIns(200).stream()
                        .map(o -> List.of(o.email(), o.kind(), time(o.requestedAt())))
                        .toList());
        model.put(
                "versions",
                store.policyVersions().stream()
                        .map(v -> List.of(
                                v.version(), v.language(), time(v.firstUsedAt()), v.policyHash(), v.bannerHash()))
                        .toList());
        return model;
    }

    private List<List<String>> purposes() {
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
        return rows.entrySet().stream()
                .map(e -> {
                    String[] key = e.getKey().split("\u0000", 2);
                    return List.of(key[0], key[1], e.getValue());
                })
                .toList();
    }

    /** The receipt's fields, or no rows when there is no receipt with that id. */
    private static List<List<String>> receipt(Optional<ReceiptEntity> receipt) {
        if (receipt.isEmpty()) {
            return List.of();
        }
        ReceiptEntity r = receipt.get();
        return List.of(
                List.of("Receipt", r.receiptId()),
                List.of("Made", time(r.createdAt())),
                List.of("Choice", r.choice() + " (from the " + r.source() + ")"),
                List.of("Necessary", "granted (always)"),
                List.of("Preferences", r.preferences() ? "granted" : "refused"),
                List.of("Analytics", r.analytics() ? "granted" : "refused"),
                List.of("Marketing", r.marketing() ? "granted" : "refused"),
                List.of("Language", r.language()),
                List.of("Policy version", r.policyVersion()),
                List.of("Policy text SHA-256", r.policyHash()),
                List.of("Banner text SHA-256", r.bannerHash()),
                List.of("Do Not Track sent", Boolean.toString(r.dnt())),
                List.of("Global Privacy Control sent", Boolean.toString(r.gpc())));
    }

    private static List<List<String>> counts(List<ConsentRecords.DayCount> counts) {
        Map<String, Map<String, Long>> byDay = new TreeMap<>(Comparator.reverseOrder());
        for (ConsentRecords.DayCount c : counts) {
            byDay.computeIfAbsent(c.day(), d -> new TreeMap<>()).put(c.choice(), c.count());
        }
        return byDay.entrySet().stream()
                .map(e -> List.of(
                        e.getKey(),
                        String.valueOf(e.getValue().getOrDefault(Selection.ACCEPT_ALL, 0L)),
                        String.valueOf(e.getValue().getOrDefault(Selection.REJECT_ALL, 0L)),
                        String.valueOf(e.getValue().getOrDefault(Selection.CUSTOM, 0L))))
                .toList();
    }

    private static String pluginRoot(HttpServletRequest request) {
        Object root = request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT);
        return root == null ? "consent" : root.toString();
    }

    private static String time(OffsetDateTime at) {
        return TIME.format(at.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
