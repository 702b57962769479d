package org.cec.portal.consent.internal;

import java.util.regex.Pattern;

/** A path on this portal to send the visitor back to after a form: never another site. */
final class ReturnPath {

    private static final Pattern LOCAL = Pattern.compile("/(?![/\\\\])[A-Za-z0-9._~!$&'()*+,;=:@%/-]{0,200}");

    private ReturnPath() {}

    /** {@code path} when it is a plain path of this portal, otherwise {@code fallback}. */
    static String orElse(String path, String fallback) {
        return path != null && LOCAL.matcher(path).matches() ? path : fallback;
    }
}
