package org.cec.portal.consent.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Normalised email addresses: the key by which persons are known across modules. */
public final class Emails {

    private static final Pattern PLAUSIBLE = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    private Emails() {}

    /** The address trimmed and lower-cased, or empty when it is not a plausible address. */
    public static Optional<String> normalise(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String email = typed.strip().toLowerCase(Locale.ROOT);
        if (email.length() > 254 || !PLAUSIBLE.matcher(email).matches()) {
            return Optional.empty();
        }
        return Optional.of(email);
    }

    /** {@code email} if it is already normalised and plausible; otherwise an IllegalArgumentException. */
    public static String requireNormalised(String email) {
        Optional<String> normalised = normalise(email);
        if (normalised.isEmpty() || !normalised.get().equals(email)) {
            throw new IllegalArgumentException("not a normalised email address");
        }
        return email;
    }
}
