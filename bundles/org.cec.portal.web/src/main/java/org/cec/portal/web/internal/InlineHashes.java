package org.cec.portal.web.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Content-Security-Policy hashes of the inline scripts, event handlers and style attributes of a
 * page we ship but did not write (the Web Console), so the policy can allow exactly those and stay
 * free of {@code 'unsafe-inline'}.
 */
final class InlineHashes {

    private static final Pattern INLINE_SCRIPT = Pattern.compile(
            "<script\\b(?![^>]*\\bsrc\\s*=)[^>]*>(.*?)</script>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern EVENT_HANDLER =
            Pattern.compile("\\son[a-z]+\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLE_ATTRIBUTE =
            Pattern.compile("\\sstyle\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLE_ELEMENT =
            Pattern.compile("<style\\b[^>]*>(.*?)</style>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private InlineHashes() {}

    /** {@code policy} with the hashes of {@code html}'s inline code added to script-src and style-src. */
    static String policyFor(String policy, String html) {
        Set<String> scripts = new LinkedHashSet<>();
        Set<String> styles = new LinkedHashSet<>();
        collect(INLINE_SCRIPT, html, scripts);
        boolean handlers = collect(EVENT_HANDLER, html, scripts);
        collect(STYLE_ELEMENT, html, styles);
        boolean styleAttributes = collect(STYLE_ATTRIBUTE, html, styles);
        String result = policy;
        if (!scripts.isEmpty()) {
            result = extend(result, "script-src", (handlers ? "'unsafe-hashes' " : "") + String.join(" ", scripts));
        }
        if (!styles.isEmpty()) {
            result =
                    extend(result, "style-src", (styleAttributes ? "'unsafe-hashes' " : "") + String.join(" ", styles));
        }
        return result;
    }

    private static boolean collect(Pattern pattern, String html, Set<String> into) {
        Matcher m = pattern.matcher(html);
        boolean found = false;
        while (m.find()) {
            into.add("'sha256-" + sha256(m.group(1)) + "'");
            found = true;
        }
        return found;
    }

    /** Appends {@code sources} to {@code directive}, creating it from default-src when missing. */
    static String extend(String policy, String directive, String sources) {
        Pattern existing = Pattern.compile("(^|;)\\s*" + directive + "\\s+([^;]*)");
        Matcher m = existing.matcher(policy);
        if (m.find()) {
            return policy.substring(0, m.end()) + " " + sources + policy.substring(m.end());
        }
        return policy + "; " + directive + " 'self' " + sources;
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
