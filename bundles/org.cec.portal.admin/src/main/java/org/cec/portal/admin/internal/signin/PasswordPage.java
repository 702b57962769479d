package org.cec.portal.admin.internal.signin;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cec.portal.admin.internal.accounts.Account;
import org.cec.portal.admin.internal.accounts.FirstAdmin;
import org.cec.portal.admin.internal.factor.PasswordPolicy;
import org.cec.portal.admin.internal.sessions.StaffSession;
import org.cec.portal.admin.internal.sessions.Stage;
import org.cec.portal.api.web.PortalWeb;
import org.cec.portal.api.web.ViewRenderer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /system/sign-in/password}: an account whose password was generated (the first admin) or set
 * by an admin chooses its own (field {@code password}) before anything else. Saving it ends every
 * other session of the account and, for the first admin, deletes the credentials file.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(SignInPaths.PASSWORD)
public final class PasswordPage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String TEMPLATE = "signin/password.ftlh";
    private static final String TITLE = "%signin.password.title";

    private final transient SignInSteps steps;
    private final transient ViewRenderer views;
    private final transient FirstAdmin firstAdmin;
    private final transient PasswordPolicy policy;

    @Activate
    public PasswordPage(@Reference SignInSteps steps, @Reference ViewRenderer views, @Reference FirstAdmin firstAdmin) {
        this.steps = steps;
        this.views = views;
        this.firstAdmin = firstAdmin;
        this.policy = PasswordPolicy.standard();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<StaffSession> session = steps.session(request, Set.of(Stage.CHANGE_PASSWORD));
        if (session.isEmpty()) {
            SignInSteps.toSignIn(response);
            return;
        }
        show(request, response, session.get(), null, 200);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<StaffSession> session = steps.session(request, Set.of(Stage.CHANGE_PASSWORD));
        if (session.isEmpty()) {
            SignInSteps.toSignIn(response);
            return;
        }
        String username = session.get().username();
        String password = request.getParameter("password");
        if (password == null) {
            password = "";
        }
        List<String> problems = policy.check(username, password);
        if (!problems.isEmpty()) {
            show(request, response, session.get(), problems.get(0), 400);
            return;
        }
        if (steps.accounts().verifyPassword(username, password.toCharArray()).isPresent()) {
            show(request, response, session.get(), "signin.password.same", 400);
            return;
        }
        // ends every session of the account, this one too: the sign-in goes on in a new one
        steps.accounts().setPassword(username, password.toCharArray(), false);
        firstAdmin.passwordChanged(username);
        steps.audit(request, username, "password-changed", "own");
        Optional<Account> account = steps.accounts().find(username);
        if (account.isEmpty()) {
            SignInSteps.toSignIn(response);
            return;
        }
        Stage next = SignInSteps.afterNewPassword(account.get());
        steps.start(request, response, account.get(), next, request.getParameter("next"));
    }

    private void show(
            HttpServletRequest request, HttpServletResponse response, StaffSession session, String error, int status)
            throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("username", session.username());
        if (error != null) {
            model.put("error", error);
        }
        SignInSteps.render(views, request, response, TEMPLATE, TITLE, model, status);
    }
}
