package org.cec.portal.web.internal.openapi;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.cec.portal.api.web.PortalWeb;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3.1 document of the public JSON APIs running now
 * ({@link ApiDescriptions}). Public, like the APIs it describes: any site may read it.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(PortalWeb.OPENAPI_PATH)
public final class OpenApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ApiDescriptions descriptions;

    @Activate
    public OpenApiServlet(@Reference ApiDescriptions descriptions) {
        this.descriptions = descriptions;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = descriptions.document();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
