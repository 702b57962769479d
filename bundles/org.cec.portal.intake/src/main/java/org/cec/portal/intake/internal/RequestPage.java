package org.cec.portal.intake.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * /request/draft/<token>}, or has given the preferences consent: then, once step 1 is valid, every
 * step keeps what was typed in a draft the browser remembers ({@link DraftCookie}), and the next
 * {@code GET /request} offers to continue it or start over.
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
    private final transient DraftCookie kept;
    private final transient References decoys = new References(new SecureRandom());

    @Activate
    public RequestPage(
            @Reference ViewRenderer views,
            @Reference Catalog catalog,
            @Reference IntakeRules rules,
            @Reference RequestService requests,
            @Reference Prefill prefill,
            @Reference DraftStore drafts,
            @Reference DraftCookie kept) {
        this.views = views;
        this.drafts = drafts;
        this.kept = kept;
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
        Optional<DraftCookie.Remembered> saved = kept.remembered(request, response);
        if (saved.isPresent()) {
            offer(request, response, saved.get(), snapshot);
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
        boolean keeping = kept.allowed(request);
        if (!keeping) {
            // Refused or withdrawn: a draft kept for the consent goes, with the cookie that named it.
            kept.withdraw(request, response, draft);
        } else if (draft.isEmpty()) {
            draft = kept.token(request).orElse("");
        }
        if (Validator.AGE_CHILD.equals(state.get("age"))) {
            // Nothing of an under-13 visitor is kept, including a draft saved before the answer.
            kept.forgetAll(request, response, draft);
            draft = "";
            request.setAttribute(DRAFT_ATTRIBUTE, "");
        }
        Map<String, String> contact = validator.contact(state, errors);
        state = state.withFields(contact);
        boolean contactWrong = errors.keySet().stream().anyMatch(FormModel.CONTACT_FIELDS::contains);
        boolean adult = !contactWrong && Validator.AGE_ADULT.equals(state.get("age"));
        switch (step) {
            case "contact" -> {
                if (contactWrong) {
                    show(request, response, "contact", state, only(errors, true), snapshot, 400);
                } else if (Validator.AGE_CHILD.equals(state.get("age"))) {
                    underThirteen(request, response);
                } else {
                    keep(request, response, state, errors, draft, keeping);
                    show(request, response, "services", state, Map.of(), snapshot, 200);
                }
            }
            case "saved" -> {
                if ("start-over".equals(go)) {
                    kept.startOver(request, response);
                    seeOther(response);
                } else {
                    continueSaved(request, response, keeping, snapshot);
                }
            }
            case "services", "review" -> {
                if (back) {
                    if (adult) {
                        keep(request, response, state, errors, draft, keeping);
                    }
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
                    saveDraft(request, response, state, errors, draft, snapshot, keeping);
                    return;
                }
                // Only what can be kept as it is (no field sent twice, nothing that is not text) is kept.
                boolean keepable = only(errors, false).isEmpty();
                Optional<Validator.ValidRequest> valid = validator.request(state, snapshot, errors);
                if (keepable && (valid.isEmpty() || step.equals("services"))) {
                    keep(request, response, state, Map.of(), draft, keeping);
                }
                if (valid.isEmpty()) {
                    show(request, response, "services", state, only(errors, false), snapshot, 400);
                } else if (step.equals("services")) {
                    show(request, response, "review", state, Map.of(), snapshot, 200);
                } else {
                    // Sending deletes the draft in the transaction that stores the request.
                    String reference = requests.submit(valid.get(), "form", draft);
                    if (keeping) {
                        kept.submitted(request, response, draft);
                    }
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
        model.put("kept", Boolean.TRUE.equals(request.getAttribute(KEPT_ATTRIBUTE)));
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
    private static final String KEPT_ATTRIBUTE = RequestPage.class.getName() + ".kept";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.US);

    /**
     * With the preferences consent ({@code keeping}), keeps what was typed so far in the visitor's
     * draft (step 1 valid and 13 or older: the caller checked), unless a field cannot be kept as it is;
     * the page then carries the draft's token.
     */
    private void keep(
            HttpServletRequest request,
            HttpServletResponse response,
            FormState state,
            Map<String, String> errors,
            String draft,
            boolean keeping) {
        if (!keeping || !only(errors, false).isEmpty()) {
            return;
        }
        kept.keep(request, response, state, draft).ifPresent(k -> {
            request.setAttribute(DRAFT_ATTRIBUTE, k.token());
            request.setAttribute(KEPT_ATTRIBUTE, Boolean.TRUE);
            noStore(response);
        });
    }

    /**
     * {@code GET /request} when the browser remembers a draft (preferences consent): offers to continue
     * it or to start over. The page carries no token: the cookie does.
     */
    private void offer(
            HttpServletRequest request,
            HttpServletResponse response,
            DraftCookie.Remembered saved,
            Catalog.Snapshot snapshot)
            throws IOException {
        noStore(response);
        Map<String, String> ignored = new LinkedHashMap<>();
        FormState state = FormState.read(Input.of(saved.draft().fields()), snapshot, ignored);
        Map<String, Object> model = new FormModel(state, Map.of(), snapshot).step("review");
        model.put("until", DAY.format(saved.draft().expiresAt().atZoneSameInstant(ZoneOffset.UTC)));
        model.put("asked", DraftStore.ASKED.equals(saved.draft().reason()));
        model.put("hidden", List.of());
        views.render(request, response, View.of("intake/continue.ftlh", TITLE, model));
    }

    /** "Continue my request" on the offer: the remembered draft on its step, or the form when it is gone. */
    private void continueSaved(
            HttpServletRequest request, HttpServletResponse response, boolean keeping, Catalog.Snapshot snapshot)
            throws IOException {
        Optional<String> token = keeping ? kept.token(request) : Optional.empty();
        Optional<Map<String, List<String>>> saved = token.flatMap(drafts::resume);
        if (saved.isEmpty()) {
            // Gone meanwhile (sent, purged, consent withdrawn): the form, as if nothing had been saved.
            seeOther(response);
            return;
        }
        noStore(response);
        showSaved(request, response, token.get(), saved.get(), snapshot);
    }

    private static void seeOther(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", PATH);
    }

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
            Catalog.Snapshot snapshot,
            boolean keeping)
            throws IOException {
        Map<String, String> other = only(errors, false);
        if (!other.isEmpty()) {
            // Something on the services step cannot be kept as it is (sent twice, not text): say so first.
            show(request, response, "services", state, other, snapshot, 400);
            return;
        }
        String token = drafts.save(state, previous);
        if (keeping) {
            kept.remember(request, response, token);
        }
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
        showSaved(request, response, token, saved.get(), snapshot);
    }

    /** A saved draft again: the review step when everything is still valid, else the services step. */
    private void showSaved(
            HttpServletRequest request,
            HttpServletResponse response,
            String token,
            Map<String, List<String>> saved,
            Catalog.Snapshot snapshot)
            throws IOException {
        Map<String, String> ignored = new LinkedHashMap<>();
        FormState state = FormState.read(Input.of(saved), snapshot, ignored);
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
