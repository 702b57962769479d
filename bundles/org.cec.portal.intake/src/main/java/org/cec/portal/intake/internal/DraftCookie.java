package org.cec.portal.intake.internal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.cec.portal.api.consent.ConsentService;
import org.cec.portal.api.web.CookieProtection;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The draft a visitor's browser remembers, only with their {@link org.cec.portal.api.consent.Purpose#PREFERENCES preferences}
 * consent: once step 1 is valid (13 or older), what they typed is kept in a draft ({@link
 * DraftStore#keep}) after every step, and the draft's token is sealed (AES-GCM, the portal's keys,
 * {@link CookieProtection#seal}) into the cookie {@value #COOKIE} (HttpOnly, SameSite=Lax, Secure on
 * HTTPS, path {@code /request}, {@code Max-Age} = the drafts' retention), so that the next {@code GET
 * /request} can offer to continue it.
 *
 * <p>Without the consent (no {@link ConsentService}, refused or withdrawn) nothing is kept: a draft kept
 * for the consent that the visitor still names (cookie or the form's {@code draft} field) is deleted and
 * the cookie expired; a draft the visitor asked for ("Email me a link") stays, since its link was sent.
 * A visitor who answers "under 13" loses every draft they name. A cookie that was altered, sealed by
 * another installation, malformed or naming a draft that no longer exists is ignored (and expired),
 * never an error; so is a database that fails while keeping (the form works on, without a draft).
 */
@Component(service = DraftCookie.class)
public final class DraftCookie {

    static final String COOKIE = "cec_intake_draft";
    static final String PATH = RequestPage.PATH;

    private static final String FORMAT = "d1:";
    private static final String EXPIRED = DraftCookie.class.getName() + ".expired";
    private static final int MAX_COOKIE = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(DraftCookie.class);

    /** The draft a browser remembers, with its token. */
    record Remembered(String token, DraftStore.Draft draft) {}

    private final CookieProtection protection;
    private final DraftStore drafts;

    /** Absent when the consent module is not running: then nothing is kept. */
    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConsentService consent;

    @Activate
    public DraftCookie(@Reference CookieProtection protection, @Reference DraftStore drafts) {
        this.protection = protection;
        this.drafts = drafts;
    }

    /** For tests. */
    DraftCookie(CookieProtection protection, DraftStore drafts, ConsentService consent) {
        this.protection = protection;
        this.drafts = drafts;
        this.consent = consent;
    }

    /** Whether the visitor of {@code request} allows drafts to be kept as they type: asked at every use. */
    boolean allowed(HttpServletRequest request) {
        return FormCookies.preferencesAllowed(consent, request, "no draft is kept");
    }

    /** The token sealed in the visitor's cookie, if it is one of ours; says nothing about the draft. */
    Optional<String> token(HttpServletRequest request) {
        return cookie(request)
                .filter(v -> v.length() <= MAX_COOKIE)
                .flatMap(protection::unseal)
                .filter(v -> v.startsWith(FORMAT))
                .map(v -> v.substring(FORMAT.length()))
                .filter(DraftStore::looksLikeToken);
    }

    /**
     * For {@code GET /request}: the draft this browser remembers, when the visitor still allows it and
     * the draft can still be continued. Otherwise a cookie is expired (and without the consent a draft
     * kept for it deleted).
     */
    Optional<Remembered> remembered(HttpServletRequest request, HttpServletResponse response) {
        if (cookie(request).isEmpty()) {
            return Optional.empty();
        }
        if (!allowed(request)) {
            withdraw(request, response, "");
            return Optional.empty();
        }
        Optional<String> token = token(request);
        Optional<DraftStore.Draft> draft = Optional.empty();
        try {
            draft = token.flatMap(drafts::find);
        } catch (RuntimeException e) {
            LOG.warn("Could not read a request draft ({}); the form starts empty", e.toString());
            return Optional.empty();
        }
        if (draft.isEmpty()) {
            LOG.debug("Ignoring a draft cookie that is altered, foreign, malformed or names no draft");
            expire(request, response);
            return Optional.empty();
        }
        return Optional.of(new Remembered(token.get(), draft.get()));
    }

    /**
     * Keeps {@code state} (step 1 valid, 13 or older: the caller checks; the visitor allows it: the
     * caller asked {@link #allowed}) in the draft of {@code token} or a new one, and remembers that
     * draft in the cookie. Returns its token; empty when the database failed (nothing changes for the
     * visitor then, the form goes on without a draft).
     */
    Optional<DraftStore.Kept> keep(
            HttpServletRequest request, HttpServletResponse response, FormState state, String token) {
        DraftStore.Kept kept;
        try {
            kept = drafts.keep(state, token);
        } catch (RuntimeException e) {
            LOG.warn("Could not keep a request draft ({}); the form goes on without one", e.toString());
            return Optional.empty();
        }
        remember(request, response, kept.token());
        return Optional.of(kept);
    }

    /** Sets the cookie to the draft of {@code token} (the visitor allows it: the caller asked). */
    void remember(HttpServletRequest request, HttpServletResponse response, String token) {
        Cookie cookie = FormCookies.create(request, COOKIE, protection.seal(FORMAT + token));
        cookie.setMaxAge((int) Math.min(Integer.MAX_VALUE, drafts.retention().toSeconds()));
        response.addCookie(cookie);
    }

    /**
     * Without the consent: the drafts kept for it that this visitor names ({@code pageToken}, the form's
     * hidden field, may be empty; the cookie) are deleted and the cookie is expired. Drafts the visitor
     * asked for stay.
     */
    void withdraw(HttpServletRequest request, HttpServletResponse response, String pageToken) {
        deleteNamed(request, response, pageToken, drafts::deleteKept, "after the consent was withdrawn");
    }

    /** Under 13: every draft this visitor names is deleted, whatever kept it, and the cookie expired. */
    void forgetAll(HttpServletRequest request, HttpServletResponse response, String pageToken) {
        deleteNamed(request, response, pageToken, drafts::delete, "for an under-13 answer");
    }

    /** Deletes the drafts of {@code pageToken} and of the cookie with {@code delete}; expires the cookie. */
    private void deleteNamed(
            HttpServletRequest request,
            HttpServletResponse response,
            String pageToken,
            java.util.function.Consumer<String> delete,
            String when) {
        Optional<String> remembered = token(request);
        try {
            delete.accept(pageToken);
            remembered.filter(t -> !t.equals(pageToken)).ifPresent(delete);
        } catch (RuntimeException e) {
            LOG.warn("Could not delete a request draft {} ({})", when, e.toString());
        }
        if (cookie(request).isPresent()) {
            expire(request, response);
        }
    }

    /**
     * After a submission (which deleted the draft of {@code submittedToken}): the cookie is expired, and a
     * different draft it named that was kept for the consent is deleted too (nothing would reach it).
     */
    void submitted(HttpServletRequest request, HttpServletResponse response, String submittedToken) {
        if (cookie(request).isEmpty()) {
            return;
        }
        try {
            token(request).filter(t -> !t.equals(submittedToken)).ifPresent(drafts::deleteKept);
        } catch (RuntimeException e) {
            LOG.warn("Could not delete a request draft after a submission ({})", e.toString());
        }
        expire(request, response);
    }

    /** "Start over": the remembered draft is deleted (the visitor said so) and the cookie expired. */
    void startOver(HttpServletRequest request, HttpServletResponse response) {
        try {
            token(request).ifPresent(drafts::delete);
        } catch (RuntimeException e) {
            LOG.warn("Could not delete a request draft on start over ({})", e.toString());
        }
        if (cookie(request).isPresent()) {
            expire(request, response);
        }
    }

    private static void expire(HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(EXPIRED) != null) {
            return; // one Set-Cookie per response is enough
        }
        request.setAttribute(EXPIRED, Boolean.TRUE);
        response.addCookie(FormCookies.expired(request, COOKIE));
    }

    private static Optional<String> cookie(HttpServletRequest request) {
        return FormCookies.read(request, COOKIE, Integer.MAX_VALUE); // too long: present, but ignored by token()
    }
}
