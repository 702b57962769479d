package org.cec.portal.intake.internal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.cec.portal.api.consent.ConsentService;
import org.cec.portal.api.consent.Purpose;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request form's own cookies (the remembered contact fields, the kept draft): all of them
 * HttpOnly, SameSite=Lax, Secure on HTTPS, sent only to {@code /request}. Their values are sealed by
 * {@code CookieProtection}; this class only builds and finds them.
 */
final class FormCookies {

    private static final Logger LOG = LoggerFactory.getLogger(FormCookies.class);

    private FormCookies() {}

    /**
     * Whether the visitor of {@code request} allows the preferences purpose, asked at every use: false
     * without a consent service, or when it fails ({@code withoutIt} says in the log what is then not
     * kept).
     */
    static boolean preferencesAllowed(ConsentService consent, HttpServletRequest request, String withoutIt) {
        if (consent == null) {
            return false;
        }
        try {
            return consent.allows(request, Purpose.PREFERENCES);
        } catch (RuntimeException e) {
            LOG.warn("The consent service failed ({}); {}", e.toString(), withoutIt);
            return false;
        }
    }

    /** A form cookie {@code name=value} (the caller sets its Max-Age). */
    static Cookie create(HttpServletRequest request, String name, String value) {
        Cookie cookie = new Cookie(name, value);
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setPath(RequestPage.PATH);
        cookie.setAttribute("SameSite", "Lax");
        return cookie;
    }

    /** A cookie that makes the browser forget the form cookie {@code name}. */
    static Cookie expired(HttpServletRequest request, String name) {
        Cookie cookie = create(request, name, "");
        cookie.setMaxAge(0);
        return cookie;
    }

    /** The value of the form cookie {@code name}, when it is there, not empty and not longer than {@code max}. */
    static Optional<String> read(HttpServletRequest request, String name, int max) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie c : cookies) {
            if (name.equals(c.getName())
                    && c.getValue() != null
                    && !c.getValue().isEmpty()) {
                return c.getValue().length() > max ? Optional.empty() : Optional.of(c.getValue());
            }
        }
        return Optional.empty();
    }
}
