package org.cec.portal.email.internal.unsubscribe;

import java.util.Optional;
import java.util.regex.Pattern;
import org.cec.portal.api.web.CookieProtection;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The token of a recipient's unsubscribe link: their normalised address, behind a purpose prefix,
 * sealed (AES-256-GCM) with the portal's keys ({@link CookieProtection#seal}). The address is not
 * readable from the link, and a token cannot be made or altered for another address without the keys;
 * the purpose prefix keeps any other sealed value of the portal (a cookie) from passing as one.
 *
 * <p>Tokens do not expire: a link in a message read years later must still work (a person can always
 * leave). A token stays valid as long as the key that sealed it is kept in the portal's keys folder;
 * after a rotation that drops the old key, old links answer 400 and the page points to
 * {@code /privacy/choices}, where anyone can opt out by typing the address.
 */
@Component(service = UnsubscribeTokens.class)
public final class UnsubscribeTokens {

    static final String PURPOSE = "email.unsubscribe:";

    /** A sealed address is at most a few hundred characters; anything longer is refused unread. */
    static final int MAX_LENGTH = 1024;

    /** The characters of a sealed value: a key id, a dot and base64url. */
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_.-]{16," + MAX_LENGTH + "}");

    private final CookieProtection keys;

    @Activate
    public UnsubscribeTokens(@Reference CookieProtection keys) {
        this.keys = keys;
    }

    /** A new token for this normalised address (each call seals anew, so tokens differ). */
    public String tokenFor(String normalisedEmail) {
        if (normalisedEmail == null || normalisedEmail.isBlank()) {
            throw new IllegalArgumentException("An unsubscribe token needs an address");
        }
        return keys.seal(PURPOSE + normalisedEmail);
    }

    /** The address a token was made for, or empty when it is malformed, altered or foreign. */
    public Optional<String> addressOf(String token) {
        if (token == null || !SHAPE.matcher(token).matches()) {
            return Optional.empty();
        }
        return keys.unseal(token)
                .filter(v -> v.startsWith(PURPOSE) && v.length() > PURPOSE.length())
                .map(v -> v.substring(PURPOSE.length()));
    }
}
