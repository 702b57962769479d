package org.cec.portal.admin.internal.signin;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cec.portal.admin.internal.accounts.Account;
import org.cec.portal.admin.internal.accounts.StaffAccounts;
import org.cec.portal.admin.internal.sessions.Stage;
import org.cec.portal.api.web.PortalWeb;
import org.cec.portal.api.web.ViewRenderer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /system/sign-in}: the console's sign-in with user name and password (fields {@code
 * username}, {@code password}, {@code _csrf}). A wrong password, an unknown or a disabled account
 * get the same answer, after the same work; failures slow down further tries ({@link SignInGuard}).
 * A right password starts a session at the next step: a new password, the second factor, or the
 * console.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(SignInPaths.SIGN_IN)
public final class SignInPage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String TEMPLATE = "signin/sign-in.ftlh";
    private static final String TITLE = "%signin.title";

    private final transient SignInSteps steps;
    private final transient SignInGuard guard;
    private final transient ViewRenderer views;

    @Activate
    public SignInPage(@Reference SignInSteps steps, @Reference SignInGuard guard, @Reference ViewRenderer views) {
        this.steps = steps;
        this.guard = guard;
        this.views = views;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (steps.session(request, Set.of(Stage.SIGNED_IN)).isPresent()) {
            SignInSteps.go(response, Stage.SIGNED_IN, request.getParameter("next"));
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("signedOut", request.getParameter("signed-out") != null);
        model.put("expired", request.getParameter("expired") != null);
        SignInSteps.render(views, request, response, TEMPLATE, TITLE, model, 200);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String username = trimmed(request.getParameter("username"));
        String password = request.getParameter("password");
        String address = request.getRemoteAddr();
        Duration wait = guard.waitTime(address, username);
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            response.setHeader("Retry-After", Long.toString(seconds));
            fail(request, response, username, "signin.tooMany", seconds, 429);
            return;
        }
        Optional<Account> account = username.isEmpty() || password == null || password.length() > 256
                ? Optional.empty()
                : steps.accounts().verifyPassword(username, password.toCharArray());
        if (account.isEmpty()) {
            boolean delayed = guard.failed(address, username);
            steps.audit(request, auditName(username), delayed ? "sign-in-locked" : "sign-in-failed", "password");
            fail(request, response, username, "signin.failed", 0, 401);
            return;
        }
        Stage next = SignInSteps.afterPassword(account.get());
        steps.start(request, response, account.get(), next, request.getParameter("next"));
    }

    private void fail(
            HttpServletRequest request,
            HttpServletResponse response,
            String username,
            String error,
            long arg,
            int status)
            throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("username", username);
        model.put("error", error);
        model.put("errorArg", arg);
        SignInSteps.render(views, request, response, TEMPLATE, TITLE, model, status);
    }

    private static String trimmed(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        return t.length() > 100 ? t.substring(0, 100) : t;
    }

    /** The name to audit a failure under: a valid account name as typed, else a placeholder (never free text). */
    static String auditName(String typed) {
        return StaffAccounts.validName(typed) ? typed : "(invalid name)";
    }
}
