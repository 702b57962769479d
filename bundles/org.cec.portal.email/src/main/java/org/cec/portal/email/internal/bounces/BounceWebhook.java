package org.cec.portal.email.internal.bounces;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.cec.portal.api.limit.RateLimits;
import org.cec.portal.api.web.PortalWeb;
import org.cec.portal.email.internal.ClientBudget;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /email/bounces}, the webhook the mail provider (or a small adapter in front of it) calls
 * for each bounce: {@code Authorization: Bearer <secret>} or {@code X-CEC-Bounce-Secret: <secret>}, and a
 * JSON body read by {@link BounceReports}. Answers, all in JSON: 200 with what was recorded; 400 with the
 * reason for a body that is not bounce reports; 401 without detail for a missing or wrong secret; 413
 * for a body over 1 MiB; 415 for a body that is not {@code application/json}; 429 with {@code
 * Retry-After} over the rate limits; 503 while no secret is configured (with that reason) or the
 * database fails.
 *
 * <p>Exempt from the portal's CSRF check ({@link PortalWeb#CSRF_EXEMPT}): a provider posts without the
 * portal's cookie; the shared secret, compared in constant time, is the protection. Rate-limited per
 * client address, with a small budget for refused secrets. This servlet parses and answers; {@link
 * Bounces} decides and stores. Addresses are never logged.
 */
@Component(
        service = Servlet.class,
        configurationPid = BounceConfig.PID,
        property = PortalWeb.CSRF_EXEMPT + ":Boolean=true")
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(BounceWebhook.PATH)
@Designate(ocd = BounceConfig.class)
public final class BounceWebhook extends HttpServlet {

    /** Found once: looking the JSON-P provider up (Json.create...) searches the bundles on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** The webhook's path. */
    public static final String PATH = "/email/bounces";

    /** The header that carries the secret for providers that cannot send {@code Authorization}. */
    public static final String SECRET_HEADER = "X-CEC-Bounce-Secret";

    /** The largest body read. */
    static final int MAX_BODY = 1024 * 1024;

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(BounceWebhook.class);

    private final transient Bounces bounces;
    private final transient byte[] secretDigest;
    private final transient ClientBudget budget;

    @Activate
    public BounceWebhook(BounceConfig config, @Reference Bounces bounces, @Reference RateLimits limits) {
        if (config.rateLimit_requests() < 1
                || config.rateLimit_unauthorised() < 1
                || config.rateLimit_windowSeconds() < 1) {
            throw new IllegalArgumentException(BounceConfig.PID
                    + ": rateLimit.requests, rateLimit.unauthorised and rateLimit.windowSeconds must be positive");
        }
        String secret = config.secret() == null ? "" : config.secret().strip();
        if (!secret.isEmpty() && secret.length() < BounceConfig.MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException(BounceConfig.PID + ": secret must be at least "
                    + BounceConfig.MIN_SECRET_LENGTH + " characters (it is compared, never logged)");
        }
        if (secret.isEmpty()) {
            LOG.info(
                    "{}: no secret is configured, so POST {} answers 503 and no bounce is recorded",
                    BounceConfig.PID,
                    PATH);
        }
        Duration window = Duration.ofSeconds(config.rateLimit_windowSeconds());
        this.bounces = bounces;
        this.secretDigest = secret.isEmpty() ? null : sha256(secret);
        this.budget = new ClientBudget(
                limits.perWindow("email.bounces", config.rateLimit_requests(), window),
                limits.perWindow("email.bounces.unauthorised", config.rateLimit_unauthorised(), window));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (limited(request, response)) {
            return;
        }
        if (secretDigest == null) {
            ClientBudget.drain(request);
            json(
                    response,
                    503,
                    error("The bounce webhook is not configured: set secret in configuration " + BounceConfig.PID));
            return;
        }
        if (!authorised(request)) {
            budget.refused(request.getRemoteAddr());
            ClientBudget.drain(request);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"email-bounces\"");
            json(response, 401, JSON.createObjectBuilder().build());
            return;
        }
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).strip().startsWith("application/json")) {
            ClientBudget.drain(request);
            json(response, 415, error("The body must be application/json"));
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY) {
            json(response, 413, error("The body must be at most " + MAX_BODY + " bytes"));
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            json(response, 413, error("The body must be at most " + MAX_BODY + " bytes"));
            return;
        }
        List<BounceReport> reports;
        try {
            reports = BounceReports.parse(body);
        } catch (BounceReports.InvalidReports e) {
            json(response, 400, error(e.getMessage()));
            return;
        }
        Bounces.Outcome outcome;
        try {
            outcome = bounces.record(reports);
        } catch (RuntimeException e) {
            // the class only: a database's message may quote an address
            LOG.warn("Recording bounces failed, answered 503: {}", e.getClass().getName());
            response.setHeader("Retry-After", "60");
            json(response, 503, error("The bounces could not be recorded now; send them again later"));
            return;
        }
        json(
                response,
                200,
                JSON.createObjectBuilder()
                        .add("hard", outcome.hard())
                        .add("soft", outcome.soft())
                        .add("counted", outcome.counted())
                        .add("suppressed", outcome.suppressed())
                        .build());
    }

    /** Whether the request carries the secret; the comparison takes the same time whatever it carries. */
    boolean authorised(HttpServletRequest request) {
        String given = null;
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = authorization.substring(7).strip();
        }
        if (given == null || given.isEmpty()) {
            given = request.getHeader(SECRET_HEADER);
        }
        if (given == null) {
            given = "";
        }
        // Digests of the same length, so neither the length nor the content of the secret shows in the time.
        boolean equal = MessageDigest.isEqual(sha256(given.strip()), secretDigest);
        return equal && !given.isBlank();
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
        json(response, 429, error("Too many requests; wait as Retry-After says"));
        return true;
    }

    private static JsonObject error(String reason) {
        return JSON.createObjectBuilder().add("error", reason).build();
    }

    private static void json(HttpServletResponse response, int status, JsonObject body) throws IOException {
        byte[] bytes = (body.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(bytes.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(bytes);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
