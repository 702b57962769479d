package org.cec.portal.email.internal.unsubscribe;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.api.i18n.Messages;
import org.cec.portal.api.i18n.Translations;
import org.cec.portal.api.limit.RateLimits;
import org.cec.portal.api.web.PortalWeb;
import org.cec.portal.api.web.View;
import org.cec.portal.api.web.ViewRenderer;
import org.cec.portal.email.internal.ClientBudget;
import org.cec.portal.email.internal.unsubscribe.Unsubscribing.Via;
import org.osgi.framework.BundleContext;
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
 * {@code /email/unsubscribe/<token>}, the link of every commercial message. A visit (GET) opts the
 * token's address out of marketing email at once and shows a confirmation page; a one-click POST
 * (RFC 8058, body {@code List-Unsubscribe=One-Click}, sent by the recipient's mail provider) opts out
 * before it answers 200 with a short text. HEAD only tells whether the link is valid (link checkers
 * must not unsubscribe anyone). A malformed, altered or foreign token gets a readable 400 page and
 * changes nothing.
 *
 * <p>Exempt from the portal's CSRF check ({@link PortalWeb#CSRF_EXEMPT}): mail providers post without
 * a token, and the sealed token, which only the portal can make, is the protection. Rate-limited per
 * client address: generously for valid links (a mail provider posts for many recipients from few
 * addresses), strictly for invalid ones.
 */
@Component(
        service = Servlet.class,
        configurationPid = UnsubscribePage.PID,
        property = PortalWeb.CSRF_EXEMPT + ":Boolean=true")
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(UnsubscribePage.PATTERN)
@Designate(ocd = UnsubscribePage.Config.class)
public final class UnsubscribePage extends HttpServlet {

    /** The configuration PID (console: "CEC Portal: email unsubscribe page"). */
    public static final String PID = "org.cec.portal.email.unsubscribe";

    /** The path of the links, followed by the token. */
    public static final String PATH = "/email/unsubscribe/";

    static final String PATTERN = "/email/unsubscribe/*";
    static final String ONE_CLICK_FIELD = "List-Unsubscribe";
    static final String ONE_CLICK_VALUE = "One-Click";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(UnsubscribePage.class);
    private static final int MULTIPART_LIMIT = 8 * 1024;

    @ObjectClassDefinition(
            name = "CEC Portal: email unsubscribe page",
            description = "Abuse limits of /email/unsubscribe/<token> (the link and one-click address of every"
                    + " commercial message), per client address.")
    public @interface Config {
        @AttributeDefinition(
                name = "Requests per client",
                description = "How many unsubscribe requests one client (IP address) may make per window. Keep it"
                        + " high: a mail provider posts one-click unsubscribes for many recipients from few addresses.")
        int rateLimit_requests() default 600;

        @AttributeDefinition(
                name = "Invalid links per client",
                description = "How many invalid (altered, cut off, forged) links one client may try per window;"
                        + " after that every request of the client waits.")
        int rateLimit_invalid() default 20;

        @AttributeDefinition(name = "Window (seconds)", description = "Length of the rate limit windows.")
        int rateLimit_windowSeconds() default 600;
    }

    private final transient Unsubscribing unsubscribing;
    private final transient ViewRenderer views;
    private final transient Messages messages;
    private final transient ClientBudget budget;

    @Activate
    public UnsubscribePage(
            Config config,
            @Reference Unsubscribing unsubscribing,
            @Reference ViewRenderer views,
            @Reference Translations translations,
            @Reference RateLimits limits,
            BundleContext context) {
        this(config, unsubscribing, views, translations.of(context.getBundle()), limits);
    }

    UnsubscribePage(
            Config config, Unsubscribing unsubscribing, ViewRenderer views, Messages messages, RateLimits limits) {
        if (config.rateLimit_requests() < 1 || config.rateLimit_invalid() < 1 || config.rateLimit_windowSeconds() < 1) {
            throw new IllegalArgumentException(
                    "rateLimit.requests, rateLimit.invalid and rateLimit.windowSeconds must be positive");
        }
        Duration window = Duration.ofSeconds(config.rateLimit_windowSeconds());
        this.unsubscribing = unsubscribing;
        this.views = views;
        this.messages = messages;
        this.budget = new ClientBudget(
                limits.perWindow("email.unsubscribe", config.rateLimit_requests(), window),
                limits.perWindow("email.unsubscribe.invalid", config.rateLimit_invalid(), window));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        noStore(response);
        if (limited(request, response)) {
            return;
        }
        String token = token(request);
        boolean done;
        try {
            done = unsubscribing.unsubscribe(token, Via.LINK);
        } catch (RuntimeException e) {
            unavailable(response, e);
            return;
        }
        if (!done) {
            refuseInvalid(request);
            views.render(
                    request,
                    response,
                    new View("email/unsubscribe/invalid.ftlh", "%email.unsubscribe.invalid.title", Map.of(), 400));
            return;
        }
        views.render(
                request, response, View.of("email/unsubscribe/done.ftlh", "%email.unsubscribe.done.title", Map.of()));
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        noStore(response);
        if (limited(request, response)) {
            return;
        }
        boolean valid = unsubscribing.valid(token(request));
        if (!valid) {
            refuseInvalid(request);
        }
        response.setStatus(valid ? HttpServletResponse.SC_OK : HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("text/html;charset=UTF-8");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        noStore(response);
        if (limited(request, response)) {
            return;
        }
        String token = token(request);
        if (!isOneClick(request)) {
            text(request, response, 400, "email.unsubscribe.post.not-one-click");
            return;
        }
        boolean done;
        try {
            done = unsubscribing.unsubscribe(token, Via.ONE_CLICK);
        } catch (RuntimeException e) {
            unavailable(response, e);
            return;
        }
        if (!done) {
            refuseInvalid(request);
            text(request, response, 400, "email.unsubscribe.post.invalid");
            return;
        }
        // RFC 8058: no redirect; the opt-out is in effect now
        text(request, response, 200, "email.unsubscribe.post.done");
    }

    /**
     * Whether the body is RFC 8058's {@code List-Unsubscribe=One-Click}: a urlencoded form (decoded by the
     * portal), or {@code multipart/form-data}, which RFC 8058 allows too and the container does not decode
     * for this servlet: its first few KB are searched for the field.
     */
    static boolean isOneClick(HttpServletRequest request) throws IOException {
        String type = request.getContentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            byte[] head = request.getInputStream().readNBytes(MULTIPART_LIMIT);
            String body = new String(head, StandardCharsets.ISO_8859_1);
            return body.contains("name=\"" + ONE_CLICK_FIELD + "\"") && body.contains(ONE_CLICK_VALUE);
        }
        return ONE_CLICK_VALUE.equals(request.getParameter(ONE_CLICK_FIELD));
    }

    /** The token: the path info without its slash (never logged: it is as good as the address). */
    static String token(HttpServletRequest request) {
        String info = request.getPathInfo();
        return info == null || info.length() < 2 ? "" : info.substring(1);
    }

    /** Answers 429 when the client is over a limit, without reading further. */
    private boolean limited(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String client = request.getRemoteAddr();
        Duration wait = budget.waitFor(client);
        if (wait.isZero()) {
            return false;
        }
        ClientBudget.drain(request);
        response.setHeader("Retry-After", ClientBudget.retryAfter(wait));
        // the portal's error page explains 429 in the visitor's language
        response.sendError(429);
        return true;
    }

    private void refuseInvalid(HttpServletRequest request) {
        budget.refused(request.getRemoteAddr());
        LOG.debug("Invalid unsubscribe link used ({} {})", request.getMethod(), request.getServletPath());
    }

    private void text(HttpServletRequest request, HttpServletResponse response, int status, String key)
            throws IOException {
        byte[] body = (messages.get(Languages.of(request), key) + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(body.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        }
    }

    private static void unavailable(HttpServletResponse response, RuntimeException e) throws IOException {
        // the class only: a database's message may quote the address
        LOG.warn("Unsubscribing failed, answered 503: {}", e.getClass().getName());
        response.setHeader("Retry-After", "60");
        response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    }

    private static void noStore(HttpServletResponse response) {
        // The page's address names a person (sealed): never cached, never indexed, never sent onwards.
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Robots-Tag", "noindex");
    }
}
