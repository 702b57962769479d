package org.cec.portal.analytics.internal.rollups;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads JSON objects of strings: the {@code dimensions} of a raw event, an event log payload. */
final class Dimensions {

    private static final JsonProvider JSON = JsonProvider.provider();

    private Dimensions() {}

    /** The object, or an empty object when {@code json} is empty or not a JSON object. */
    static JsonObject object(String json) {
        if (json == null || json.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (var reader = JSON.createReader(new StringReader(json))) {
            JsonValue v = reader.readValue();
            return v instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        } catch (JsonParsingException | IllegalStateException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    /** The string (and number) members of the object in {@code json}; empty when it is not one. */
    static Map<String, String> of(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        object(json).forEach((name, value) -> {
            String text = text(value);
            if (text != null) {
                out.put(name, text);
            }
        });
        return out;
    }

    /** A string or number member as text, {@code ""} when missing or of another kind. */
    static String text(JsonObject o, String name) {
        String t = text(o.get(name));
        return t == null ? "" : t;
    }

    private static String text(JsonValue value) {
        if (value instanceof JsonString s) {
            return s.getString();
        }
        if (value instanceof JsonNumber n) {
            return n.toString();
        }
        return null;
    }
}
