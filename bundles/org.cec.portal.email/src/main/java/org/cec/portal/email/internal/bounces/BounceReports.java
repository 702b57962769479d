package org.cec.portal.email.internal.bounces;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cec.portal.api.email.MailAddress;

/**
 * Reads the body of {@code POST /email/bounces}: one JSON object {@code {"recipient": "...", "type":
 * "hard"|"soft", "messageId": "<...>", "reason": "..."}} or an array of them. {@code recipient} and
 * {@code type} are required; {@code messageId} (with or without its angle brackets) and {@code reason}
 * are optional; other members are ignored. Anything else is refused with a reason that names the item
 * and the member, never the address.
 */
public final class BounceReports {

    /** Found once: looking the JSON-P provider up (Json.create...) searches the bundles on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** The most reports one request may carry. */
    public static final int MAX_REPORTS = 1000;

    /** The longest {@code messageId} accepted (as the outbox stores it). */
    public static final int MAX_MESSAGE_ID = 200;

    /** A body that is not a list of bounce reports; the message says why (for the integrator). */
    public static final class InvalidReports extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidReports(String reason) {
            super(reason);
        }
    }

    private BounceReports() {}

    /** The reports of a UTF-8 JSON body. */
    public static List<BounceReport> parse(byte[] body) throws InvalidReports {
        JsonValue value;
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(body))) {
            value = reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidReports("The body is not JSON: send one bounce object or an array of them");
        }
        if (value.getValueType() == JsonValue.ValueType.OBJECT) {
            return List.of(report(value.asJsonObject(), ""));
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidReports("The body must be a bounce object or an array of them");
        }
        JsonArray array = value.asJsonArray();
        if (array.isEmpty()) {
            throw new InvalidReports("The array holds no bounce");
        }
        if (array.size() > MAX_REPORTS) {
            throw new InvalidReports("At most " + MAX_REPORTS + " bounces per request");
        }
        List<BounceReport> reports = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonValue item = array.get(i);
            String where = "Item " + i + ": ";
            if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidReports(where + "each bounce must be an object");
            }
            reports.add(report(item.asJsonObject(), where));
        }
        return List.copyOf(reports);
    }

    private static BounceReport report(JsonObject o, String where) throws InvalidReports {
        String recipient =
                string(o, "recipient", where).orElseThrow(() -> new InvalidReports(where + "recipient is missing"));
        try {
            MailAddress.of(recipient);
        } catch (IllegalArgumentException e) {
            // (the address itself is not repeated)
            throw new InvalidReports(where + "recipient is not an email address (name@domain, one line, at most "
                    + MailAddress.MAX_ADDRESS_LENGTH + " characters)");
        }
        String typeText = string(o, "type", where).orElseThrow(() -> new InvalidReports(where + "type is missing"));
        BounceReport.Type type =
                switch (typeText.strip().toLowerCase(Locale.ROOT)) {
                    case "hard" -> BounceReport.Type.HARD;
                    case "soft" -> BounceReport.Type.SOFT;
                    default -> throw new InvalidReports(where + "type must be \"hard\" or \"soft\"");
                };
        Optional<String> messageId = string(o, "messageId", where);
        if (messageId.isPresent()) {
            messageId = Optional.of(messageId(messageId.get())
                    .orElseThrow(() -> new InvalidReports(where + "messageId must be a Message-ID such as"
                            + " <id@portal-host>, at most " + MAX_MESSAGE_ID + " characters without spaces")));
        }
        String reason = string(o, "reason", where).map(BounceReports::oneLine).orElse("");
        return new BounceReport(recipient.strip().toLowerCase(Locale.ROOT), type, messageId, reason);
    }

    /** A member that must be a string when present; empty when absent or null. */
    private static Optional<String> string(JsonObject o, String name, String where) throws InvalidReports {
        JsonValue v = o.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(v instanceof JsonString s)) {
            throw new InvalidReports(where + name + " must be a string");
        }
        return Optional.of(s.getString());
    }

    /** A Message-ID without its angle brackets, or empty when {@code text} is none (or too long to be the outbox's). */
    static Optional<String> messageId(String text) {
        String id = text.strip();
        if (id.startsWith("<") && id.endsWith(">") && id.length() >= 2) {
            id = id.substring(1, id.length() - 1).strip();
        }
        if (id.isEmpty()
                || id.length() > MAX_MESSAGE_ID
                || id.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
            return Optional.empty();
        }
        return Optional.of(id);
    }

    /** {@code text} on one line, at most {@link BounceReport#MAX_REASON} characters. */
    static String oneLine(String text) {
        StringBuilder s = new StringBuilder(Math.min(text.length(), BounceReport.MAX_REASON));
        text.strip().codePoints().forEach(c -> {
            if (s.length() < BounceReport.MAX_REASON) {
                s.appendCodePoint(Character.isISOControl(c) ? ' ' : c);
            }
        });
        String cut = s.toString();
        return cut.length() > BounceReport.MAX_REASON ? cut.substring(0, BounceReport.MAX_REASON) : cut;
    }
}
