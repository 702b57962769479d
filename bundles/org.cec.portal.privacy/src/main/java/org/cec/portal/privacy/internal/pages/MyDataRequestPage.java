package org.cec.portal.privacy.internal.pages;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.api.web.PortalWeb;
import org.cec.portal.api.web.View;
import org.cec.portal.api.web.ViewRenderer;
import org.cec.portal.privacy.internal.requests.Addresses;
import org.cec.portal.privacy.internal.requests.LinkSender;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /privacy/my-data}: a person types their email address and gets, by email, a link to what the
 * portal holds about them. Every valid address gets the same answer at once ("if we hold anything for
 * this address, we have sent a link"); whether anything is held is looked up afterwards ({@link
 * LinkSender}), so the page tells nobody whether an address is known. An invalid address is shown
 * again with the reason (400), as typed.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(MyDataRequestPage.PATH)
public final class MyDataRequestPage extends HttpServlet {

    public static final String PATH = "/privacy/my-data";

    static final String TEMPLATE = "privacy/ask.ftlh";
    static final String TITLE = "%privacy.ask.title";

    private static final long serialVersionUID = 1L;

    private final transient ViewRenderer views;
    private final transient LinkSender sender;
    private final transient PrivacyLimits limits;

    @Activate
    public MyDataRequestPage(
            @Reference ViewRenderer views, @Reference LinkSender sender, @Reference PrivacyLimits limits) {
        this.views = views;
        this.sender = sender;
        this.limits = limits;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        views.render(request, response, View.of(TEMPLATE, TITLE, model("", "", request.getParameter("sent") != null)));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        String typed = request.getParameter("email");
        Optional<String> email = Addresses.normalise(typed);
        if (email.isEmpty()) {
            views.render(
                    request,
                    response,
                    new View(
                            TEMPLATE, TITLE, model(typed == null ? "" : typed, "privacy.ask.error.email", false), 400));
            return;
        }
        Duration wait = limits.askingClient(request.getRemoteAddr());
        if (wait.isZero()) {
            wait = limits.askingFor(email.get());
        }
        if (!wait.isZero()) {
            response.setHeader("Retry-After", PrivacyLimits.retryAfter(wait));
            // the portal's error page explains 429 in the visitor's language
            response.sendError(429);
            return;
        }
        sender.ask(email.get(), Languages.of(request).getLanguage());
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", PATH + "?sent");
    }

    private static Map<String, Object> model(String email, String error, boolean sent) {
        Map<String, Object> model = new HashMap<>();
        model.put("email", email);
        model.put("error", error);
        model.put("sent", sent);
        return model;
    }
}
