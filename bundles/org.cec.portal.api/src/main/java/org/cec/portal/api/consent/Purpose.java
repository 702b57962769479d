package org.cec.portal.api.consent;

import java.util.Locale;
import java.util.Optional;

/**
 * What personal data or a visitor's browser may be used for. A visitor chooses per purpose; {@link
 * #NECESSARY} is always on and cannot be refused.
 */
public enum Purpose {
    /** What the portal cannot work without: security (the CSRF cookie) and remembering the choice itself. */
    NECESSARY,
    /** Remembering what a visitor typed into forms, so they need not type it again. */
    PREFERENCES,
    /** First-party statistics about how pages are used. */
    ANALYTICS,
    /** Newsletters and other commercial email, and measuring whether such email is opened or clicked. */
    MARKETING;

    /** The purpose's id as used in forms, cookies and receipts: {@code necessary}, {@code preferences}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The purpose with the given {@link #id()}, or empty for an unknown id. */
    public static Optional<Purpose> ofId(String id) {
        for (Purpose p : values()) {
            if (p.id().equals(id)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
