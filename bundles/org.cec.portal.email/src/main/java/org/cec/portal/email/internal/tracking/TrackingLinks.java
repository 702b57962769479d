package org.cec.portal.email.internal.tracking;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Optional;
import java.util.regex.Pattern;
import org.cec.portal.api.web.CookieProtection;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The tokens of a commercial message's open pixel ({@code /email/open/<token>}) and click-through links
 * ({@code /email/click/<token>}): the message's {@code Message-ID}, the recipient's normalised address
 * (so consent can be asked again when the pixel is loaded or the link followed) and, for a click, the
 * target URL, as a small JSON object behind a purpose prefix, sealed (AES-256-GCM) with the portal's
 * keys ({@link CookieProtection#seal}).
 *
 * <p>Nobody can read the address from a link, and nobody can make or alter a token without the keys: a
 * click token redirects only to a URL that the portal itself put into one of its messages, so the
 * click endpoint is no open redirect. The purpose prefixes keep an open token from passing as a click
 * token, and any other sealed value of the portal (a cookie, an unsubscribe token) from passing as
 * either. Like unsubscribe tokens, they do not expire while the sealing key is kept.
 */
@Component(service = TrackingLinks.class)
public final class TrackingLinks {

    /** Found once: looking the JSON-P provider up (Json.create...) searches the bundles on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    static final String OPEN = "email.open:";
    static final String CLICK = "email.click:";

    /** Longest target URL put into a token; a link with a longer one is left as it is. */
    public static final int MAX_URL_LENGTH = 2000;

    /** A token is at most a few KB; anything longer is refused unread. */
    static final int MAX_LENGTH = 4096;

    /** The characters of a sealed value: a key id, a dot and base64url. */
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_.-]{16," + MAX_LENGTH + "}");

    /** What a valid token names. {@code url} is empty for an open token. */
    public record Tracked(String messageId, String recipient, String url) {}

    private final CookieProtection keys;

    @Activate
    public TrackingLinks(@Reference CookieProtection keys) {
        this.keys = keys;
    }

    /** The token of the open pixel of message {@code messageId} to {@code recipient}. */
    public String openToken(String messageId, String recipient) {
        return keys.seal(OPEN + json(messageId, recipient, null));
    }

    /** The token of a click-through link of message {@code messageId} to {@code recipient}, leading to {@code url}. */
    public String clickToken(String messageId, String recipient, String url) {
        if (url == null || url.isEmpty() || url.length() > MAX_URL_LENGTH) {
            throw new IllegalArgumentException(
                    "A click token needs a URL of at most " + MAX_URL_LENGTH + " characters");
        }
        return keys.seal(CLICK + json(messageId, recipient, url));
    }

    /** What an open token names, or empty when it is malformed, altered, foreign or of another kind. */
    public Optional<Tracked> opened(String token) {
        return read(token, OPEN).filter(t -> t.url().isEmpty());
    }

    /**
     * What a click token names, or empty when it is malformed, altered, foreign or of another kind. The URL
     * is one the portal sealed: an absolute http(s) URL.
     */
    public Optional<Tracked> clicked(String token) {
        return read(token, CLICK).filter(t -> TrackedHtml.isWebUrl(t.url()));
    }

    private Optional<Tracked> read(String token, String purpose) {
        if (token == null || !SHAPE.matcher(token).matches()) {
            return Optional.empty();
        }
        return keys.unseal(token).filter(v -> v.startsWith(purpose)).flatMap(v -> parse(v.substring(purpose.length())));
    }

    private static String json(String messageId, String recipient, String url) {
        if (messageId == null || messageId.isBlank() || recipient == null || recipient.isBlank()) {
            throw new IllegalArgumentException("A tracking token needs a message id and a recipient");
        }
        var object = JSON.createObjectBuilder().add("m", messageId).add("a", recipient);
        if (url != null) {
            object.add("u", url);
        }
        return object.build().toString();
    }

    private static Optional<Tracked> parse(String json) {
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            JsonObject o = reader.readObject();
            String m = string(o, "m");
            String a = string(o, "a");
            if (m.isEmpty() || a.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Tracked(m, a, string(o, "u")));
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            // only a value sealed by another version could get here
            return Optional.empty();
        }
    }

    private static String string(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v instanceof JsonString s ? s.getString() : "";
    }
}
