package org.cec.portal.analytics.internal.recording;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a visit came from, as analytics keeps it: the referring site's host only (never its path or
 * query, which may carry a search or a token), and the campaign parameters {@code utm_source}, {@code
 * utm_medium}, {@code utm_campaign} (trimmed, without control characters, at most {@value #MAX_UTM}
 * characters; markup is kept as text and escaped wherever it is shown).
 */
final class TrafficSources {

    static final int MAX_UTM = 100;
    static final int MAX_HOST = 255;

    private static final Pattern HOST = Pattern.compile("[a-z0-9.-]+|\\[[0-9a-f:.]+\\]");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private TrafficSources() {}

    /**
     * The host of a {@code Referer} header, lower case and without port, or null: when there is none,
     * it is no http(s) URL, or it is the portal itself ({@code ownHost}).
     */
    static String referrerHost(String referer, String ownHost) {
        if (referer == null || referer.isBlank() || referer.length() > 4096) {
            return null;
        }
        String host;
        try {
            URI uri = new URI(referer.strip());
            String scheme = uri.getScheme();
            if (scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                return null;
            }
            host = uri.getHost().toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return null;
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty() || host.length() > MAX_HOST || !HOST.matcher(host).matches()) {
            return null;
        }
        if (ownHost != null && host.equals(ownHost.toLowerCase(Locale.ROOT))) {
            return null;
        }
        return host;
    }

    /** A campaign parameter as kept: trimmed, control characters removed, cut to length; null if empty. */
    static String utm(String value) {
        if (value == null) {
            return null;
        }
        String v = CONTROL.matcher(value).replaceAll("").strip();
        if (v.isEmpty()) {
            return null;
        }
        if (v.length() > MAX_UTM) {
            v = v.substring(0, MAX_UTM);
            if (Character.isHighSurrogate(v.charAt(v.length() - 1))) {
                v = v.substring(0, v.length() - 1);
            }
        }
        return v;
    }
}
