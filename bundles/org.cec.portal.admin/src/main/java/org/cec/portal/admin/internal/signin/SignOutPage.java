package org.cec.portal.admin.internal.signin;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.cec.portal.admin.internal.sessions.StaffSession;
import org.cec.portal.api.web.CookieProtection;
import org.cec.portal.api.web.PortalWeb;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code POST /system/sign-out}: ends the console session on the server (every node refuses its
 * cookie from then on), removes the cookie and shows the sign-in page. A form with the portal's CSRF
 * token ({@code _csrf}), like every state change of the portal context; the Web Console's own
 * sign-out link reaches the same end through {@code ConsoleSecurityProvider#logout}.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(SignInPaths.SIGN_OUT)
public final class SignOutPage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient SignInSteps steps;
    private final transient CookieProtection cookies;

    @Activate
    public SignOutPage(@Reference SignInSteps steps, @Reference CookieProtection cookies) {
        this.steps = steps;
        this.cookies = cookies;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> id = StaffCookie.sessionId(request, cookies);
        Optional<StaffSession> session = id.flatMap(steps.sessions()::find);
        id.ifPresent(steps.sessions()::end);
        session.ifPresent(s -> steps.audit(request, s.username(), "sign-out", ""));
        StaffCookie.clear(request, response);
        response.setHeader("Cache-Control", "no-store");
        SignInSteps.redirect(response, SignInPaths.SIGN_IN + "?signed-out");
    }
}
