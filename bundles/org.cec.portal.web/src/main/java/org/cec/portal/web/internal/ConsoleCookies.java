package org.cec.portal.web.internal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Gives every cookie the Web Console sets (such as its {@code felix-webconsole-locale}) the flags
 * the console itself leaves out: {@code HttpOnly}, {@code SameSite=Strict}, and {@code Secure} over
 * HTTPS. The console never reads them from script.
 */
final class ConsoleCookies extends HttpServletResponseWrapper {

    private final boolean secure;

    ConsoleCookies(HttpServletResponse response, boolean secure) {
        super(response);
        this.secure = secure;
    }

    @Override
    public void addCookie(Cookie cookie) {
        cookie.setHttpOnly(true);
        if (cookie.getAttribute("SameSite") == null) {
            cookie.setAttribute("SameSite", "Strict");
        }
        if (secure) {
            cookie.setSecure(true);
        }
        super.addCookie(cookie);
    }
}
