package org.cec.portal.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.Preprocessor;

/**
 * With HTTPS on (the launcher sets the framework property {@code cec.https.port} from {@code
 * CEC_HTTPS_PORT}), every plain HTTP request is redirected to the same path and query over HTTPS,
 * in every servlet context, so no page that collects personal data is ever served unencrypted and
 * every cookie is set on a secure request (hence {@code Secure}). Only {@code /health/live} still
 * answers over HTTP, for a liveness probe that has no certificate to check. It ranks below {@link
 * SecurityHeaders}, so the redirect carries the security headers too.
 */
@Component(service = Preprocessor.class, property = Constants.SERVICE_RANKING + ":Integer=-100")
public final class HttpsRedirect implements Preprocessor {

    static final String HTTPS_PORT = "cec.https.port";
    private static final Set<String> PLAIN_PATHS = Set.of("/health/live");

    private final int httpsPort;

    @Activate
    public HttpsRedirect(BundleContext context) {
        this(parsePort(context.getProperty(HTTPS_PORT)));
    }

    HttpsRedirect(int httpsPort) {
        this.httpsPort = httpsPort;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (httpsPort <= 0 || request.isSecure() || PLAIN_PATHS.contains(request.getRequestURI())) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletResponse response = (HttpServletResponse) res;
        String method = request.getMethod();
        // 301 for reads; 308 keeps the method and body of a form sent over plain HTTP
        response.setStatus(
                "GET".equals(method) || "HEAD".equals(method)
                        ? HttpServletResponse.SC_MOVED_PERMANENTLY
                        : 308); // Permanent Redirect (not a constant of Servlet 6.0)
        response.setHeader("Location", location(request));
        response.setContentLength(0);
    }

    /** {@code https://<host of the request>[:port]<path>[?query]}. */
    String location(HttpServletRequest request) {
        String host = request.getServerName();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]"; // IPv6 literal
        }
        StringBuilder sb = new StringBuilder("https://").append(host);
        if (httpsPort != 443) {
            sb.append(':').append(httpsPort);
        }
        sb.append(request.getRequestURI());
        if (request.getQueryString() != null) {
            sb.append('?').append(request.getQueryString());
        }
        return sb.toString();
    }

    static int parsePort(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
