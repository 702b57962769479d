package org.cec.portal.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.Preprocessor;

/**
 * Security headers on every response the HTTP service sends, in every servlet context (the Web
 * Console's and error responses included): a preprocessor runs before any context is chosen.
 *
 * <p>It also guards the Web Console against cross-site requests: an unsafe request below the
 * console path must come from a page of this origin (the {@code Origin} or {@code Referer} header
 * names this host), which is what a browser sends for the console's own forms and scripts. The
 * console's HTML pages contain inline scripts of the Felix Web Console; their policy allows exactly
 * those scripts by SHA-256 hash (never {@code 'unsafe-inline'}).
 *
 * <p>It ranks above every other preprocessor, so their refusals carry the headers too. Responses
 * Jetty writes before any preprocessor runs (a malformed request line, 414, 431) get the same
 * {@link #headers(boolean)} from {@link ErrorResponseHeaders}, so this configuration is the only one.
 */
@Component(
        service = {Preprocessor.class, SecurityHeaders.class},
        property = "service.ranking:Integer=1000")
@Designate(ocd = SecurityHeaders.Config.class)
public final class SecurityHeaders implements Preprocessor {

    @ObjectClassDefinition(
            name = "CEC Portal: security headers",
            description = "HTTP security headers sent with every response of the portal and the Web Console.")
    public @interface Config {
        @AttributeDefinition(
                name = "Content-Security-Policy",
                description = "Policy for every page. Keep it free of 'unsafe-inline' and of other origins.")
        String content_security_policy() default
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

        @AttributeDefinition(name = "Referrer-Policy")
        String referrer_policy() default "strict-origin-when-cross-origin";

        @AttributeDefinition(
                name = "HSTS max-age (seconds)",
                description = "Strict-Transport-Security max-age sent on HTTPS responses; 0 sends none.")
        long hsts_max_age() default 31536000L;

        @AttributeDefinition(
                name = "Web Console path",
                description = "Path below which the console origin check applies.")
        String console_path() default "/system/console";
    }

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final String csp;
    private final String referrerPolicy;
    private final String hsts;
    private final String consolePath;

    @Activate
    public SecurityHeaders(Config config) {
        if (config.content_security_policy().contains("unsafe-inline")) {
            throw new IllegalArgumentException("The Content-Security-Policy must not allow 'unsafe-inline'");
        }
        this.csp = config.content_security_policy();
        this.referrerPolicy = config.referrer_policy();
        this.hsts = config.hsts_max_age() > 0 ? "max-age=" + config.hsts_max_age() + "; includeSubDomains" : null;
        this.consolePath = config.console_path();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        headers(request.isSecure()).forEach(response::setHeader);
        if (!request.getRequestURI().startsWith(consolePath)) {
            chain.doFilter(request, response);
            return;
        }
        if (!SAFE_METHODS.contains(request.getMethod()) && !sameOrigin(request)) {
            RequestBodies.drain(request);
            response.sendError(
                    HttpServletResponse.SC_FORBIDDEN,
                    "Changes in the console must be made from the console's own pages (cross-site request refused).");
            return;
        }
        // The console's pages carry inline scripts we did not write: allow exactly those, by hash.
        HashingResponse hashing = new HashingResponse(new ConsoleCookies(response, request.isSecure()), csp);
        chain.doFilter(request, hashing);
        hashing.finish();
    }

    /** The security headers of every response, in order; HSTS only for a request over HTTPS. */
    Map<String, String> headers(boolean secure) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", csp);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", referrerPolicy);
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        headers.put("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
        if (hsts != null && secure) {
            headers.put("Strict-Transport-Security", hsts);
        }
        return headers;
    }

    /** Whether the request says it comes from a page of this very host. */
    static boolean sameOrigin(HttpServletRequest request) {
        String source = request.getHeader("Origin");
        if (source == null || source.isEmpty() || "null".equals(source)) {
            source = request.getHeader("Referer");
        }
        if (source == null || source.isEmpty()) {
            return false;
        }
        try {
            URI uri = URI.create(source);
            String host = request.getHeader("Host");
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && uri.getHost() != null && host.equalsIgnoreCase(authority);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
