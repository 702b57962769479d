package org.cec.portal.analytics.internal.recording;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.cec.portal.api.web.PortalWeb;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * Page views, recorded on the server: after every request of the portal context, a GET answered
 * {@code 200} with an HTML page goes to the {@link Recorder} (which decides from the visitor's consent
 * what is kept). Not counted: other methods, redirects and errors, anything but HTML (assets, JSON,
 * the email pixel), the paths below {@code /static/}, {@code /api/}, {@code /health} and the console,
 * and a browser's prefetch. Ranked below the portal's language filter, so the page's language is set.
 */
@Component(service = Filter.class, property = Constants.SERVICE_RANKING + ":Integer=-1000")
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardFilterPattern("/*")
public final class PageViewFilter implements Filter {

    /** Paths that are no pages: each itself and everything below it. */
    private static final List<String> NOT_PAGES =
            List.of("/api", "/health", "/system/console", "/email/open", "/email/click", "/static");

    private final Recorder recorder;

    @Activate
    public PageViewFilter(@Reference Recorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(req, res);
        if (req instanceof HttpServletRequest request
                && res instanceof HttpServletResponse response
                && isPageView(request, response)) {
            recorder.pageView(request);
        }
    }

    /** Whether the answer to {@code request} is a page view: a GET answered 200 with HTML, no asset. */
    static boolean isPageView(HttpServletRequest request, HttpServletResponse response) {
        if (!"GET".equals(request.getMethod()) || response.getStatus() != HttpServletResponse.SC_OK) {
            return false;
        }
        String type = response.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("text/html")) {
            return false;
        }
        String purpose = request.getHeader("Sec-Purpose");
        if (purpose == null) {
            purpose = request.getHeader("Purpose");
        }
        if (purpose != null && purpose.toLowerCase(Locale.ROOT).contains("prefetch")) {
            return false;
        }
        String uri = request.getRequestURI();
        if (uri == null) {
            return false;
        }
        String context = request.getContextPath();
        String path = context != null && !context.isEmpty() && uri.startsWith(context)
                ? uri.substring(context.length())
                : uri;
        for (String prefix : NOT_PAGES) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return false;
            }
        }
        return !path.contains("/static/"); // a module's assets, such as /privacy/static/
    }
}
