package org.cec.portal.intake.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.web.PortalWeb;
import org.cec.portal.api.web.View;
import org.cec.portal.api.web.ViewRenderer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /request}: the homeowner's request form in three steps (contact, services, review), plain
 * HTML form posts without JavaScript. What was typed travels between the steps in hidden fields of the
 * page itself: nothing is kept on the server until the request is submitted, unless the visitor asks
 * for a draft ("Email me a link to finish later", {@link DraftStore}), resumed at {@code
 * /request/draft/<token>}.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern({RequestPage.PATH, RequestPage.PATH + "/draft/*"})
public final class RequestPage extends HttpServlet {

    static final String PATH = "/request";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RequestPage.class);
    private static final String TITLE = "Request a service";

    private final transient ViewRenderer views;
    private final transient Catalog catalog;
    private final transient Validator validator;
    private final transient RequestService requests;
    private final transient Prefill prefill;
    private final transient DraftStore drafts;
    private final transient References decoys = new References(new SecureRandom());

    @Activate
    public RequestPage(
            @Reference ViewRenderer views,
            @Reference Catalog catalog,
            @Reference IntakeRules rules,
            @Reference RequestService requests,
            @Reference Prefill prefill,
            @Reference DraftStore drafts) {
        this.views = views;
        this.drafts = drafts;
        this.prefill = prefill;
        this.catalog = catalog;
        this.validator = rules.validator();
        this.requests = requests;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Catalog.Snapshot snapshot = catalog.snapshot();
        if (!PATH.equals(request.getServletPath())) {
            resume(request, response, snapshot);
            return;
        }
        Map<String, String> remembered = prefill.read(request, response);
        FormState state = FormState.empty().withFields(remembered);
        show(request, response, "contact", state, Map.of(), snapshot, 200, !remembered.isEmpty());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Catalog.Snapshot snapshot = catalog.snapshot();
        Map<String, String> errors = new LinkedHashMap<>();
        FormState state = FormState.read(Input.of(request), snapshot, errors);
        if (!state.honeypot().isEmpty()) {
            // A robot filled the field people never see: it gets what a person would, nothing is stored.
            LOG.info("A request form post filled the honeypot field; nothing stored");
            done(request, response, decoys.next(), state, snapshot);
            return;
        }
        String step = param(request, "step");
        String go = param(request, "go");
        boolean back = "back".equals(go);
        String draft = DraftStore.looksLikeToken(param(request, "draft")) ? param(request, "draft") : "";
        Map<String, String> contact = validator.contact(state, errors);
        state = state.withFields(contact);
        boolean contactWrong = errors.keySet().stream().anyMatch(FormModel.CONTACT_FIELDS::contains);
        switch (step) {
            case "contact" -> {
                if (contactWrong) {
                    show(request, response, "contact", state, only(errors, true), snapshot, 400);
                } else if (Validator.AGE_CHILD.equals(state.get("age"))) {
                    underThirteen(request, response);
                } else {
                    show(request, response, "services", state, Map.of(), snapshot, 200);
                }
            }
            case "services", "review" -> {
                if (back) {
                    show(
                            request,
                            response,
                            step.equals("review") ? "services" : "contact",
                            state,
                            Map.of(),
                            snapshot,
                            200);
                    return;
                }
                if (contactWrong) {
                    show(request, response, "contact", state, only(errors, true), snapshot, 400);
                    return;
                }
                if (Validator.AGE_CHILD.equals(state.get("age"))) {
                    underThirteen(request, response);
                    return;
                }
                if ("draft".equals(go)) {
                    saveDraft(request, response, state, errors, draft, snapshot);
                    return;
                }
                Optional<Validator.ValidRequest> valid = validator.request(state, snapshot, errors);
                if (valid.isEmpty()) {
                    show(request, response, "services", state, only(errors, false), snapshot, 400);
                } else if (step.equals("services")) {
                    show(request, response, "review", state, Map.of(), snapshot, 200);
                } else {
                    String reference = requests.submit(valid.get(), "form", draft);
                    prefill.remember(request, response, valid.get());
                    done(request, response, reference, state, snapshot);
                }
            }
            default -> {
                errors.clear();
                errors.put("step", "The form was sent in a way we do not understand. Start here again.");
                show(request, response, "contact", FormState.empty(), errors, snapshot, 400);
            }
        }
    }

    private void show(
            HttpServletRequest request,
            HttpServletResponse response,
            String step,
            FormState state,
            Map<String, String> errors,
            Catalog.Snapshot snapshot,
            int status)
            throws IOException {
        show(request, response, step, state, errors, snapshot, status, false);
    }

    private void show(
            HttpServletRequest request,
            HttpServletResponse response,
            String step,
            FormState state,
            Map<String, String> errors,
            Catalog.Snapshot snapshot,
            int status,
            boolean prefilled)
            throws IOException {
        Map<String, Object> model = new FormModel(state, errors, snapshot).step(step);
        model.put("prefilled", prefilled);
        Object draft = request.getAttribute(DRAFT_ATTRIBUTE);
        if (draft == null) {
            String sent = param(request, "draft");
            draft = DraftStore.looksLikeToken(sent) ? sent : "";
        }
        model.put("draft", draft);
        model.put("draftDays", drafts.retention().toDays());
        String heading =
                switch (step) {
                    case "services" -> "Step 2 of 3: what you need";
                    case "review" -> "Step 3 of 3: check and send";
                    default -> "Step 1 of 3: how to reach you";
                };
        model.put("heading", heading);
        views.render(request, response, new View("intake/" + step + ".ftlh", TITLE, model, status));
    }

    private static final String DRAFT_ATTRIBUTE = RequestPage.class.getName() + ".draft";

    /**
     * "Email me a link to finish later" on the services or review step, after step 1 was valid and the
     * visitor is 13 or older (the caller checked both): stores the draft with its event and says so.
     */
    private void saveDraft(
            HttpServletRequest request,
            HttpServletResponse response,
            FormState state,
            Map<String, String> errors,
            String previous,
            Catalog.Snapshot snapshot)
            throws IOException {
        Map<String, String> other = only(errors, false);
        if (!other.isEmpty()) {
            // Something on the services step cannot be kept as it is (sent twice, not text): say so first.
            show(request, response, "services", state, other, snapshot, 400);
            return;
        }
        String token = drafts.save(state, previous);
        noStore(response);
        Map<String, Object> model = new HashMap<>();
        model.put("email", state.get("email"));
        model.put("link", DraftStore.LINK_PREFIX + token);
        model.put("days", drafts.retention().toDays());
        views.render(request, response, View.of("intake/draft-saved.ftlh", "Request saved for later", model));
    }

    /** {@code GET /request/draft/<token>}: the saved request again, or a kind page when there is none. */
    private void resume(HttpServletRequest request, HttpServletResponse response, Catalog.Snapshot snapshot)
            throws IOException {
        noStore(response);
        String info = request.getPathInfo();
        String token = info == null ? "" : info.substring(1);
        Optional<Map<String, List<String>>> saved =
                DraftStore.looksLikeToken(token) ? drafts.resume(token) : Optional.empty();
        if (saved.isEmpty()) {
            views.render(
                    request,
                    response,
                    new View(
                            "intake/draft-missing.ftlh",
                            TITLE,
                            Map.of("days", drafts.retention().toDays()),
                            404));
            return;
        }
        Map<String, String> ignored = new LinkedHashMap<>();
        FormState state = FormState.read(Input.of(saved.get()), snapshot, ignored);
        state = state.withFields(validator.contact(state, ignored));
        request.setAttribute(DRAFT_ATTRIBUTE, token);
        boolean complete =
                validator.request(state, snapshot, new LinkedHashMap<>()).isPresent();
        show(request, response, complete ? "review" : "services", state, Map.of(), snapshot, 200);
    }

    private static void noStore(HttpServletResponse response) {
        // The page or its address carries the draft's token: no caches, no Referer to other sites.
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
    }

    private void underThirteen(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Nothing of what a child typed is stored, logged or carried on: the page has no form fields.
        views.render(request, response, View.of("intake/under13.ftlh", TITLE, Map.of()));
    }

    private void done(
            HttpServletRequest request,
            HttpServletResponse response,
            String reference,
            FormState state,
            Catalog.Snapshot snapshot)
            throws IOException {
        Map<String, Object> model = new FormModel(state, Map.of(), snapshot).step("done");
        model.put("reference", reference);
        model.put("hidden", List.of());
        views.render(request, response, View.of("intake/done.ftlh", "Request received", model));
    }

    private static Map<String, String> only(Map<String, String> errors, boolean contactFields) {
        Map<String, String> out = new LinkedHashMap<>();
        errors.forEach((k, v) -> {
            if (FormModel.CONTACT_FIELDS.contains(k) == contactFields) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static String param(HttpServletRequest request, String name) {
        String v = request.getParameter(name);
        return v == null ? "" : v;
    }
}
