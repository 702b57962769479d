package org.cec.portal.admin.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Web Console's only way in: HTTP Basic sign-in against the portal's staff accounts, with
 * lockout after repeated failures. The console lists this provider's id as required, so while this
 * component is not running the console refuses everyone.
 */
@Component(service = SecurityProvider.class, property = SecurityProvider.PROPERTY_ID + "=" + ConsoleSecurityProvider.ID)
@Designate(ocd = ConsoleSecurityProvider.Config.class)
public final class ConsoleSecurityProvider implements SecurityProvider {

    /** The id the framework property {@code felix.webconsole.security.providers} names. */
    public static final String ID = "cec-portal";

    @ObjectClassDefinition(
            name = "CEC Portal: console sign-in",
            description = "Sign-in and lockout rules of the Web Console.")
    public @interface Config {
        @AttributeDefinition(name = "Failures before lockout", min = "1")
        int max_failures() default 5;

        @AttributeDefinition(name = "Failure window (minutes)", min = "1")
        int failure_window_minutes() default 15;

        @AttributeDefinition(name = "Lockout (minutes)", min = "1")
        int lockout_minutes() default 15;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSecurityProvider.class);
    private static final String REALM = "Basic realm=\"CEC Portal console\", charset=\"UTF-8\"";
    private static final long VERIFIED_TTL_MS = Duration.ofMinutes(5).toMillis();

    private final StaffAccounts accounts;
    private final LoginThrottle throttle;
    /** Recently verified credentials (by digest), so each console request does not cost a PBKDF2 run. */
    private final Map<String, Long> verified = new ConcurrentHashMap<>();

    @Activate
    public ConsoleSecurityProvider(BundleContext context, Config config) throws IOException {
        if (config.max_failures() < 1 || config.failure_window_minutes() < 1 || config.lockout_minutes() < 1) {
            throw new IllegalArgumentException("Lockout settings must be positive");
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
                config.max_failures(),
                Duration.ofMinutes(config.failure_window_minutes()),
                Duration.ofMinutes(config.lockout_minutes()),
                Clock.systemUTC());
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        String[] credentials = basicCredentials(request.getHeader("Authorization"));
        if (credentials == null) {
            return challenge(response, null);
        }
        String user = credentials[0];
        if (throttle.isLocked(user)) {
            return challenge(response, "This account is locked after repeated failed sign-ins. Try again later.");
        }
        String digest = digest(user, credentials[1]);
        Long until = verified.get(digest);
        long now = System.currentTimeMillis();
        if (until != null && until > now) {
            return new Staff(user);
        }
        if (accounts.verify(user, credentials[1].toCharArray())) {
            throttle.succeeded(user);
            if (verified.size() > 1000) {
                verified.clear();
            }
            verified.put(digest, now + VERIFIED_TTL_MS);
            return new Staff(user);
        }
        if (throttle.failed(user)) {
            LOG.warn("A console account was locked after repeated failed sign-ins");
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
