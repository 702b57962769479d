package org.cec.portal.analytics.internal.recording;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The path of a page as analytics keeps it: ids and tokens replaced by placeholders, so that the data
 * never holds a token (a link that lets whoever has it act for a homeowner) or an id that could lead
 * to a person. The query string is never part of it.
 *
 * <p>The portal's own routes are known: {@code /contractors/{id}}, {@code /contractors/choose/{token}},
 * {@code /leads/{token}}, {@code /out/{id}}, {@code /request/draft/{token}}, {@code
 * /email/unsubscribe/{token}}, {@code /email/open/{token}}, {@code /email/click/{token}}, {@code
 * /privacy/opt-in/confirm/{token}}. In any other path, a segment that looks like an id or a token
 * becomes {@code {id}} (digits, a UUID) or {@code {token}} (long and with digits or mixed case, or with
 * characters beyond letters, digits, {@code .}, {@code _} and {@code -}, such as an email address).
 */
final class PagePaths {

    static final String ID = "{id}";
    static final String TOKEN = "{token}";

    /** The longest path kept (the column holds 300 characters). */
    static final int MAX_LENGTH = 300;

    private static final int MAX_SEGMENTS = 12;

    /** Routes whose segment after the prefix is always an id or a token, the longest prefix first. */
    private static final List<String[]> ROUTES = List.of(
            new String[] {"contractors/choose", TOKEN},
            new String[] {"privacy/opt-in/confirm", TOKEN},
            new String[] {"email/unsubscribe", TOKEN},
            new String[] {"email/open", TOKEN},
            new String[] {"email/click", TOKEN},
            new String[] {"request/draft", TOKEN},
            new String[] {"contractors", ID},
            new String[] {"leads", TOKEN},
            new String[] {"out", ID});

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern DIGITS = Pattern.compile("\\d{3,}");
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{12,}");

    private PagePaths() {}

    /**
     * The normalised form of a request path (as in {@code getRequestURI()}, without the context path;
     * a query string, if any, is cut off).
     */
    static String normalise(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        String path = rawPath;
        int query = indexOfAny(path, '?', '#');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        String[] segments = path.split("/", -1);
        StringBuilder out = new StringBuilder(Math.min(path.length(), MAX_LENGTH) + 8);
        String previous = "";
        int kept = 0;
        boolean trailingSlash = path.endsWith("/") && path.length() > 1;
        for (String raw : segments) {
            if (raw.isEmpty()) {
                continue; // leading slash, doubled slashes
            }
            if (kept == MAX_SEGMENTS) {
                out.append("/{more}");
                trailingSlash = false;
                break;
            }
            String segment = decoded(stripParameters(raw));
            String placed = placeholderOfRoute(previous, segment);
            if (placed == null) {
                placed = looksLikeIdOrToken(segment);
            }
            String written = placed == null ? segment : placed;
            out.append('/').append(written);
            previous = previous.isEmpty() ? written : previous + "/" + written;
            kept++;
        }
        if (out.length() == 0) {
            return "/";
        }
        if (trailingSlash) {
            out.append('/');
        }
        return out.length() <= MAX_LENGTH ? out.toString() : out.substring(0, MAX_LENGTH);
    }

    /** The placeholder of the segment right after one of the known route prefixes, else null. */
    private static String placeholderOfRoute(String previous, String segment) {
        for (String[] route : ROUTES) {
            if (route[0].equals(previous)) {
                // "/contractors/choose" itself is a route of its own, not a contractor id
                if (route[0].equals("contractors") && segment.equals("choose")) {
                    return null;
                }
                return route[1];
            }
        }
        return null;
    }

    /** {@code {id}} or {@code {token}} when the segment looks like one, else null. */
    static String looksLikeIdOrToken(String segment) {
        if (segment.isEmpty()) {
            return null;
        }
        if (!PLAIN.matcher(segment).matches()) {
            return TOKEN; // an email address, a base64 token with + / =, anything encoded
        }
        if (DIGITS.matcher(segment).matches() || UUID.matcher(segment).matches()) {
            return ID;
        }
        if (segment.length() > 64) {
            return TOKEN;
        }
        if (HEX.matcher(segment).matches() && hasDigit(segment)) {
            return TOKEN;
        }
        int digits = 0;
        boolean upper = false;
        boolean lower = false;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= 'a' && c <= 'z') {
                lower = true;
            }
        }
        if (segment.length() >= 16 && (digits > 0 || (upper && lower))) {
            return TOKEN;
        }
        if (digits >= 4 || (digits >= 3 && digits * 3 >= segment.length())) {
            return ID; // order-12345, a1b2c3d4
        }
        return null;
    }

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** A segment without its path parameters ({@code ;jsessionid=...}). */
    private static String stripParameters(String segment) {
        int semicolon = segment.indexOf(';');
        return semicolon < 0 ? segment : segment.substring(0, semicolon);
    }

    /**
     * The segment with its percent-escapes decoded; a malformed escape or a decoded control character
     * gives a segment that is no plain name (so it becomes {@code {token}}).
     */
    private static String decoded(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        byte[] bytes = new byte[segment.length()];
        int n = 0;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    return "%";
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return "%";
                }
                bytes[n++] = (byte) (hi * 16 + lo);
                i += 2;
            } else if (c < 0x80) {
                bytes[n++] = (byte) c;
            } else {
                return "%"; // not an encoded URI
            }
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
