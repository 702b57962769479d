package org.cec.portal.admin.internal.signin;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.cec.portal.admin.internal.accounts.Account;
import org.cec.portal.admin.internal.accounts.StaffAccounts;
import org.cec.portal.admin.internal.factor.QrCodes;
import org.cec.portal.admin.internal.factor.RecoveryCodes;
import org.cec.portal.admin.internal.factor.Totp;
import org.cec.portal.admin.internal.sessions.StaffSession;
import org.cec.portal.admin.internal.sessions.Stage;
import org.cec.portal.api.web.CookieProtection;
import org.cec.portal.api.web.PortalWeb;
import org.cec.portal.api.web.ViewRenderer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /system/sign-in/totp}: the second factor (TOTP, RFC 6238), field {@code code}.
 * <ul>
 *   <li>Enrolment, for an admin without a second factor (required) or any signed-in account without
 *       one (optional): shows a new secret as text ({@code id="totp-secret"}) and as a QR code drawn
 *       on the server; the first right code stores it, with ten recovery codes shown once.
 *   <li>At sign-in, after the password: a code of the app, each time step at most once (on any node),
 *       or one of the recovery codes, each once. A wrong code counts towards the lockout like a wrong
 *       password.
 * </ul>
 * The secret is stored sealed with the portal's keys (AES-GCM), never in the clear.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(SignInPaths.TOTP)
public final class TotpPage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String TEMPLATE = "signin/totp.ftlh";
    private static final String ISSUER = "CEC Portal";
    private static final int RECOVERY_CODES = 10;

    private final transient SignInSteps steps;
    private final transient SignInGuard guard;
    private final transient ViewRenderer views;
    private final transient CookieProtection keys;
    private final transient Clock clock = Clock.systemUTC();

    @Activate
    public TotpPage(
            @Reference SignInSteps steps,
            @Reference SignInGuard guard,
            @Reference ViewRenderer views,
            @Reference CookieProtection keys) {
        this.steps = steps;
        this.guard = guard;
        this.views = views;
        this.keys = keys;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<StaffSession> session = steps.session(request, Set.of(Stage.TOTP_ENROL, Stage.TOTP, Stage.SIGNED_IN));
        if (session.isEmpty()) {
            SignInSteps.toSignIn(response);
            return;
        }
        if (session.get().stage() == Stage.TOTP) {
            render(request, response, Map.of("mode", "code"), null, 200);
            return;
        }
        Optional<Account> account = steps.accounts().find(session.get().username());
        if (account.isEmpty() || account.get().hasSecondFactor()) {
            SignInSteps.go(response, Stage.SIGNED_IN, request.getParameter("next"));
            return;
        }
        enrolPage(request, response, session.get(), null, 200);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<StaffSession> session = steps.session(request, Set.of(Stage.TOTP_ENROL, Stage.TOTP, Stage.SIGNED_IN));
        if (session.isEmpty()) {
            SignInSteps.toSignIn(response);
            return;
        }
        String username = session.get().username();
        String address = request.getRemoteAddr();
        String mode = session.get().stage() == Stage.TOTP ? "code" : "enrol";
        Duration wait = guard.waitTime(address, username);
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            response.setHeader("Retry-After", Long.toString(seconds));
            Map<String, Object> model = new HashMap<>();
            model.put("errorArg", seconds);
            if ("code".equals(mode)) {
                model.put("mode", mode);
                render(request, response, model, "signin.tooMany", 429);
            } else {
                enrolPage(request, response, session.get(), "signin.tooMany", 429);
            }
            return;
        }
        String code = request.getParameter("code");
        code = code == null ? "" : code;
        if ("code".equals(mode)) {
            verifyCode(request, response, session.get(), code);
        } else {
            enrol(request, response, session.get(), code);
        }
    }

    private void verifyCode(HttpServletRequest request, HttpServletResponse response, StaffSession session, String code)
            throws IOException {
        String username = session.username();
        StaffAccounts accounts = steps.accounts();
        Optional<StaffAccounts.SecondFactor> factor = accounts.secondFactor(username);
        boolean ok = false;
        String how = "totp";
        if (factor.isPresent()) {
            Optional<String> secret = keys.unseal(factor.get().sealedSecret());
            if (secret.isPresent()) {
                OptionalLong step = Totp.verify(
                        secret.get(), code, clock.instant(), factor.get().lastStep());
                ok = step.isPresent() && accounts.useStep(username, step.getAsLong());
            }
            if (!ok && RecoveryCodes.looksLikeCode(code)) {
                ok = accounts.useRecoveryCode(username, RecoveryCodes.hash(code));
                how = "recovery-code";
            }
        }
        if (!ok) {
            boolean delayed = guard.failed(request.getRemoteAddr(), username);
            steps.audit(request, username, delayed ? "sign-in-locked" : "sign-in-failed", "second factor");
            render(request, response, Map.of("mode", "code"), "signin.totp.wrong", 400);
            return;
        }
        if ("recovery-code".equals(how)) {
            steps.audit(request, username, "recovery-code-used", "");
        }
        steps.advance(request, response, session, Stage.SIGNED_IN, request.getParameter("next"));
    }

    private void enrol(HttpServletRequest request, HttpServletResponse response, StaffSession session, String code)
            throws IOException {
        String username = session.username();
        Optional<String> secret = Optional.ofNullable(session.pendingSecret()).flatMap(keys::unseal);
        OptionalLong step =
                secret.isPresent() ? Totp.verify(secret.get(), code, clock.instant(), 0) : OptionalLong.empty();
        if (step.isEmpty()) {
            boolean delayed = guard.failed(request.getRemoteAddr(), username);
            steps.audit(request, username, delayed ? "sign-in-locked" : "sign-in-failed", "second factor enrolment");
            enrolPage(request, response, session, "signin.totp.wrong", 400);
            return;
        }
        List<String> codes = RecoveryCodes.generate(RECOVERY_CODES);
        Set<String> hashes = new HashSet<>();
        codes.forEach(c -> hashes.add(RecoveryCodes.hash(c)));
        steps.accounts().enrolSecondFactor(username, session.pendingSecret(), step.getAsLong(), hashes);
        steps.audit(request, username, "second-factor-enrolled", "");
        boolean signingIn = session.stage() != Stage.SIGNED_IN;
        steps.advanceQuietly(request, response, session, Stage.SIGNED_IN);
        if (signingIn) {
            steps.signedIn(request, username);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("codes", codes);
        model.put("next", SignInPaths.safeNext(request.getParameter("next")));
        response.setHeader("Cache-Control", "no-store");
        views.render(
                request,
                response,
                new org.cec.portal.api.web.View("signin/recovery-codes.ftlh", "%signin.recovery.title", model, 200));
    }

    private void enrolPage(
            HttpServletRequest request, HttpServletResponse response, StaffSession session, String error, int status)
            throws IOException {
        String secret = Optional.ofNullable(session.pendingSecret())
                .flatMap(keys::unseal)
                .orElse(null);
        if (secret == null) {
            secret = Totp.newSecret();
            steps.sessions().setPendingSecret(session, keys.seal(secret));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("mode", "enrol");
        model.put("secret", secret);
        model.put("qr", QrCodes.svg(Totp.uri(ISSUER, session.username(), secret), "QR code"));
        render(request, response, model, error, status, "%signin.totp.enrol.title");
    }

    private void render(
            HttpServletRequest request,
            HttpServletResponse response,
            Map<String, Object> model,
            String error,
            int status)
            throws IOException {
        render(request, response, model, error, status, "%signin.totp.title");
    }

    private void render(
            HttpServletRequest request,
            HttpServletResponse response,
            Map<String, Object> model,
            String error,
            int status,
            String title)
            throws IOException {
        Map<String, Object> m = new HashMap<>(model);
        if (error != null) {
            m.put("error", error);
        }
        SignInSteps.render(views, request, response, TEMPLATE, title, m, status);
    }
}
