package org.cec.portal.consent.internal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.cec.portal.api.web.CookieProtection;

/**
 * The consent cookie {@value #NAME}: the receipt id, the choices, the policy version, whether a
 * tracking signal was present and when, signed with the portal's key. The visitor can read it but not
 * change it; a changed, foreign or malformed cookie counts as no choice, never as consent.
 *
 * <p>Value before signing: {@code c1~<receipt id>~<policy version>~<p><a><m>~<signal>~<epoch s>}, each
 * flag {@code 0} or {@code 1}.
 */
public final class ConsentCookie {

    public static final String NAME = "cec_consent";
    private static final String FORMAT = "c1";
    private static final Pattern RECEIPT = Pattern.compile("[A-Za-z0-9_-]{16,32}");
    private static final Pattern FLAGS = Pattern.compile("[01]{3}");

    private final CookieProtection protection;

    public ConsentCookie(CookieProtection protection) {
        this.protection = protection;
    }

    /** The signed cookie value for {@code choice}. */
    public String encode(Choice choice) {
        Selection s = choice.selection();
        String value = String.join(
                "~",
                FORMAT,
                choice.receiptId(),
                choice.policyVersion(),
                bit(s.preferences()) + bit(s.analytics()) + bit(s.marketing()),
                bit(choice.signalAtChoice()),
                Long.toString(choice.madeAt().getEpochSecond()));
        return protection.sign(value);
    }

    /** The choice a cookie value carries, or empty when it is not a valid cookie of this portal. */
    public Optional<Choice> decode(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 400) {
            return Optional.empty();
        }
        return protection.verify(cookieValue).flatMap(ConsentCookie::parse);
    }

    static Optional<Choice> parse(String value) {
        String[] parts = value.split("~", -1);
        if (parts.length != 6
                || !FORMAT.equals(parts[0])
                || !RECEIPT.matcher(parts[1]).matches()
                || !ConsentSettings.VERSION.matcher(parts[2]).matches()
                || !FLAGS.matcher(parts[3]).matches()
                || !("0".equals(parts[4]) || "1".equals(parts[4]))
                || !parts[5].matches("\\d{1,12}")) {
            return Optional.empty();
        }
        boolean p = parts[3].charAt(0) == '1';
        boolean a = parts[3].charAt(1) == '1';
        boolean m = parts[3].charAt(2) == '1';
        String choice = p && a && m ? Selection.ACCEPT_ALL : !p && !a && !m ? Selection.REJECT_ALL : Selection.CUSTOM;
        return Optional.of(new Choice(
                parts[1],
                parts[2],
                new Selection(choice, p, a, m),
                "1".equals(parts[4]),
                Instant.ofEpochSecond(Long.parseLong(parts[5]))));
    }

    /** The choice of the request's consent cookie, if it has a valid one (under any policy version). */
    public Optional<Choice> read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie c : cookies) {
            if (NAME.equals(c.getName())) {
                Optional<Choice> choice = decode(c.getValue());
                if (choice.isPresent()) {
                    return choice;
                }
            }
        }
        return Optional.empty();
    }

    /** Sets the cookie: HttpOnly, SameSite=Lax, Secure on HTTPS, path {@code /}. */
    public void write(HttpServletRequest request, HttpServletResponse response, Choice choice, Duration maxAge) {
        Cookie cookie = new Cookie(NAME, encode(choice));
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setPath("/");
        cookie.setMaxAge((int) Math.min(Integer.MAX_VALUE, maxAge.toSeconds()));
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
    }

    private static String bit(boolean b) {
        return b ? "1" : "0";
    }
}
