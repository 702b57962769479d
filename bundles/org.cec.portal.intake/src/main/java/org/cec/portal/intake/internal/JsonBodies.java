package org.cec.portal.intake.internal;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonConfig;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.Map;

/**
 * The intake module's JSON, all through Jakarta JSON Processing (Parsson): bounded reading of API
 * bodies, and builders for API answers and event payloads. One provider for the bundle, looked up
 * once (through SPI Fly's ServiceLoader mediator in OSGi).
 */
final class JsonBodies {

    /** Deepest nesting accepted: the API's deepest member is {@code sections.<id>.<question>}. */
    static final int MAX_DEPTH = 8;

    /** Longest string (member names included), in characters. */
    static final int MAX_STRING = 10_000;

    /** Most object members in one body, all levels together. */
    static final int MAX_MEMBERS = 500;

    /** Longest number, in characters (Parsson's limit on the text it turns into a BigDecimal). */
    static final int MAX_NUMBER = 100;

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    // Parsson's limits (org.eclipse.parsson.api.JsonConfig) and the standard duplicate-member refusal.
    private static final Map<String, Object> LIMITS = Map.of(
            "org.eclipse.parsson.maxDepth",
            MAX_DEPTH,
            "org.eclipse.parsson.maxBigDecimalLength",
            MAX_NUMBER,
            "org.eclipse.parsson.maxBigIntegerScale",
            MAX_NUMBER,
            "org.eclipse.parsson.rejectDuplicateKeys",
            true,
            JsonConfig.KEY_STRATEGY,
            JsonConfig.KeyStrategy.NONE);
    private static final JsonParserFactory PARSERS = PROVIDER.createParserFactory(LIMITS);
    private static final JsonReaderFactory READERS = PROVIDER.createReaderFactory(LIMITS);

    /** Why a body was refused, in words for the caller. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private JsonBodies() {}

    /**
     * The one JSON value of {@code text}, within the limits above; {@link Refused} (never another
     * exception) when the text is not JSON, has text after the value, repeats a member, or exceeds a limit.
     */
    static JsonValue read(String text) throws Refused {
        try {
            checkLimits(text);
            try (JsonReader reader = READERS.createReader(new StringReader(text))) {
                return reader.readValue();
            }
        } catch (RuntimeException e) {
            // JsonParsingException says where (line, column, offset); Parsson signals its limits (depth,
            // number length) with plain runtime exceptions.
            throw new Refused(shorten(e.getMessage()));
        }
    }

    /** A first pass over the event stream: the whole text is one value, strings and members within bounds. */
    private static void checkLimits(String text) throws Refused {
        int members = 0;
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.KEY_NAME && ++members > MAX_MEMBERS) {
                    throw new Refused("more than " + MAX_MEMBERS + " members");
                }
                if ((event == JsonParser.Event.KEY_NAME || event == JsonParser.Event.VALUE_STRING)
                        && parser.getString().length() > MAX_STRING) {
                    throw new Refused("a string is longer than " + MAX_STRING + " characters");
                }
            }
        }
    }

    private static String shorten(String message) {
        String m = message == null
                ? "invalid JSON"
                : message.replaceAll("\\s+", " ").trim();
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }

    static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    /** {@code {"error": message}}. */
    static JsonObject error(String message) {
        return object().add("error", message).build();
    }
}
