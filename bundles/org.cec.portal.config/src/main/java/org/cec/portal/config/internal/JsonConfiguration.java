package org.cec.portal.config.internal;

import jakarta.json.JsonConfig;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.StringReader;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.apache.felix.cm.json.io.ConfigurationReader;
import org.apache.felix.cm.json.io.Configurations;

/**
 * Reads one configuration in the OSGi configuration resource format ({@code <pid>.cfg.json}) with
 * Felix's {@code org.apache.felix.cm.json}: a JSON object whose members are the properties, a member
 * name may carry a type ({@code "port:Integer": 8080}, {@code "hosts:String[]": ["a", "b"]},
 * {@code "ids:Collection<Long>": [1, 2]}), and {@code //} and {@code /* *\/} comments are allowed.
 * The JSON itself is read by the portal's JSON provider with duplicate member names refused, so that
 * a file never means two things.
 */
final class JsonConfiguration {

    private final JsonProvider json;
    private final JsonReaderFactory readers;
    private final JsonParserFactory parsers;

    JsonConfiguration(JsonProvider json) {
        this.json = json;
        // Parsson's own switch (org.eclipse.parsson.api.JsonConfig.REJECT_DUPLICATE_KEYS) and the standard one.
        this.parsers = json.createParserFactory(Map.of());
        this.readers = json.createReaderFactory(Map.of(
                JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE, "org.eclipse.parsson.rejectDuplicateKeys", true));
    }

    /**
     * The properties of {@code text} (the file {@code name}); a clear one-line
     * {@link IllegalArgumentException} (with line and column where the JSON is broken) when it is not valid.
     */
    Hashtable<String, Object> parse(String name, String text) {
        JsonValue root;
        try {
            requireOneValue(text);
            try (JsonReader reader = readers.createReader(uncommented(text))) {
                root = reader.readValue();
            }
        } catch (JsonParsingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException(
                    (at == null ? "" : "line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ": ")
                            + oneLine(e.getMessage()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(oneLine(e.getMessage()));
        }
        if (root.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException("a configuration file must hold one JSON object");
        }
        // A member set to null means "not set", as before; Felix's reader would drop the whole file.
        JsonObjectBuilder members = json.createObjectBuilder();
        for (Map.Entry<String, JsonValue> member : root.asJsonObject().entrySet()) {
            if (member.getKey().indexOf(':') == 0 || member.getKey().isBlank()) {
                throw new IllegalArgumentException("a property name is empty");
            }
            if (member.getValue().getValueType() != JsonValue.ValueType.NULL) {
                requireInRange(member.getKey(), member.getValue());
                members.add(member.getKey(), member.getValue());
            }
        }
        ConfigurationReader reader =
                Configurations.buildReader().withIdentifier(name).build(members.build());
        Hashtable<String, Object> properties;
        try {
            properties = reader.readConfiguration();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(oneLine(e.getMessage()));
        }
        List<String> errors = reader.getIgnoredErrors();
        if (properties == null || !errors.isEmpty()) {
            throw new IllegalArgumentException(oneLine(String.join("; ", errors)));
        }
        return properties;
    }

    /**
     * Felix's converter wraps an integral number that does not fit its type ({@code "port:Integer":
     * 99999999999} would become 1215752191): such a value is refused instead.
     */
    private static void requireInRange(String member, JsonValue value) {
        int colon = member.indexOf(':');
        if (colon < 0) {
            return;
        }
        String type = member.substring(colon + 1).trim();
        if (type.endsWith("[]")) {
            type = type.substring(0, type.length() - 2);
        } else if (type.startsWith("Collection<") && type.endsWith(">")) {
            type = type.substring("Collection<".length(), type.length() - 1);
        }
        long min;
        long max;
        switch (type) {
            case "Integer", "int" -> {
                min = Integer.MIN_VALUE;
                max = Integer.MAX_VALUE;
            }
            case "Short", "short" -> {
                min = Short.MIN_VALUE;
                max = Short.MAX_VALUE;
            }
            case "Byte", "byte" -> {
                min = Byte.MIN_VALUE;
                max = Byte.MAX_VALUE;
            }
            case "Long", "long" -> {
                min = Long.MIN_VALUE;
                max = Long.MAX_VALUE;
            }
            default -> {
                return;
            }
        }
        List<JsonValue> values =
                value.getValueType() == JsonValue.ValueType.ARRAY ? value.asJsonArray() : List.of(value);
        for (JsonValue v : values) {
            if (v instanceof JsonNumber n) {
                try {
                    long exact = n.bigDecimalValue().longValueExact();
                    if (exact >= min && exact <= max) {
                        continue;
                    }
                } catch (ArithmeticException notIntegral) {
                    // refused below
                }
                throw new IllegalArgumentException(
                        "property " + member.substring(0, colon) + ": " + n + " is not a valid " + type);
            }
        }
    }

    /** Parses once as a stream: the reader alone would accept text after the value. */
    private void requireOneValue(String text) throws IOException {
        try (JsonParser parser = parsers.createParser(uncommented(text))) {
            while (parser.hasNext()) {
                parser.next();
            }
        }
    }

    private static java.io.Reader uncommented(String text) throws IOException {
        return Configurations.jsonCommentAwareReader(new StringReader(text));
    }

    private static String oneLine(String message) {
        String m = message == null ? "invalid" : message.replaceAll("\\s+", " ").trim();
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }
}
