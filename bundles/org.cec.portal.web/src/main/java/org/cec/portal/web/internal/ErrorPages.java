package org.cec.portal.web.internal;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.cec.portal.api.web.PortalWeb;
import org.cec.portal.api.web.View;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletErrorPage;

/**
 * Error pages of the portal context, in the layout, in plain words. They never show an exception,
 * a stack trace or a class name. A 404 is reported to analytics ({@link NotFoundAnalytics}).
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletErrorPage(
        errorPage = {"400", "403", "404", "405", "413", "429", "4xx", "500", "5xx", "java.lang.Throwable"})
public final class ErrorPages extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The statuses with texts of their own ({@code error.<status>.title} and {@code .text}); others get 400's or 500's. */
    private static final Set<Integer> EXPLAINED = Set.of(400, 403, 404, 405, 413, 429, 500);

    private final transient Pages pages;
    private final transient NotFoundAnalytics analytics;

    @Activate
    public ErrorPages(@Reference Pages pages, @Reference NotFoundAnalytics analytics) {
        this.pages = pages;
        this.analytics = analytics;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        if (status < 400 || status > 599) {
            status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        }
        if (status == HttpServletResponse.SC_NOT_FOUND) {
            Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            analytics.notFound(request, uri instanceof String s ? s : request.getRequestURI());
        }
        int explained = EXPLAINED.contains(status) ? status : status < 500 ? 400 : 500;
        Map<String, Object> model = new HashMap<>();
        model.put("status", status);
        model.put("explained", explained);
        // Only reasons the portal itself wrote for the visitor (CSRF refusals, malformed input) are
        // shown: the key of one of this bundle's messages.
        Object reason = request.getAttribute(CsrfFilter.REFUSAL_ATTRIBUTE);
        model.put("reason", reason instanceof String s && s.matches("[a-z0-9.-]{1,80}") ? s : "");
        pages.renderOwn(request, response, new View("web/error.ftlh", "%error." + explained + ".title", model, status));
    }
}
