package org.cec.portal.consent.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.consent.OptOut;
import org.cec.portal.api.web.PortalWeb;
import org.cec.portal.api.web.View;
import org.cec.portal.api.web.ViewRenderer;
import org.cec.portal.consent.internal.jpa.OptInRequestEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /privacy/opt-in/confirm/<token>}, the link of the opt-in confirmation email: a GET shows what
 * the person asked to opt back into and a button (a link preview or a mail scanner that opens the link
 * changes nothing); the POST (with the CSRF token) withdraws the opt-out and leads to the choices page.
 * A forged, altered, expired or used link gets a kind 404 that says what to do instead.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(OptInConfirmPage.PATTERN)
public final class OptInConfirmPage extends HttpServlet {

    static final String PATTERN = "/privacy/opt-in/confirm/*";

    private static final long serialVersionUID = 1L;
    private static final String TITLE = "%consent.optin.confirm.title";

    private final transient ViewRenderer views;
    private final transient OptIns optIns;

    @Activate
    public OptInConfirmPage(@Reference ViewRenderer views, @Reference OptIns optIns) {
        this.views = views;
        this.optIns = optIns;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        String token = token(request);
        Optional<OptInRequestEntity> pending = optIns.pendingByToken(token);
        Map<String, Object> model = new HashMap<>();
        if (pending.isEmpty()) {
            model.put("state", "missing");
            views.render(request, response, new View("consent/opt-in-confirm.ftlh", TITLE, model, 404));
            return;
        }
        model.put("state", "ask");
        model.put("kind", pending.get().kind());
        model.put("action", OptIns.PATH + token);
        views.render(request, response, View.of("consent/opt-in-confirm.ftlh", TITLE, model));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        Optional<OptOut> confirmed = optIns.confirm(token(request));
        if (confirmed.isEmpty()) {
            views.render(
                    request, response, new View("consent/opt-in-confirm.ftlh", TITLE, Map.of("state", "missing"), 404));
            return;
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", ChoicesPage.CHOICES + "?opted-in");
    }

    private static String token(HttpServletRequest request) {
        String info = request.getPathInfo();
        return info == null || info.length() < 2 ? "" : info.substring(1);
    }
}
