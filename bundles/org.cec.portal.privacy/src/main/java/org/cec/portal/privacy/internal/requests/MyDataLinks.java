package org.cec.portal.privacy.internal.requests;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.cec.portal.api.web.CookieProtection;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The token of a person's link to their data ({@code /privacy/my-data/<token>}): the request's id, the
 * link's expiry and the person's normalised address behind a purpose prefix, sealed (AES-256-GCM) with
 * the portal's keys ({@link CookieProtection#seal}). The address cannot be read from the link, a link
 * cannot be made or altered for another address or request without the keys, and the purpose prefix
 * keeps any other sealed value of the portal (a cookie, an unsubscribe token) from passing as one.
 */
@Component(service = MyDataLinks.class)
public final class MyDataLinks {

    /** How long a link opens the person's data. */
    public static final Duration VALID_FOR = Duration.ofHours(24);

    /** Where a link's token is appended: the person's page. */
    public static final String PATH = "/privacy/my-data/";

    static final String PURPOSE = "privacy.my-data:";

    /** A sealed value of this kind is a few hundred characters; anything longer is refused unread. */
    static final int MAX_LENGTH = 1024;

    /** The characters of a sealed value: a key id, a dot and base64url. */
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_.-]{16," + MAX_LENGTH + "}");

    /** What a link names. */
    public record Link(long requestId, String email, Instant expiresAt) {
        public boolean expired(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    private final CookieProtection keys;

    @Activate
    public MyDataLinks(@Reference CookieProtection keys) {
        this.keys = keys;
    }

    /** A new token for request {@code requestId} of this normalised address, valid for {@link #VALID_FOR}. */
    public String tokenFor(long requestId, String normalisedEmail, Instant now) {
        if (normalisedEmail == null || normalisedEmail.isBlank()) {
            throw new IllegalArgumentException("A privacy link needs a normalised address");
        }
        long expires = now.plus(VALID_FOR).getEpochSecond();
        return keys.seal(PURPOSE + requestId + ":" + expires + ":" + normalisedEmail);
    }

    /**
     * What the token names, or empty when it is malformed, altered, cut or foreign (expiry is the
     * caller's check, so that it can say so kindly).
     */
    public Optional<Link> read(String token) {
        if (token == null || !SHAPE.matcher(token).matches()) {
            return Optional.empty();
        }
        return keys.unseal(token).filter(v -> v.startsWith(PURPOSE)).flatMap(MyDataLinks::parse);
    }

    private static Optional<Link> parse(String value) {
        String[] parts = value.substring(PURPOSE.length()).split(":", 3);
        if (parts.length != 3 || parts[2].isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new Link(Long.parseLong(parts[0]), parts[2], Instant.ofEpochSecond(Long.parseLong(parts[1]))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
