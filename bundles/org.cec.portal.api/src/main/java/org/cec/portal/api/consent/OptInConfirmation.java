package org.cec.portal.api.consent;

import java.util.Objects;

/**
 * A pending request of a person to opt back in, as the module that emails its confirmation link reads
 * it: the consent module appends {@code consent.opt-in-requested} (with the request's id, never the
 * address) and the mailer asks {@link ConsentService#optInConfirmation} for the rest. The opt-out stays
 * in effect until the person follows the link and confirms.
 *
 * @param email the normalised address to send the link to
 * @param kind what the person asks to opt back into
 * @param language the language the request was made in ({@code en} or {@code es})
 * @param confirmPath the signed link's path, such as {@code /privacy/opt-in/confirm/...}; valid for
 *     seven days
 * @since 1.2
 */
public record OptInConfirmation(String email, OptOut kind, String language, String confirmPath) {

    public OptInConfirmation {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(confirmPath, "confirmPath");
    }
}
