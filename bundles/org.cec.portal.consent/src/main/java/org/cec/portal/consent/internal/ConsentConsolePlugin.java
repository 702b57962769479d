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
 * purpose, rendered from {@code templates/consent/console/consent.ftlh} (auto-escaped) in the staff
 * member's language: the texts are {@code console.consent.*} of {@code messages/messages*.properties}, the
 * model hands over their keys and arguments. The console signs the admin in.
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

    /** The bundle name of a declaration whose bundle is gone; the page shows a text instead. */
    private static final String GONE = "(gone)";

    /** The purposes of a declaration that failed; the page shows a text instead. */
    private static final String FAILED = "(error)";

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

    /** A page reading {@code records} from the start (unit tests; in the portal DS binds them as they come and go). */
    ConsentConsolePlugin(ConsoleViewRenderer views, AuditLog audit, ConsentRecords records) {
        this(views, audit);
        this.records = records;
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
        model.put(
                "countHeadings",
                List.of(
                        "console.consent.counts.day",
                        "console.consent.counts." + Selection.ACCEPT_ALL,
                        "console.consent.counts." + Selection.REJECT_ALL,
                        "console.consent.counts." + Selection.CUSTOM));
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

    /** Bundle, purposes, what for; a cell is a value or a {@link #text}. */
    private List<List<Object>> purposes() {
        Map<String, String> rows = new TreeMap<>();
        declarations.forEach((ref, declaration) -> {
            Bundle bundle = ref.getBundle();
            String name = bundle == null ? GONE : bundle.getSymbolicName();
            try {
                String purposes = declaration.purposes().stream()
                        .sorted()
                        .map(Purpose::id)
                        .collect(Collectors.joining(", "));
                rows.merge(name + "\u0000" + purposes, declaration.use(), (x, y) -> x + " " + y);
            } catch (RuntimeException broken) {
                rows.put(name + "\u0000" + FAILED, broken.getClass().getName());
            }
        });
        return rows.entrySet().stream()
                .map(e -> {
                    String[] key = e.getKey().split("\u0000", 2);
                    Object bundle = key[0].equals(GONE) ? text("console.consent.purposes.gone") : key[0];
                    return key[1].equals(FAILED)
                            ? List.of(
                                    bundle,
                                    text("console.consent.purposes.error"),
                                    text("console.consent.purposes.failed", e.getValue()))
                            : List.<Object>of(bundle, key[1], e.getValue());
                })
                .toList();
    }

    /** A text of the page: its message key and arguments, rendered by the template in the page's language. */
    static Map<String, Object> text(String key, Object... args) {
        return Map.of("key", key, "args", List.of(args));
    }

    /** The receipt's fields (a label key and a value or {@link #text}), or no rows when there is no receipt with that id. */
    private static List<List<Object>> receipt(Optional<ReceiptEntity> receipt) {
        if (receipt.isEmpty()) {
            return List.of();
        }
        ReceiptEntity r = receipt.get();
        return List.of(
                field("receipt", r.receiptId()),
                field("made", time(r.createdAt())),
                field("choice", choice(r)),
                field("necessary", text("console.consent.receipt.grantedAlways")),
                field("preferences", granted(r.preferences())),
                field("analytics", granted(r.analytics())),
                field("marketing", granted(r.marketing())),
                field("language", r.language()),
                field("policyVersion", r.policyVersion()),
                field("policyHash", r.policyHash()),
                field("bannerHash", r.bannerHash()),
                field("dnt", text("console.consent.receipt.sent." + r.dnt())),
                field("gpc", text("console.consent.receipt.sent." + r.gpc())));
    }

    private static List<Object> field(String name, Object value) {
        return List.of(text("console.consent.receipt." + name), value);
    }

    private static Map<String, Object> choice(ReceiptEntity r) {
        return switch (r.source()) {
            case ConsentRecords.FROM_BANNER -> text("console.consent.receipt.fromBanner", r.choice());
            case ConsentRecords.FROM_PAGE -> text("console.consent.receipt.fromPage", r.choice());
            default -> text("console.consent.receipt.from", r.choice(), r.source());
        };
    }

    private static Map<String, Object> granted(boolean granted) {
        return text(granted ? "console.consent.receipt.granted" : "console.consent.receipt.refused");
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
