package org.cec.portal.web.internal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.cec.portal.api.web.PortalWeb;

/**
 * CSRF protection by a token bound to a signed cookie. The cookie holds a random secret signed with
 * the portal's key; the token a form carries is a keyed hash of that secret. A request that changes
 * state must bring both, matching. Another site can neither read the cookie nor forge a signed one.
 *
 * <p>Secrets come from a {@link SecureRandom} per thread ({@link #perThreadDrbg}): one shared
 * instance makes every request that issues a cookie queue for its lock.
 */
final class Csrf {

    static final String COOKIE = "cec_csrf";
    private static final String PURPOSE = "csrf";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SigningKeys keys;
    private final Supplier<SecureRandom> random;

    /** {@code random} gives the generator for the calling thread. */
    Csrf(SigningKeys keys, Supplier<SecureRandom> random) {
        this.keys = keys;
        this.random = random;
    }

    /**
     * One NIST SP 800-90A DRBG per thread, seeded from the system's entropy source on first use, with
     * 256-bit strength (more than the 192 bits of a secret).
     */
    static Supplier<SecureRandom> perThreadDrbg() {
        ThreadLocal<SecureRandom> perThread = ThreadLocal.withInitial(() -> {
            try {
                return SecureRandom.getInstance(
                        "DRBG", DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, null));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("No DRBG with 256-bit strength is available", e);
            }
        });
        return perThread::get;
    }

    static boolean isSafe(String method) {
        return SAFE_METHODS.contains(method);
    }

    static boolean isExempt(HttpServletRequest request) {
        String path = pathWithinContext(request);
        return path.startsWith(PortalWeb.CROSS_SITE_API_PREFIX);
    }

    static String pathWithinContext(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String ctx = request.getContextPath();
        return uri.substring(Math.min(ctx.length(), uri.length()));
    }

    /** The secret of a valid cookie of this request, if it has one. */
    Optional<String> secretOf(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie c : cookies) {
            if (COOKIE.equals(c.getName())) {
                Optional<String> secret = keys.verify(c.getValue());
                if (secret.isPresent()) {
                    return secret;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The token for this visitor, created on first use: the cookie is only set when a page really
     * renders a form, so pages without forms set no cookie at all.
     */
    Supplier<String> lazyToken(HttpServletRequest request, HttpServletResponse response) {
        Optional<String> existing = secretOf(request);
        return new Supplier<>() {
            private String token;

            @Override
            public synchronized String get() {
                if (token == null) {
                    String secret = existing.orElseGet(() -> issue(request, response));
                    token = keys.derive(PURPOSE, secret);
                }
                return token;
            }
        };
    }

    private String issue(HttpServletRequest request, HttpServletResponse response) {
        byte[] bytes = new byte[24];
        random.get().nextBytes(bytes);
        String secret = B64.encodeToString(bytes);
        Cookie cookie = new Cookie(COOKIE, keys.sign(secret));
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setPath("/");
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
        return secret;
    }

    /** Why an unsafe request is refused (the key of the web bundle's message), or empty when its token is valid. */
    Optional<String> check(HttpServletRequest request) {
        Optional<String> secret = secretOf(request);
        if (secret.isEmpty()) {
            return Optional.of("csrf.refused.no-cookie");
        }
        String token = request.getHeader(PortalWeb.CSRF_HEADER);
        if (token == null) {
            token = request.getParameter(PortalWeb.CSRF_FIELD);
        }
        if (token == null || token.isEmpty()) {
            return Optional.of("csrf.refused.no-token");
        }
        if (!keys.matchesDerived(PURPOSE, secret.get(), token)) {
            return Optional.of("csrf.refused.bad-token");
        }
        return Optional.empty();
    }
}
