package org.cec.portal.privacy.internal.requests;

import java.util.Locale;
import java.util.Optional;
import org.cec.portal.api.email.MailAddress;

/** Email addresses as the providers know them: normalised (trimmed, lower case), and able to receive mail. */
public final class Addresses {

    private Addresses() {}

    /** The normalised address, or empty when it cannot be an address a message goes to. */
    public static Optional<String> normalise(String typed) {
        if (typed == null || typed.isBlank() || typed.length() > MailAddress.MAX_ADDRESS_LENGTH) {
            return Optional.empty();
        }
        String email = typed.strip().toLowerCase(Locale.ROOT);
        try {
            MailAddress.of(email);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return email.indexOf('@') > 0 ? Optional.of(email) : Optional.empty();
    }
}
