package org.cec.portal.consent.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cec.portal.api.consent.OptOut;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.api.web.PortalWeb;
import org.cec.portal.api.web.View;
import org.cec.portal.api.web.ViewRenderer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /privacy/choices}: shows and changes the visitor's choices (the banner posts here too), and
 * takes person-level opt-outs ({@code /privacy/opt-out}) and requests to opt back in ({@code
 * /privacy/opt-in}) by email address. Notices and errors are handed to the template as message keys of
 * this bundle ({@code consent.choices.*}, {@code consent.person.*}).
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern({ChoicesPage.CHOICES, ChoicesPage.OPT_OUT, ChoicesPage.OPT_IN})
public final class ChoicesPage extends HttpServlet {

    static final String CHOICES = "/privacy/choices";
    static final String OPT_OUT = "/privacy/opt-out";
    static final String OPT_IN = "/privacy/opt-in";
    /** The paths whose pages show the choices form (so the banner stays away from them). */
    static final java.util.Set<String> PATHS = java.util.Set.of(CHOICES, OPT_OUT, OPT_IN);

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ChoicesPage.class);
    private static final String TITLE = "%consent.choices.title";

    private final transient ViewRenderer views;
    private final transient VisitorConsent visitors;

    /** Absent while the module's database is not available: choices cannot be recorded then. */
    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile ConsentRecords records;

    /** Absent with the module's database, like {@link #records}. */
    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile OptIns optIns;

    @Activate
    public ChoicesPage(@Reference ViewRenderer views, @Reference VisitorConsent visitors) {
        this.views = views;
        this.visitors = visitors;
    }

    /** For tests: a page with its records at hand. */
    ChoicesPage(ViewRenderer views, VisitorConsent visitors, ConsentRecords records, OptIns optIns) {
        this(views, visitors);
        this.records = records;
        this.optIns = optIns;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!CHOICES.equals(request.getServletPath())) {
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", CHOICES);
            return;
        }
        Map<String, Object> model = model(request);
        if (request.getParameter("saved") != null) {
            model.put("notice", "consent.choices.notice.saved");
        } else if (request.getParameter("opted-out") != null) {
            model.put("notice", "consent.choices.notice.optedOut");
        } else if (request.getParameter("opt-in") != null) {
            model.put("notice", "consent.choices.notice.optIn");
        } else if (request.getParameter("opted-in") != null) {
            model.put("notice", "consent.choices.notice.optedIn");
        }
        views.render(request, response, View.of("consent/choices.ftlh", TITLE, model));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ConsentRecords store = records;
        OptIns asking = optIns;
        if (store == null || asking == null) {
            Map<String, Object> model = model(request);
            model.put("error", "consent.choices.error.unavailable");
            views.render(request, response, new View("consent/choices.ftlh", TITLE, model, 503));
            return;
        }
        switch (request.getServletPath()) {
            case CHOICES -> choose(request, response, store);
            case OPT_OUT, OPT_IN -> person(request, response, store, asking, OPT_OUT.equals(request.getServletPath()));
            default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private void choose(HttpServletRequest request, HttpServletResponse response, ConsentRecords store)
            throws IOException {
        Optional<Selection> selection = Selection.fromForm(request::getParameter);
        if (selection.isEmpty()) {
            Map<String, Object> model = model(request);
            model.put("error", "consent.choices.error.noChoice");
            views.render(request, response, new View("consent/choices.ftlh", TITLE, model, 400));
            return;
        }
        boolean fromBanner = request.getParameter("return") != null;
        Choice choice = store.record(
                selection.get(),
                visitors.signals(request),
                visitors.signalHonoured(request),
                fromBanner ? ConsentRecords.FROM_BANNER : ConsentRecords.FROM_PAGE,
                Languages.of(request));
        visitors.remember(request, response, choice);
        String target = fromBanner ? ReturnPath.orElse(request.getParameter("return"), "/") : CHOICES + "?saved";
        if (CHOICES.equals(target)) {
            target = CHOICES + "?saved";
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", target);
    }

    private void person(
            HttpServletRequest request, HttpServletResponse response, ConsentRecords store, OptIns asking, boolean out)
            throws IOException {
        String typed = request.getParameter("email");
        Optional<String> email = Emails.normalise(typed);
        Set<OptOut> kinds = EnumSet.noneOf(OptOut.class);
        for (OptOut kind : OptOut.values()) {
            String value = request.getParameter(kind.id());
            if (value != null && !value.isEmpty()) {
                kinds.add(kind);
            }
        }
        if (email.isEmpty() || kinds.isEmpty()) {
            Map<String, Object> model = model(request);
            String prefix = out ? "optOut" : "optIn";
            model.put(prefix + "Email", typed == null ? "" : typed);
            model.put(prefix + "Kinds", kinds.stream().map(OptOut::id).toList());
            model.put(prefix + "Error", email.isEmpty() ? "consent.person.error.email" : "consent.person.error.kinds");
            views.render(request, response, new View("consent/choices.ftlh", TITLE, model, 400));
            return;
        }
        for (OptOut kind : kinds) {
            if (out) {
                store.optOut(email.get(), kind);
            } else {
                asking.request(email.get(), kind, Languages.of(request));
            }
        }
        LOG.debug("Person-level {} recorded for {} kind(s)", out ? "opt-out" : "opt-in request", kinds.size());
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", CHOICES + (out ? "?opted-out" : "?opt-in"));
    }

    private Map<String, Object> model(HttpServletRequest request) {
        Map<String, Object> model = new HashMap<>();
        Optional<Choice> current = visitors.current(request);
        Optional<Choice> latest = visitors.latest(request);
        model.put("hasChoice", current.isPresent());
        model.put("askedAgain", current.isEmpty() && latest.isPresent());
        current.ifPresent(c -> {
            model.put("receiptId", c.receiptId());
            model.put("choiceMadeAt", c.madeAt());
            model.put("choiceVersion", c.policyVersion());
        });
        model.put("policyVersion", visitors.settings().policyVersion());
        model.put("purposes", Purposes.optional(latest.map(Choice::selection).orElse(null)));
        Signals signals = visitors.signals(request);
        model.put("signalSeen", signals.any());
        model.put("signalHonoured", visitors.signalHonoured(request));
        model.put("signalKind", Purposes.signalKind(signals));
        model.put("signalOverridden", current.map(Choice::signalAtChoice).orElse(false));
        model.put("notice", "");
        model.put("error", "");
        for (String prefix : new String[] {"optOut", "optIn"}) {
            model.put(prefix + "Email", "");
            model.put(prefix + "Kinds", java.util.List.of());
            model.put(prefix + "Error", "");
        }
        return model;
    }
}
