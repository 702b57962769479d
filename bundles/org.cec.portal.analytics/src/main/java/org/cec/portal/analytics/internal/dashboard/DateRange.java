package org.cec.portal.analytics.internal.dashboard;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The days a dashboard shows, both ends included: one of the presets (the last day, week, month or
 * year up to and including {@code to}, which is today unless given) or a custom {@code from}/{@code
 * to}. {@link #parse} turns what staff typed into a range or says what is wrong (a message key of the
 * console page's texts, {@code console.analytics.range.*}, and its arguments).
 */
public record DateRange(String preset, LocalDate from, LocalDate to) {

    /** The presets, in the order the page offers them. */
    static final List<String> PRESETS = List.of("day", "week", "month", "year", "custom");

    /** The longest range (ten years): longer ones are refused, not answered slowly. */
    static final int MAX_DAYS = 3660;

    /**
     * What was wrong with the range asked for: the key of the sentence for staff in {@code
     * messages/messages*.properties} and its arguments (parameter names, dates and numbers as text).
     */
    static final class BadRange extends Exception {
        private static final long serialVersionUID = 1L;

        private final String key;
        private final List<String> args;

        BadRange(String key, String... args) {
            super(key + " " + List.of(args), null, false, false);
            this.key = key;
            this.args = List.of(args);
        }

        /** The message key of the reason. */
        String key() {
            return key;
        }

        /** The reason's arguments. */
        List<String> args() {
            return args;
        }
    }

    /** How many days the range holds. */
    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /**
     * The range of the request's {@code range}, {@code from} and {@code to} parameters (each may be
     * empty): no preset and no dates is the last 30 days; dates without a preset are a custom range.
     *
     * @throws BadRange when a value is not a preset or not a date, the range ends before it starts or
     *     is longer than {@value #MAX_DAYS} days
     */
    static DateRange parse(String range, String fromText, String toText, LocalDate today) throws BadRange {
        String preset = range.strip().toLowerCase(Locale.ROOT);
        if (preset.isEmpty()) {
            preset = fromText.isBlank() ? "month" : "custom";
        }
        if (!PRESETS.contains(preset)) {
            throw new BadRange("console.analytics.range.preset");
        }
        LocalDate to = toText.isBlank() ? today : date("to", toText);
        LocalDate from;
        switch (preset) {
            case "day" -> from = to;
            case "week" -> from = to.minusDays(6);
            case "month" -> from = to.minusDays(29);
            case "year" -> from = to.minusDays(364);
            default -> {
                if (fromText.isBlank()) {
                    throw new BadRange("console.analytics.range.customNeedsFrom");
                }
                from = date("from", fromText);
            }
        }
        if (to.isBefore(from)) {
            throw new BadRange("console.analytics.range.order", from.toString(), to.toString());
        }
        DateRange result = new DateRange(preset, from, to);
        if (result.days() > MAX_DAYS) {
            throw new BadRange(
                    "console.analytics.range.tooLong", Integer.toString(MAX_DAYS), Long.toString(result.days()));
        }
        return result;
    }

    private static LocalDate date(String name, String text) throws BadRange {
        String t = text.strip();
        if (t.length() == 10) {
            try {
                return LocalDate.parse(t);
            } catch (DateTimeParseException notADate) {
                // said below
            }
        }
        throw new BadRange("console.analytics.range.date", name);
    }
}
