package org.cec.portal.email.internal.tracking;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds tracking to the HTML part of a message: every http(s) link of an {@code <a>} element is pointed
 * at a click-through URL, and a 1x1 open pixel is added before {@code </body>} (at the end of a part
 * without one).
 *
 * <p>No HTML library is on the email bundle's class path, so this works on the template output, which
 * is ours: Freemarker renders the portal's templates (and a partner's overrides) in the HTML output
 * format, which writes every attribute double-quoted and every value escaped. The rewriting therefore
 * only has to find {@code href="..."} (or {@code href='...'}) inside an {@code <a ...>} start tag, decode
 * the character references of the value, and replace the value with one that needs no escaping (the
 * click URL is the public URL plus a base64url token). What it does not recognise it leaves as it is:
 * an unquoted {@code href}, a link that is not absolute http(s), a URL longer than {@link
 * TrackingLinks#MAX_URL_LENGTH}, or with control characters. Such a link simply stays untracked.
 */
public final class TrackedHtml {

    /** An {@code <a>} start tag's href attribute; group 2 or 3 is the value. */
    private static final Pattern HREF =
            Pattern.compile("(<a\\s(?:[^>]*?\\s)?href\\s*=\\s*)(?:\"([^\"]*)\"|'([^']*)')", Pattern.CASE_INSENSITIVE);

    private static final Pattern BODY_END = Pattern.compile("</body\\s*>", Pattern.CASE_INSENSITIVE);

    private static final Pattern REFERENCE =
            Pattern.compile("&(?:#(\\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));");

    /** The open pixel as the template {@code templates/email/tracking/pixel.ftlh} writes it. */
    private static final Pattern PIXEL = Pattern.compile("<img src=\"[^\"]*" + Pattern.quote(TrackingServlet.OPEN_PATH)
            + "[^\"]*\" alt=\"\" width=\"1\" height=\"1\">");

    private TrackedHtml() {}

    /**
     * The HTML without the open pixel that {@link #track} added, for showing a sent message to staff:
     * their look at it is not the recipient opening it.
     */
    public static String withoutPixel(String html) {
        return PIXEL.matcher(html).replaceAll("");
    }

    /**
     * The HTML with its links rewritten and the pixel added.
     *
     * @param pixel the open pixel's {@code <img>} element, rendered from {@code tracking/pixel.ftlh}
     * @param keep the (decoded) links to leave as they are, such as the unsubscribe link
     * @param clickUrl the click-through URL for a decoded target (characters that need no escaping)
     */
    public static String track(String html, String pixel, Predicate<String> keep, Function<String, String> clickUrl) {
        Matcher m = HREF.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 512);
        while (m.find()) {
            String raw = m.group(2) != null ? m.group(2) : m.group(3);
            String target = decode(raw).strip();
            if (!isWebUrl(target) || target.length() > TrackingLinks.MAX_URL_LENGTH || keep.test(target)) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "\"" + clickUrl.apply(target) + "\""));
            }
        }
        m.appendTail(out);
        Matcher end = BODY_END.matcher(out);
        int at = -1;
        while (end.find()) {
            at = end.start();
        }
        if (at < 0) {
            out.append(pixel);
        } else {
            out.insert(at, pixel);
        }
        return out.toString();
    }

    /** Whether {@code url} is an absolute http(s) URL with a host and no white space or control characters. */
    public static boolean isWebUrl(String url) {
        if (url == null || url.isEmpty()) {
            return false;
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return false;
            }
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** An attribute value with its character references decoded (the ones Freemarker and hand-written HTML use). */
    static String decode(String value) {
        if (value.indexOf('&') < 0) {
            return value;
        }
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder(value.length());
        while (m.find()) {
            String replacement;
            if (m.group(1) != null || m.group(2) != null) {
                int code = m.group(1) != null ? Integer.parseInt(m.group(1)) : Integer.parseInt(m.group(2), 16);
                // an invalid code point stays as written (and the URL check then refuses a control character)
                replacement = Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : m.group();
            } else {
                replacement = switch (m.group(3)) {
                    case "amp" -> "&";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "quot" -> "\"";
                    default -> "'";
                };
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
