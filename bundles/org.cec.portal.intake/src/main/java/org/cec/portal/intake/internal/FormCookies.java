package org.cec.portal.intake.internal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The request form's own cookies (the remembered contact fields, the kept draft): all of them
 * HttpOnly, SameSite=Lax, Secure on HTTPS, sent only to {@code /request}. Their values are sealed by
 * {@code CookieProtection}; this class only builds and finds them.
 */
final class FormCookies {

    private FormCookies() {}

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
