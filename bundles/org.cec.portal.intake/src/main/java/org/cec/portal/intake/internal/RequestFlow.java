package org.cec.portal.intake.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request form's step flow: given a post of one step, decides what comes next (the same step with
 * its errors, the next or previous step, the under-13 page, a saved draft, the confirmation) and does
 * what that takes (submits the request, remembers the contact fields). Drafts are kept by one
 * collaborator, {@link DraftKeeping}, called at known points; the page ({@link RequestPage}) renders
 * the {@link Outcome}.
 *
 * <p>The rules, in order: a filled honeypot gets a confirmation and nothing is stored; without the
 * preferences consent a draft kept for it goes; an under-13 answer forgets every draft and nothing of
 * the child's is carried on; step 1 must be valid before any other step is shown; "Back" never
 * validates the step it leaves.
 */
final class RequestFlow {

    private static final Logger LOG = LoggerFactory.getLogger(RequestFlow.class);

    /** What the page shows after a post. */
    sealed interface Outcome {}

    /** A step of the form, with what was typed, its errors and the draft the page carries. */
    record Show(
            FormStep step,
            FormState state,
            Map<String, String> errors,
            int status,
            String draft,
            boolean kept,
            boolean prefilled)
            implements Outcome {}

    /** The kind page for a visitor under 13; it carries nothing of what they typed. */
    record UnderThirteen() implements Outcome {}

    /** The confirmation with the request's reference. */
    record Done(String reference, FormState state) implements Outcome {}

    /** "Request saved for later" with the draft's link. */
    record DraftSaved(FormState state, String token) implements Outcome {}

    /** A redirect to the empty form ({@code 303 /request}). */
    record StartAgain() implements Outcome {}

    private final IntakeRules rules;
    private final RequestSubmissions requests;
    private final Prefill prefill;
    private final DraftStore drafts;
    private final DraftCookie cookie;
    private final References decoys = new References(new SecureRandom());

    RequestFlow(
            IntakeRules rules, RequestSubmissions requests, Prefill prefill, DraftStore drafts, DraftCookie cookie) {
        this.rules = rules;
        this.requests = requests;
        this.prefill = prefill;
        this.drafts = drafts;
        this.cookie = cookie;
    }

    /** The draft keeping of a page that is only shown. */
    DraftKeeping forPage(HttpServletRequest request, HttpServletResponse response) {
        return DraftKeeping.forPage(cookie, drafts, request, response);
    }

    /** A post of the form, in the language of {@code snapshot}: what comes next. */
    Outcome post(HttpServletRequest request, HttpServletResponse response, Catalog.Snapshot snapshot) {
        Validator validator = rules.validator(snapshot.texts());
        Map<String, String> errors = new LinkedHashMap<>();
        FormState state = FormState.read(Input.of(request), snapshot, errors);
        if (!state.honeypot().isEmpty()) {
            // A robot filled the field people never see: it gets what a person would, nothing is stored.
            LOG.info("A request form post filled the honeypot field; nothing stored");
            return new Done(decoys.next(), state);
        }
        String step = param(request, "step");
        String go = param(request, "go");
        DraftKeeping keeping = DraftKeeping.forPost(cookie, drafts, request, response);
        boolean child = Validator.AGE_CHILD.equals(state.get("age"));
        if (child) {
            // Nothing of an under-13 visitor is kept, including a draft saved before the answer.
            keeping.forgetAll();
        }
        state = state.withFields(validator.contact(state, errors));
        if ("saved".equals(step)) {
            return saved(go, keeping, snapshot);
        }
        Optional<FormStep> from = FormStep.of(step);
        if (from.isEmpty()) {
            Map<String, String> unknown = Map.of("step", snapshot.texts().get("intake.error.step"));
            return show(FormStep.CONTACT, FormState.empty(), unknown, 400, keeping);
        }
        boolean contactWrong = !only(errors, true).isEmpty();
        if ("back".equals(go) && from.get() != FormStep.CONTACT) {
            if (!contactWrong && Validator.AGE_ADULT.equals(state.get("age"))) {
                keeping.keep(state, only(errors, false));
            }
            return show(from.get().previous(), state, Map.of(), 200, keeping);
        }
        if (contactWrong) {
            return show(FormStep.CONTACT, state, only(errors, true), 400, keeping);
        }
        if (child) {
            return new UnderThirteen();
        }
        if (from.get() == FormStep.CONTACT) {
            keeping.keep(state, only(errors, false));
            return show(FormStep.SERVICES, state, Map.of(), 200, keeping);
        }
        if ("draft".equals(go)) {
            return saveForLater(state, errors, keeping, snapshot.locale());
        }
        return servicesOrReview(from.get(), state, errors, keeping, snapshot, validator, request, response);
    }

    /** The services or the review step sent forward: the next step, the same one with errors, or submitted. */
    private Outcome servicesOrReview(
            FormStep from,
            FormState state,
            Map<String, String> errors,
            DraftKeeping keeping,
            Catalog.Snapshot snapshot,
            Validator validator,
            HttpServletRequest request,
            HttpServletResponse response) {
        // Only what can be kept as it is (no field sent twice, nothing that is not text) is kept.
        Map<String, String> unkeepable = only(errors, false);
        Optional<Validator.ValidRequest> valid = validator.request(state, snapshot, errors);
        if (valid.isEmpty() || from == FormStep.SERVICES) {
            keeping.keep(state, unkeepable);
        }
        if (valid.isEmpty()) {
            return show(FormStep.SERVICES, state, only(errors, false), 400, keeping);
        }
        if (from == FormStep.SERVICES) {
            return show(FormStep.REVIEW, state, Map.of(), 200, keeping);
        }
        // Sending deletes the draft in the transaction that stores the request.
        String reference = requests.submit(valid.get(), "form", keeping.submissionToken());
        keeping.submitted();
        prefill.remember(request, response, valid.get());
        return new Done(reference, state);
    }

    /** The offer of a remembered draft was answered: start over, or continue it. */
    private Outcome saved(String go, DraftKeeping keeping, Catalog.Snapshot snapshot) {
        if ("start-over".equals(go)) {
            keeping.startOver();
            return new StartAgain();
        }
        Optional<Map<String, List<String>>> saved = keeping.continueRemembered();
        // Gone meanwhile (sent, purged, consent withdrawn): the form, as if nothing had been saved.
        return saved.isEmpty() ? new StartAgain() : resumed(saved.get(), keeping, snapshot);
    }

    /**
     * "Email me a link to finish later" on the services or review step, after step 1 was valid and the
     * visitor is 13 or older: stores the draft, unless something on the services step cannot be kept as
     * it is (sent twice, not text): that is said first.
     */
    private Outcome saveForLater(
            FormState state, Map<String, String> errors, DraftKeeping keeping, java.util.Locale language) {
        Map<String, String> other = only(errors, false);
        if (!other.isEmpty()) {
            return show(FormStep.SERVICES, state, other, 400, keeping);
        }
        return new DraftSaved(state, keeping.saveForLater(state, language));
    }

    /** A saved draft again: the review step when everything is still valid, else the services step. */
    Show resumed(Map<String, List<String>> saved, DraftKeeping keeping, Catalog.Snapshot snapshot) {
        Validator validator = rules.validator(snapshot.texts());
        Map<String, String> ignored = new LinkedHashMap<>();
        FormState state = FormState.read(Input.of(saved), snapshot, ignored);
        state = state.withFields(validator.contact(state, ignored));
        boolean complete =
                validator.request(state, snapshot, new LinkedHashMap<>()).isPresent();
        return show(complete ? FormStep.REVIEW : FormStep.SERVICES, state, Map.of(), 200, keeping);
    }

    private static Show show(
            FormStep step, FormState state, Map<String, String> errors, int status, DraftKeeping keeping) {
        return new Show(step, state, errors, status, keeping.pageToken(), keeping.kept(), false);
    }

    /** The errors of the contact fields ({@code contactFields}) or of all others. */
    static Map<String, String> only(Map<String, String> errors, boolean contactFields) {
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
