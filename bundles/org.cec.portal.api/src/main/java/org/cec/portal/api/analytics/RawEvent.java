package org.cec.portal.api.analytics;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One recorded event, as stored: never an IP address, a token or a full referrer URL.
 *
 * @param occurredAt when it was recorded
 * @param type {@code page-view} or an {@link AnalyticsEvent#type() event type}
 * @param fields what was recorded with it: for a page view {@code path}, {@code referrer-host}, {@code
 *     utm-source}, {@code utm-medium}, {@code utm-campaign}, {@code browser}, {@code os}, {@code
 *     device}, {@code language}, {@code visitor} (the day's visitor key); for other events their
 *     dimensions, and {@code visitor} and {@code language} when recorded for a visitor. Missing fields
 *     are absent.
 */
public record RawEvent(Instant occurredAt, String type, Map<String, String> fields) {

    /** The type of a page view. */
    public static final String PAGE_VIEW = "page-view";

    public RawEvent {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(type, "type");
        fields = Map.copyOf(fields);
    }
}
