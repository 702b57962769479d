package org.cec.portal.api.analytics;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Something a visitor did that a module reports to the {@link AnalyticsRecorder}: its {@code type} and
 * a few dimensions (at most {@value #MAX_DIMENSIONS}, each value at most {@value #MAX_VALUE_LENGTH}
 * characters). Dimensions describe the action, never the person: no name, address, email, phone, IP
 * address or token.
 *
 * <p>The portal's own modules report the types named by the constants below; a partner's bundle may
 * report types of its own, named with its own prefix ({@code rebates.calculator-used}).
 *
 * @param type lower-case letters, digits, {@code .} and {@code -}, starting with a letter, at most 40
 *     characters
 * @param dimensions names as for {@code type} (at most 40 characters), values of at most {@value
 *     #MAX_VALUE_LENGTH} characters
 */
public record AnalyticsEvent(String type, Map<String, String> dimensions) {

    /** A visitor searched the directory: dimensions {@code zip3}, {@code service}, {@code radius}, {@code results}. */
    public static final String DIRECTORY_SEARCH = "directory.search";

    /** A visitor followed a contractor's website link ({@code /out/{id}}): dimension {@code contractor}. */
    public static final String OUTBOUND_CLICK = "directory.outbound-click";

    /** A visitor reached a step of a form: dimensions {@code form} and {@code step}. */
    public static final String FORM_STEP = "form.step";

    /** A form step was sent back with an error in a field: dimensions {@code form}, {@code step}, {@code field}. */
    public static final String FORM_ERROR = "form.error";

    /** A form was submitted: dimension {@code form} (and {@code service} for the request form). */
    public static final String FORM_SUBMITTED = "form.submitted";

    /** A page was not found: dimension {@code path} (with ids and tokens replaced by placeholders). */
    public static final String NOT_FOUND = "not-found";

    /** The most dimensions an event may carry. */
    public static final int MAX_DIMENSIONS = 6;

    /** The longest value of a dimension. */
    public static final int MAX_VALUE_LENGTH = 200;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9.-]{0,39}");

    /**
     * @throws IllegalArgumentException when the type or a dimension breaks the rules above
     */
    public AnalyticsEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(dimensions, "dimensions");
        if (!NAME.matcher(type).matches()) {
            throw new IllegalArgumentException("event type must match " + NAME + ": " + type);
        }
        if (dimensions.size() > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("at most " + MAX_DIMENSIONS + " dimensions, got " + dimensions.size());
        }
        dimensions.forEach((name, value) -> {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("dimension name must match " + NAME + ": " + name);
            }
            if (value == null || value.length() > MAX_VALUE_LENGTH) {
                throw new IllegalArgumentException(
                        "dimension " + name + " needs a value of at most " + MAX_VALUE_LENGTH + " characters");
            }
        });
        dimensions = Map.copyOf(dimensions);
    }

    /** An event without dimensions. */
    public static AnalyticsEvent of(String type) {
        return new AnalyticsEvent(type, Map.of());
    }

    /** An event with the given dimensions. */
    public static AnalyticsEvent of(String type, Map<String, String> dimensions) {
        return new AnalyticsEvent(type, dimensions);
    }
}
