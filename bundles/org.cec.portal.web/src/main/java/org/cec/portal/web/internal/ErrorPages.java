package org.cec.portal.web.internal;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.cec.portal.api.web.PortalWeb;
import org.cec.portal.api.web.View;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletErrorPage;

/**
 * Error pages of the portal context, in the layout, in plain words. They never show an exception,
 * a stack trace or a class name.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletErrorPage(
        errorPage = {"400", "403", "404", "405", "413", "429", "4xx", "500", "5xx", "java.lang.Throwable"})
public final class ErrorPages extends HttpServlet {

    private static final long serialVersionUID = 1L;

    record Explanation(String title, String text) {}

    private static final Map<Integer, Explanation> EXPLANATIONS = Map.of(
            400,
                    new Explanation(
                            "We could not understand that request",
                            "Something in the request was malformed. Go back and check what you entered."),
            403,
                    new Explanation(
                            "That request was refused",
                            "You are not allowed to do this, or the form was sent without its security token."),
            404,
                    new Explanation(
                            "Page not found",
                            "There is no page at this address. It may have moved, or the module that offered it is not installed right now."),
            405, new Explanation("Not allowed here", "This page cannot be used that way."),
            413, new Explanation("Too much data", "The request was larger than the portal accepts."),
            429,
                    new Explanation(
                            "Too many requests",
                            "You sent many requests in a short time. Wait a minute, then try again."),
            500,
                    new Explanation(
                            "Something went wrong on our side",
                            "The portal could not finish your request. Nothing you did caused this; please try again in a moment."));

    private final transient Pages pages;

    @Activate
    public ErrorPages(@Reference Pages pages) {
        this.pages = pages;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        if (status < 400 || status > 599) {
            status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        }
        Explanation explanation =
                EXPLANATIONS.getOrDefault(status, status < 500 ? EXPLANATIONS.get(400) : EXPLANATIONS.get(500));
        Map<String, Object> model = new HashMap<>();
        model.put("status", status);
        model.put("heading", explanation.title());
        model.put("text", explanation.text());
        // Only reasons the portal itself wrote for the visitor (CSRF refusals, validation) are shown.
        Object reason = request.getAttribute(CsrfFilter.REFUSAL_ATTRIBUTE);
        model.put("reason", reason instanceof String s ? s : "");
        pages.renderOwn(request, response, new View("web/error.ftlh", explanation.title(), model, status));
    }
}
