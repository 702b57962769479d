package org.cec.portal.admin.internal.signin;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.cec.portal.api.web.CookieProtection;

/**
 * The console session cookie {@code cec_staff}: the session id, signed with the portal's keys;
 * {@code HttpOnly}, {@code SameSite=Strict}, {@code Secure} over HTTPS, for {@code /system} (the
 * console and its sign-in pages) and without an expiry of its own (the server ends sessions).
 */
public final class StaffCookie {

    /** The cookie's name. */
    public static final String NAME = "cec_staff";

    private static final String PATH = "/system";

    private StaffCookie() {}

    /** The session id of the request's cookie, if it has one that this installation signed. */
    public static Optional<String> sessionId(HttpServletRequest request, CookieProtection protection) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie c : cookies) {
            if (NAME.equals(c.getName()) && c.getValue() != null && c.getValue().length() < 400) {
                Optional<String> id = protection.verify(c.getValue());
                if (id.isPresent()) {
                    return id;
                }
            }
        }
        return Optional.empty();
    }

    /** Sets the cookie to session {@code id}. */
    public static void set(
            HttpServletRequest request, HttpServletResponse response, CookieProtection protection, String id) {
        response.addHeader("Set-Cookie", header(request, protection.sign(id), -1));
    }

    /** Removes the cookie from the browser. */
    public static void clear(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader("Set-Cookie", header(request, "", 0));
    }

    private static String header(HttpServletRequest request, String value, int maxAge) {
        StringBuilder sb = new StringBuilder(NAME)
                .append('=')
                .append(value)
                .append("; Path=")
                .append(PATH);
        if (maxAge >= 0) {
            sb.append("; Max-Age=").append(maxAge);
        }
        sb.append("; HttpOnly; SameSite=Strict");
        if (request.isSecure()) {
            sb.append("; Secure");
        }
        return sb.toString();
    }
}
