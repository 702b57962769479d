package org.cec.portal.admin.internal.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cec.portal.admin.internal.accounts.Account;
import org.cec.portal.admin.internal.accounts.StaffAccounts;
import org.cec.portal.admin.internal.sessions.StaffSession;
import org.cec.portal.admin.internal.sessions.StaffSessions;
import org.cec.portal.admin.internal.sessions.Stage;
import org.cec.portal.api.audit.AuditEntry;
import org.cec.portal.api.audit.AuditLog;
import org.cec.portal.api.web.CookieProtection;
import org.cec.portal.api.web.View;
import org.cec.portal.api.web.ViewRenderer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The steps of a console sign-in, shared by its pages: password, then (when asked) a new password,
 * then the second factor (enrolment for an admin without one, its code for everyone who has one).
 * Every step starts a new session id ({@link StaffSessions#advance}), and each outcome is audited.
 */
@Component(service = SignInSteps.class)
public final class SignInSteps {

    /** The module name of the sign-in's audit entries. */
    static final String MODULE = "admin";

    private final StaffAccounts accounts;
    private final StaffSessions sessions;
    private final CookieProtection cookies;
    private final AuditLog audit;
    private final SignInGuard guard;

    @Activate
    public SignInSteps(
            @Reference StaffAccounts accounts,
            @Reference StaffSessions sessions,
            @Reference CookieProtection cookies,
            @Reference AuditLog audit,
            @Reference SignInGuard guard) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.cookies = cookies;
        this.audit = audit;
        this.guard = guard;
    }

    StaffAccounts accounts() {
        return accounts;
    }

    StaffSessions sessions() {
        return sessions;
    }

    /** The request's session if it is at one of {@code stages}. */
    Optional<StaffSession> session(HttpServletRequest request, Set<Stage> stages) {
        return StaffCookie.sessionId(request, cookies).flatMap(sessions::find).filter(s -> stages.contains(s.stage()));
    }

    /** The stage that follows a right password. */
    static Stage afterPassword(Account account) {
        if (account.mustChange()) {
            return Stage.CHANGE_PASSWORD;
        }
        return afterNewPassword(account);
    }

    /** The stage that follows a new password (or a password that need not change). */
    static Stage afterNewPassword(Account account) {
        if (account.hasSecondFactor()) {
            return Stage.TOTP;
        }
        return account.needsSecondFactor() ? Stage.TOTP_ENROL : Stage.SIGNED_IN;
    }

    /**
     * Starts a session of {@code account} at {@code stage}, sets its cookie and sends the browser on;
     * a session that is signed in at once is audited as a sign-in.
     */
    void start(HttpServletRequest request, HttpServletResponse response, Account account, Stage stage, String next) {
        String id = sessions.start(account.username(), stage, request.getRemoteAddr());
        StaffCookie.set(request, response, cookies, id);
        if (stage == Stage.SIGNED_IN) {
            signedIn(request, account.username());
        }
        go(response, stage, next);
    }

    /** Moves {@code session} on to {@code stage} under a new id, sets its cookie and sends the browser on. */
    void advance(
            HttpServletRequest request, HttpServletResponse response, StaffSession session, Stage stage, String next) {
        StaffCookie.set(request, response, cookies, sessions.advance(session, stage, request.getRemoteAddr()));
        if (stage == Stage.SIGNED_IN && session.stage() != Stage.SIGNED_IN) {
            signedIn(request, session.username());
        }
        go(response, stage, next);
    }

    /** A sign-in is complete: its failures are forgotten, and it is audited. */
    void signedIn(HttpServletRequest request, String username) {
        guard.succeeded(request.getRemoteAddr(), username);
        audit(request, username, "sign-in", "");
    }

    /** Moves {@code session} on to {@code stage} and sets its cookie, without answering yet. */
    void advanceQuietly(HttpServletRequest request, HttpServletResponse response, StaffSession session, Stage stage) {
        StaffCookie.set(request, response, cookies, sessions.advance(session, stage, request.getRemoteAddr()));
    }

    /** Sends the browser to where {@code stage} continues (the console for a finished sign-in). */
    static void go(HttpServletResponse response, Stage stage, String next) {
        String safe = SignInPaths.safeNext(next);
        String location = stage == Stage.SIGNED_IN
                ? safe
                : stage.path() + (safe.equals(SignInPaths.CONSOLE) ? "" : "?next=" + url(safe));
        redirect(response, location);
    }

    static void redirect(HttpServletResponse response, String location) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location);
    }

    /** Sends a request without a session of the right stage back to the sign-in page. */
    static void toSignIn(HttpServletResponse response) {
        redirect(response, SignInPaths.SIGN_IN + "?expired");
    }

    /** Audits a sign-in event of {@code username} from the request's address. */
    void audit(HttpServletRequest request, String username, String action, String detail) {
        audit.record(new AuditEntry(username, request.getRemoteAddr(), MODULE, action, username, detail));
    }

    /** Renders a sign-in page; {@code model} gets {@code next} when the request carries a safe one. */
    static void render(
            ViewRenderer views,
            HttpServletRequest request,
            HttpServletResponse response,
            String template,
            String title,
            Map<String, Object> model,
            int status)
            throws IOException {
        response.setHeader("Cache-Control", "no-store");
        Map<String, Object> m = new HashMap<>(model);
        String next = SignInPaths.safeNext(request.getParameter("next"));
        if (!next.equals(SignInPaths.CONSOLE)) {
            m.put("next", next);
        }
        views.render(request, response, new View(template, title, m, status));
    }

    static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
