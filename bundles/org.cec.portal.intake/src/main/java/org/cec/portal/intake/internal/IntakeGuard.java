package org.cec.portal.intake.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.cec.portal.api.limit.RateLimit;
import org.cec.portal.api.limit.RateLimits;
import org.cec.portal.api.web.PortalWeb;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the request form and the request API before anything else reads the body (it ranks above the
 * web layer's CSRF filter): a per-client rate limit on POSTs (429 with a readable page or JSON), a
 * size limit on bodies (413), a body that cannot be decoded (400), and CORS for the API (only the
 * configured origins).
 */
@Component(
        service = {Filter.class, IntakeGuard.class},
        configurationPid = IntakeGuard.PID,
        property = "service.ranking:Integer=1000")
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardFilterPattern({RequestPage.PATH, RequestPage.PATH + "/*", RequestApi.PATH})
@Designate(ocd = IntakeGuard.Config.class)
public final class IntakeGuard implements Filter {

    /** The configuration PID (console: "CEC Portal: service requests"). */
    static final String PID = "org.cec.portal.intake";

    /** Bodies up to this size are read before a 413, so the client gets the answer. */
    private static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    /**
     * Reads (and drops) a refused request's body of moderate size before answering: Jetty closes a
     * connection whose request body was left unread, and a client still sending it, or reusing the
     * connection, would see it reset instead of the answer.
     */
    private static void drain(HttpServletRequest request) throws IOException {
        long length = request.getContentLengthLong();
        if (length > 0 && length <= DRAIN_LIMIT) {
            request.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(IntakeGuard.class);

    @ObjectClassDefinition(
            name = "CEC Portal: service requests",
            description = "Abuse limits of the request form (/request) and API (/api/v1/requests), the"
                    + " origins allowed to use the API from a browser, how long contact fields are remembered and"
                    + " how long unfinished drafts are kept.")
    public @interface Config {
        @AttributeDefinition(
                name = "Posts per client",
                description = "How many form steps and API calls one client (IP address) may send per window.")
        int rateLimit_posts() default 60;

        @AttributeDefinition(name = "Window (seconds)", description = "Length of the rate limit window.")
        int rateLimit_windowSeconds() default 600;

        @AttributeDefinition(
                name = "Largest body (bytes)",
                description = "Form posts and API bodies above this size are refused with 413.")
        int maxBodyBytes() default 65536;

        @AttributeDefinition(
                name = "API origins",
                description = "Origins (scheme://host[:port]) whose pages may call POST /api/v1/requests from a"
                        + " browser (CORS). Empty: none; server-to-server calls (no Origin header) always work.")
        String[] api_allowedOrigins() default {};

        @AttributeDefinition(
                name = "Remember contact fields (days)",
                description = "With a visitor's preferences consent, their contact fields are kept in an encrypted"
                        + " cookie for this many days after a request and fill in the next form. 0: never"
                        + " (cookies left from before are ignored). At most 400.")
        int prefill_maxAgeDays() default 90;

        @AttributeDefinition(
                name = "Keep unfinished drafts (days)",
                description =
                        "A request saved to finish later (\"Email me a link to finish later\") can be resumed"
                                + " for this many days after it was saved; expired drafts are deleted within an hour. 1 to 365.")
        int drafts_retentionDays() default 30;
    }

    private final RateLimit limiter;
    private final int maxBody;
    private final Set<String> origins;

    @Activate
    public IntakeGuard(Config config, @Reference RateLimits limits) {
        if (config.maxBodyBytes() < 1024 || config.maxBodyBytes() > 10_000_000) {
            throw new IllegalArgumentException("maxBodyBytes must be 1024 to 10000000");
        }
        if (config.rateLimit_posts() < 1 || config.rateLimit_windowSeconds() < 1) {
            throw new IllegalArgumentException("rateLimit.posts and rateLimit.windowSeconds must be positive");
        }
        this.limiter = limits.perWindow(
                "intake.posts", config.rateLimit_posts(), Duration.ofSeconds(config.rateLimit_windowSeconds()));
        this.maxBody = config.maxBodyBytes();
        for (String o : config.api_allowedOrigins()) {
            if (!o.matches("https?://[A-Za-z0-9.-]+(:\\d{1,5})?")) {
                throw new IllegalArgumentException("Not an origin (scheme://host[:port]): " + o);
            }
        }
        this.origins = Set.copyOf(List.of(config.api_allowedOrigins()));
    }

    int maxBody() {
        return maxBody;
    }

    /** Whether a browser page of {@code origin} may call the API. */
    boolean originAllowed(String origin) {
        return origins.contains(origin);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        boolean api = request.getRequestURI().startsWith(RequestApi.PATH);
        String method = request.getMethod();
        if (api) {
            String origin = request.getHeader("Origin");
            if (origin != null) {
                response.addHeader("Vary", "Origin");
                if (!originAllowed(origin)) {
                    RequestApi.json(response, 403, JsonBodies.error("This origin may not use the API."));
                    return;
                }
                response.setHeader("Access-Control-Allow-Origin", origin);
            }
            if (method.equals("OPTIONS")) {
                response.setHeader("Access-Control-Allow-Methods", "POST");
                response.setHeader("Access-Control-Allow-Headers", "Content-Type");
                response.setHeader("Access-Control-Max-Age", "600");
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                return;
            }
        }
        if (!method.equals("POST")) {
            chain.doFilter(request, response);
            return;
        }
        // the client address, resolved by the web layer (X-Forwarded-For only from trusted proxies)
        Duration wait = limiter.acquire(request.getRemoteAddr());
        if (!wait.isZero()) {
            drain(request);
            response.setHeader("Retry-After", Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
            if (api) {
                RequestApi.json(
                        response, 429, JsonBodies.error("Too many requests from your address. Try again later."));
            } else {
                // the portal's error page explains 429 in the visitor's language
                response.sendError(429);
            }
            return;
        }
        long length = request.getContentLengthLong();
        if (length > maxBody) {
            drain(request);
            if (api) {
                RequestApi.json(response, 413, JsonBodies.error("The body is larger than " + maxBody + " bytes."));
            } else {
                response.sendError(413);
            }
            return;
        }
        if (!api) {
            request.setCharacterEncoding(StandardCharsets.UTF_8.name());
            try {
                request.getParameterMap(); // decodes the body now, where a failure can be answered
            } catch (RuntimeException e) {
                LOG.debug("Unreadable form body: {}", e.toString());
                response.sendError(400);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
