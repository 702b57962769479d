package org.cec.portal.web.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.cec.portal.api.web.PortalWeb;
import org.cec.portal.api.web.View;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The home page at {@code /}, and the portal's default servlet: any path no other page claims gets
 * the portal's 404 page.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern("/")
public final class HomeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Pages pages;
    private final transient Navigation navigation;

    @Activate
    public HomeServlet(@Reference Pages pages, @Reference Navigation navigation) {
        this.pages = pages;
        this.navigation = navigation;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = Csrf.pathWithinContext(request);
        if (!path.isEmpty() && !"/".equals(path)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        var modules = navigation.entries(Pages.language(request)).stream()
                .filter(e -> !e.description().isEmpty())
                .toList();
        pages.renderOwn(request, response, View.of("web/home.ftlh", "%home.title", Map.of("modules", modules)));
    }
}
