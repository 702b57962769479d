package org.cec.portal.analytics.internal.rollups;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cec.portal.api.analytics.RawEvent;

/**
 * Reads the consented raw events of a day for the sinks, in order, in chunks. Anonymous page views
 * (counted without consent, with no visitor key) are not consented events and never leave the portal.
 */
final class RawEvents {

    /** The most events handed to a sink at once. */
    static final int CHUNK = 1000;

    /** Receives one chunk. */
    @FunctionalInterface
    interface ChunkHandler {
        void accept(List<RawEvent> chunk) throws Exception;
    }

    private static final String[] PAGE_VIEW_FIELDS = {
        "path", "referrer-host", "utm-source", "utm-medium", "utm-campaign", "browser", "os", "device", "language"
    };

    private RawEvents() {}

    /** Hands the events of {@code day} to {@code handler} in chunks of at most {@link #CHUNK}. */
    static void of(Connection c, java.time.LocalDate day, ChunkHandler handler) throws Exception {
        try (PreparedStatement s = c.prepareStatement("SELECT occurred_at, type, visitor_key, path, referrer_host,"
                + " utm_source, utm_medium, utm_campaign, browser, os, device, language, dimensions"
                + " FROM analytics_event WHERE event_day = ? AND (type <> 'page-view' OR visitor_key IS NOT NULL)"
                + " ORDER BY occurred_at, id")) {
            s.setFetchSize(CHUNK);
            s.setDate(1, Date.valueOf(day));
            try (ResultSet r = s.executeQuery()) {
                List<RawEvent> chunk = new ArrayList<>(CHUNK);
                while (r.next()) {
                    chunk.add(event(r));
                    if (chunk.size() == CHUNK) {
                        handler.accept(List.copyOf(chunk));
                        chunk.clear();
                    }
                }
                if (!chunk.isEmpty()) {
                    handler.accept(List.copyOf(chunk));
                }
            }
        }
    }

    private static RawEvent event(ResultSet r) throws SQLException {
        String type = r.getString(2);
        Map<String, String> fields = new LinkedHashMap<>();
        if (RawEvent.PAGE_VIEW.equals(type)) {
            for (int i = 0; i < PAGE_VIEW_FIELDS.length; i++) {
                put(fields, PAGE_VIEW_FIELDS[i], r.getString(4 + i));
            }
        } else {
            fields.putAll(Dimensions.of(r.getString(13)));
            put(fields, "language", r.getString(12));
        }
        put(fields, "visitor", r.getString(3));
        // occurred_at is the UTC time (as the recorder writes it)
        return new RawEvent(r.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC), type, fields);
    }

    private static void put(Map<String, String> fields, String name, String value) {
        if (value != null && !value.isEmpty()) {
            fields.put(name, value);
        }
    }
}
