package org.cec.portal.web.internal;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.Locale;

/**
 * {@code fmt} in templates: dates, times, numbers and phone numbers written the way a reader of
 * the page's language expects ({@code ${fmt.date(request.createdAt)}} gives "December 1, 2026" in
 * English and "1 de diciembre de 2026" in Spanish), in the portal's time zone.
 */
public final class PageFormats {

    private final Locale locale;
    private final ZoneId zone;

    PageFormats(Locale locale, ZoneId zone) {
        this.locale = locale;
        this.zone = zone;
    }

    /** A date (or the date of an instant) in the long form of the language. */
    public String date(Object value) {
        return format(value, DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG));
    }

    /** A date with its time of day. */
    public String dateTime(Object value) {
        return format(value, DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT));
    }

    /** A number with the language's grouping and decimal separators. */
    public String number(Object value) {
        if (value instanceof Number n) {
            return NumberFormat.getNumberInstance(locale).format(n);
        }
        return value == null ? "" : value.toString();
    }

    /**
     * A phone number: a 10-digit North American number (optionally with a leading 1) as {@code (415)
     * 555-0100}, the form used in the United States in both English and Spanish; any other value as
     * it was entered.
     */
    public String phone(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        String digits = text.replaceAll("[^0-9]", "");
        if (digits.length() == 11 && digits.startsWith("1")) {
            digits = digits.substring(1);
        }
        if (digits.length() != 10 || text.contains("+") && !text.strip().startsWith("+1")) {
            return text;
        }
        return "(" + digits.substring(0, 3) + ") " + digits.substring(3, 6) + "-" + digits.substring(6);
    }

    private String format(Object value, DateTimeFormatter style) {
        if (value instanceof LocalDate d) {
            return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                    .withLocale(locale)
                    .format(d);
        }
        TemporalAccessor temporal = null;
        if (value instanceof Instant i) {
            temporal = i.atZone(zone);
        } else if (value instanceof Date d) {
            temporal = d.toInstant().atZone(zone);
        } else if (value instanceof OffsetDateTime o) {
            temporal = o.atZoneSameInstant(zone);
        } else if (value instanceof ZonedDateTime z) {
            temporal = z.withZoneSameInstant(zone);
        } else if (value instanceof LocalDateTime l) {
            temporal = l.atZone(zone);
        }
        if (temporal == null) {
            return value == null ? "" : value.toString();
        }
        return style.withLocale(locale).format(temporal);
    }
}
