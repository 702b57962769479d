package org.cec.portal.consent.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.cec.portal.api.web.PortalWeb;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/** The module's stylesheet at {@code /privacy/static/consent.css}, from this origin, cached for a week. */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern("/privacy/static/*")
public final class ConsentAssets extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> ASSETS = Map.of("/consent.css", "text/css;charset=UTF-8");

    private final transient Map<String, byte[]> bytes;

    public ConsentAssets() {
        this.bytes = Map.of("/consent.css", load("/static/consent.css"));
    }

    private static byte[] load(String name) {
        try (InputStream in = ConsentAssets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the bundle");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        byte[] body = path == null ? null : bytes.get(path);
        if (body == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "-" + body.length + "\"";
        response.setHeader("Cache-Control", "public, max-age=604800");
        response.setHeader("ETag", etag);
        if (etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType(ASSETS.get(path));
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
