package org.cec.portal.email.internal.consumers;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.cec.portal.api.events.PortalEvent;

/** Reads the JSON payloads of the events the consumers receive. */
final class Payloads {

    private static final JsonProvider JSON = JsonProvider.provider();

    private Payloads() {}

    /** The payload as an object; a payload that is not one is a failure of the event (it is parked). */
    static JsonObject of(PortalEvent event) {
        try (var reader = JSON.createReader(new StringReader(event.payload()))) {
            return reader.readObject();
        } catch (JsonParsingException | ClassCastException | IllegalStateException e) {
            throw new IllegalArgumentException(
                    "The payload of " + event.type() + " " + event.id() + " is not a JSON object");
        }
    }

    /** A string member, or {@code ""} when it is missing or not a string. */
    static String text(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v instanceof JsonString s ? s.getString() : "";
    }

    /** A required string member. */
    static String required(JsonObject o, String name, PortalEvent event) {
        String v = text(o, name);
        if (v.isBlank()) {
            throw new IllegalArgumentException("The payload of " + event.type() + " " + event.id() + " has no " + name);
        }
        return v;
    }

    /** The strings of an array member (or of the {@code key} member of its objects); empty when missing. */
    static List<String> strings(JsonObject o, String name, String key) {
        JsonValue v = o.get(name);
        List<String> out = new ArrayList<>();
        if (v instanceof JsonArray array) {
            for (JsonValue item : array) {
                if (item instanceof JsonString s) {
                    out.add(s.getString());
                } else if (key != null && item instanceof JsonObject obj && obj.get(key) instanceof JsonString s) {
                    out.add(s.getString());
                }
            }
        }
        return out;
    }

    /** The numbers of an array member. */
    static List<Long> numbers(JsonObject o, String name) {
        JsonValue v = o.get(name);
        List<Long> out = new ArrayList<>();
        if (v instanceof JsonArray array) {
            for (JsonValue item : array) {
                if (item instanceof jakarta.json.JsonNumber n) {
                    out.add(n.longValueExact());
                }
            }
        }
        return out;
    }
}
