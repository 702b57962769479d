package org.cec.portal.admin.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.felix.webconsole.spi.SecurityProvider;
import org.cec.portal.api.limit.RateLimits;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Web Console's only way in: HTTP Basic sign-in against the portal's staff accounts, with
 * growing delays after repeated failures, per client address and per account ({@link LoginThrottle}).
 * The console lists this provider's id as required, so while this
 * component is not running the console refuses everyone.
 */
@Component(service = SecurityProvider.class, property = SecurityProvider.PROPERTY_ID + "=" + ConsoleSecurityProvider.ID)
@Designate(ocd = ConsoleSecurityProvider.Config.class)
public final class ConsoleSecurityProvider implements SecurityProvider {

    /** The id the framework property {@code felix.webconsole.security.providers} names. */
    public static final String ID = "cec-portal";

    @ObjectClassDefinition(
            name = "CEC Portal: console sign-in",
            description = "How failed sign-ins are slowed down: per client address (an attacker) and per account"
                    + " (many addresses guessing one account), each with delays that double with every further"
                    + " failure.")
    public @interface Config {
        @AttributeDefinition(
                name = "Free failures per address",
                description = "Failed sign-ins from one client address before its delays begin.",
                min = "1")
        int max_failures() default 5;

        @AttributeDefinition(
                name = "Longest delay per address (minutes)",
                description = "The delays of an address double from one second up to this.",
                min = "1")
        int lockout_minutes() default 15;

        @AttributeDefinition(
                name = "Free failures per account",
                description = "Failed sign-ins to one account, from all addresses together, before its delays begin.",
                min = "1")
        int account_max_failures() default 20;

        @AttributeDefinition(
                name = "Longest delay per account (seconds)",
                description =
                        "Kept short, so that guessing from many addresses cannot keep the account's owner out for long.",
                min = "1")
        int account_max_delay_seconds() default 60;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSecurityProvider.class);
    private static final String REALM = "Basic realm=\"CEC Portal console\", charset=\"UTF-8\"";
    private static final long VERIFIED_TTL_MS = Duration.ofMinutes(5).toMillis();

    private final StaffAccounts accounts;
    private final LoginThrottle throttle;
    /** Recently verified credentials (by digest), so each console request does not cost a PBKDF2 run. */
    private final Map<String, Long> verified = new ConcurrentHashMap<>();

    @Activate
    public ConsoleSecurityProvider(BundleContext context, Config config, @Reference RateLimits limits)
            throws IOException {
        if (config.max_failures() < 1
                || config.lockout_minutes() < 1
                || config.account_max_failures() < 1
                || config.account_max_delay_seconds() < 1) {
            throw new IllegalArgumentException("Sign-in throttle settings must be positive");
        }
        String dir = context.getProperty("cec.data.dir");
        Path dataDir = Path.of(dir == null || dir.isBlank() ? "data" : dir).toAbsolutePath();
        SecureRandom random = new SecureRandom();
        this.accounts = new StaffAccounts(dataDir, new PasswordHasher(random, PasswordHasher.ITERATIONS));
        accounts.createFirstAdminIfNone(dataDir)
                .ifPresent(file -> LOG.warn(
                        "Created the first console admin; its credentials are in {} (readable by its owner only)",
                        file));
        this.throttle = new LoginThrottle(
                limits.growingDelay(
                        "console.signin.address",
                        config.max_failures(),
                        Duration.ofSeconds(1),
                        Duration.ofMinutes(config.lockout_minutes())),
                limits.growingDelay(
                        "console.signin.account",
                        config.account_max_failures(),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(config.account_max_delay_seconds())));
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        String[] credentials = basicCredentials(request.getHeader("Authorization"));
        if (credentials == null) {
            return challenge(response, null);
        }
        String user = credentials[0];
        // the client address as the web layer resolved it (X-Forwarded-For only from trusted proxies)
        String address = request.getRemoteAddr();
        Duration wait = throttle.waitTime(address, user);
        if (!wait.isZero()) {
            return tooMany(response, wait);
        }
        String digest = digest(user, credentials[1]);
        Long until = verified.get(digest);
        long now = System.currentTimeMillis();
        if (until != null && until > now) {
            return new Staff(user);
        }
        if (accounts.verify(user, credentials[1].toCharArray())) {
            throttle.succeeded(address, user);
            if (verified.size() > 1000) {
                verified.clear();
            }
            verified.put(digest, now + VERIFIED_TTL_MS);
            return new Staff(user);
        }
        if (throttle.failed(address, user)) {
            LOG.warn("Console sign-in slowed down after repeated failures (growing delays per address and account)");
        }
        return challenge(response, null);
    }

    @Override
    public boolean authorize(Object user, String role) {
        return user instanceof Staff;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        verified.clear();
    }

    /** A signed-in staff member. */
    record Staff(String name) {}

    private static Object challenge(HttpServletResponse response, String message) {
        try {
            response.setHeader("WWW-Authenticate", REALM);
            response.sendError(
                    HttpServletResponse.SC_UNAUTHORIZED,
                    message == null ? "Sign in with your staff account." : message);
        } catch (IOException | IllegalStateException e) {
            // the client went away or the response was already committed; it stays refused
        }
        return null;
    }

    private static Object tooMany(HttpServletResponse response, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        try {
            response.setHeader("Retry-After", Long.toString(seconds));
            response.sendError(
                    429,
                    "Too many failed sign-ins from your address or for this account. Try again in " + seconds
                            + " seconds.");
        } catch (IOException | IllegalStateException e) {
            // the client went away or the response was already committed; it stays refused
        }
        return null;
    }

    static String[] basicCredentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded =
                    new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static String digest(String user, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((user + '\0' + password).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
