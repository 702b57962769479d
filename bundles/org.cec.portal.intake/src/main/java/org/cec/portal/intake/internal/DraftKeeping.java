package org.cec.portal.intake.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Draft keeping for one visit of the request form: the one collaborator {@link RequestFlow} calls, at
 * known points, for everything about drafts. It knows which draft the visitor names (the form's
 * hidden {@code draft} field, else the cookie of {@link DraftCookie}), whether their preferences
 * consent lets the form keep what they type, and which draft the next page carries.
 *
 * <ul>
 *   <li>{@link #forPost opened} for a form post: without the consent, a draft kept for it is withdrawn
 *       right away;
 *   <li>{@link #forgetAll} on an under-13 answer;
 *   <li>{@link #keep} after a step that is valid so far;
 *   <li>{@link #saveForLater} for "Email me a link to finish later";
 *   <li>{@link #submitted} once the request is stored;
 *   <li>{@link #startOver} and {@link #continueRemembered} on the page that offers a remembered draft.
 * </ul>
 *
 * <p>Not thread-safe and not a component: one instance per HTTP request.
 */
final class DraftKeeping {

    private final DraftCookie cookie;
    private final DraftStore store;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final boolean allowed;
    /** The draft the visitor names, kept, saved or submitted with what they typed; may be empty. */
    private String token;
    /** The draft the next page carries in its {@code draft} field; may be empty. */
    private String pageToken;

    private boolean kept;

    private DraftKeeping(
            DraftCookie cookie,
            DraftStore store,
            HttpServletRequest request,
            HttpServletResponse response,
            boolean allowed,
            String token,
            String pageToken) {
        this.cookie = cookie;
        this.store = store;
        this.request = request;
        this.response = response;
        this.allowed = allowed;
        this.token = token;
        this.pageToken = pageToken;
    }

    /**
     * For a form post: asks the consent once. Without it, a draft kept for it that the visitor names is
     * deleted and the cookie expired; with it, the cookie's draft is used when the page names none.
     */
    static DraftKeeping forPost(
            DraftCookie cookie, DraftStore store, HttpServletRequest request, HttpServletResponse response) {
        String sent = sentToken(request);
        boolean allowed = cookie.allowed(request);
        String token = sent;
        if (!allowed) {
            cookie.withdraw(request, response, sent);
        } else if (sent.isEmpty()) {
            token = cookie.token(request).orElse("");
        }
        return new DraftKeeping(cookie, store, request, response, allowed, token, sent);
    }

    /** For a page that is only shown ({@code GET}): nothing is kept, the page carries the draft it was given. */
    static DraftKeeping forPage(
            DraftCookie cookie, DraftStore store, HttpServletRequest request, HttpServletResponse response) {
        String sent = sentToken(request);
        return new DraftKeeping(cookie, store, request, response, false, sent, sent);
    }

    private static String sentToken(HttpServletRequest request) {
        String sent = request.getParameter("draft");
        return DraftStore.looksLikeToken(sent) ? sent : "";
    }

    /** The draft the next page carries in its hidden {@code draft} field ("" for none). */
    String pageToken() {
        return pageToken;
    }

    /** Whether this post kept what was typed in the browser's draft (the page says so). */
    boolean kept() {
        return kept;
    }

    /** The draft a submission deletes in the transaction that stores the request ("" for none). */
    String submissionToken() {
        return token;
    }

    /** Under 13: every draft the visitor names goes, whatever kept it, and no page carries one. */
    void forgetAll() {
        cookie.forgetAll(request, response, token);
        token = "";
        pageToken = "";
    }

    /**
     * After a step that is valid so far (step 1 valid, 13 or older: the flow checked): with the consent,
     * keeps what was typed in the visitor's draft, unless a field cannot be kept as it is ({@code
     * otherErrors}: sent twice, not text). The page then carries the draft.
     */
    void keep(FormState state, Map<String, String> otherErrors) {
        if (!allowed || !otherErrors.isEmpty()) {
            return;
        }
        cookie.keep(request, response, state, token).ifPresent(k -> {
            token = k.token();
            pageToken = k.token();
            kept = true;
            noStore(response);
        });
    }

    /** "Email me a link to finish later": stores the draft with its event; the browser remembers it with the consent. */
    String saveForLater(FormState state, java.util.Locale language) {
        String saved = store.save(state, token, language.getLanguage());
        if (allowed) {
            cookie.remember(request, response, saved);
        }
        noStore(response);
        return saved;
    }

    /** After the submission (which deleted the draft): the cookie is expired, with the consent. */
    void submitted() {
        if (allowed) {
            cookie.submitted(request, response, token);
        }
    }

    /** "Start over" on the offer: the remembered draft is deleted and the cookie expired. */
    void startOver() {
        cookie.startOver(request, response);
    }

    /**
     * "Continue my request" on the offer: what the remembered draft holds, when the visitor still allows
     * it and the draft still exists; the page then carries it.
     */
    Optional<Map<String, List<String>>> continueRemembered() {
        Optional<String> remembered = allowed ? cookie.token(request) : Optional.empty();
        Optional<Map<String, List<String>>> saved = remembered.flatMap(store::resume);
        if (saved.isPresent()) {
            noStore(response);
            resumed(remembered.get());
        }
        return saved;
    }

    /** A saved draft is shown again: the page carries it. */
    void resumed(String draft) {
        token = draft;
        pageToken = draft;
    }

    /** The page or its address carries a draft's token: no caches, no Referer to other sites. */
    static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
    }
}
