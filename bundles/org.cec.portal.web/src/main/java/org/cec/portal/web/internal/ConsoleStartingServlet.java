package org.cec.portal.web.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.cec.portal.api.web.PortalWeb;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /system/console} while the Felix Web Console is not there yet: 503 with {@code Retry-After}
 * instead of the portal's 404, for every method. The Web Console registers nothing (neither its
 * servlet context nor its servlet) until the portal's security provider runs, which comes with a
 * later start level.
 *
 * <p>Once the console is up it always wins: it registers a servlet context of its own with the path
 * {@code /system/console} and a servlet on {@code /} in it, and Felix HTTP tries the contexts with the
 * longest path first, so a console request never reaches the portal's context (path {@code /}) where
 * this servlet lives ({@code ConsoleStartingDistributionIT} proves it for the console's pages, its root
 * and its {@code /res} resources). The lowest ranking only decides against another portal servlet on
 * the same patterns.
 *
 * <p>It sets the {@link SecurityHeaders} itself: in the first moments of a start the whiteboard may
 * have this servlet before that preprocessor, and the answer must carry them all the same.
 */
@Component(service = Servlet.class, property = "service.ranking:Integer=" + Integer.MIN_VALUE)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern({ConsoleStartingServlet.PATH, ConsoleStartingServlet.PATH + "/*"})
public final class ConsoleStartingServlet extends HttpServlet {

    static final String PATH = "/system/console";
    static final String RETRY_AFTER_SECONDS = "5";

    private static final long serialVersionUID = 1L;
    private static final byte[] BODY = "The console is starting.".getBytes(StandardCharsets.UTF_8);

    private final transient SecurityHeaders headers;

    @Activate
    public ConsoleStartingServlet(@Reference SecurityHeaders headers) {
        this.headers = headers;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RequestBodies.drain(request);
        headers.headers(request.isSecure()).forEach(response::setHeader);
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(BODY.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(BODY);
        }
    }
}
