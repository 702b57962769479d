package org.cec.portal.email.internal.tracking;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.cec.portal.api.limit.RateLimits;
import org.cec.portal.api.web.PortalWeb;
import org.cec.portal.email.internal.ClientBudget;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracking endpoints of commercial mail. {@code GET /email/open/<token>} answers a 1x1 transparent
 * GIF and records {@code email.opened}; {@code GET /email/click/<token>} redirects (302) to the URL sealed
 * in the token and records {@code email.clicked} ({@link MailTracking} decides whether to record). A
 * malformed, altered or foreign token gets the GIF without an event (open) or a 400 (click): never a
 * redirect to a URL the portal did not seal itself. HEAD answers the same without recording anything
 * (link checkers). Responses set no cookie and are never cached; the token is never logged (it names
 * the recipient). Rate-limited per client address: generously for valid tokens (mail providers' image
 * proxies load pixels for many recipients from few addresses), strictly for invalid ones.
 */
@Component(service = Servlet.class, configurationPid = TrackingServlet.PID)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern({TrackingServlet.OPEN_PATTERN, TrackingServlet.CLICK_PATTERN})
@Designate(ocd = TrackingServlet.Config.class)
public final class TrackingServlet extends HttpServlet {

    /** The configuration PID (console: "CEC Portal: email tracking"). */
    public static final String PID = "org.cec.portal.email.tracking";

    public static final String OPEN_PATH = "/email/open/";
    public static final String CLICK_PATH = "/email/click/";
    static final String OPEN_PATTERN = "/email/open/*";
    static final String CLICK_PATTERN = "/email/click/*";

    /** A transparent 1x1 GIF. */
    static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TrackingServlet.class);

    @ObjectClassDefinition(
            name = "CEC Portal: email tracking",
            description = "Abuse limits of /email/open/<token> and /email/click/<token> (the open pixel and"
                    + " click-through links of commercial messages), per client address.")
    public @interface Config {
        @AttributeDefinition(
                name = "Requests per client",
                description = "How many tracking requests one client (IP address) may make per window. Keep it"
                        + " high: mail providers load the pixels of many recipients from few addresses.")
        int rateLimit_requests() default 3000;

        @AttributeDefinition(
                name = "Invalid tokens per client",
                description = "How many invalid (altered, cut off, forged) tokens one client may try per window;"
                        + " after that every request of the client waits.")
        int rateLimit_invalid() default 20;

        @AttributeDefinition(name = "Window (seconds)", description = "Length of the rate limit windows.")
        int rateLimit_windowSeconds() default 600;
    }

    private final transient MailTracking tracking;
    private final transient ClientBudget budget;

    @Activate
    public TrackingServlet(Config config, @Reference MailTracking tracking, @Reference RateLimits limits) {
        if (config.rateLimit_requests() < 1 || config.rateLimit_invalid() < 1 || config.rateLimit_windowSeconds() < 1) {
            throw new IllegalArgumentException(
                    "rateLimit.requests, rateLimit.invalid and rateLimit.windowSeconds must be positive");
        }
        Duration window = Duration.ofSeconds(config.rateLimit_windowSeconds());
        this.tracking = tracking;
        this.budget = new ClientBudget(
                limits.perWindow("email.tracking", config.rateLimit_requests(), window),
                limits.perWindow("email.tracking.invalid", config.rateLimit_invalid(), window));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(request, response, true);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(request, response, false);
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, boolean recording)
            throws IOException {
        noStore(response);
        if (limited(request, response)) {
            return;
        }
        boolean click = CLICK_PATH.equals(request.getServletPath() + "/");
        String token = token(request);
        if (click) {
            Optional<String> target;
            try {
                target = recording ? tracking.clicked(token) : tracking.peek(token, true);
            } catch (RuntimeException e) {
                // the redirect matters more than the count: a failed recording is logged, the visitor goes on
                LOG.warn("A click could not be recorded: {}", e.getClass().getName());
                target = tracking.peek(token, true);
            }
            if (target.isEmpty()) {
                refuseInvalid(request);
                // the portal's error page explains 400 in the visitor's language
                response.sendError(HttpServletResponse.SC_BAD_REQUEST);
                return;
            }
            response.setStatus(HttpServletResponse.SC_FOUND);
            response.setHeader("Location", target.get());
            return;
        }
        boolean valid;
        try {
            valid = recording
                    ? tracking.opened(token)
                    : tracking.peek(token, false).isPresent();
        } catch (RuntimeException e) {
            LOG.warn("An open could not be recorded: {}", e.getClass().getName());
            valid = true;
        }
        if (!valid) {
            refuseInvalid(request);
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("image/gif");
        response.setContentLength(PIXEL.length);
        if (recording) {
            try (OutputStream out = response.getOutputStream()) {
                out.write(PIXEL);
            }
        }
    }

    /** The token: the path info without its slash (never logged: it names the recipient). */
    static String token(HttpServletRequest request) {
        String info = request.getPathInfo();
        return info == null || info.length() < 2 ? "" : info.substring(1);
    }

    /** Answers 429 when the client is over a limit. */
    private boolean limited(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Duration wait = budget.waitFor(request.getRemoteAddr());
        if (wait.isZero()) {
            return false;
        }
        response.setHeader("Retry-After", ClientBudget.retryAfter(wait));
        response.sendError(429);
        return true;
    }

    private void refuseInvalid(HttpServletRequest request) {
        budget.refused(request.getRemoteAddr());
        LOG.debug("Invalid tracking token used ({})", request.getServletPath());
    }

    private static void noStore(HttpServletResponse response) {
        // The address names a person (sealed): never cached, never sent onwards.
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Robots-Tag", "noindex");
    }
}
