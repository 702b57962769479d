package org.cec.portal.analytics.internal.rollups;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** The rows of {@code analytics_sink}: where each sink's deliveries stand. */
final class SinkStore {

    /** One sink's row. */
    record Sink(
            String id,
            LocalDate firstDay,
            Optional<LocalDate> deliveredThrough,
            int failures,
            Optional<Instant> retryAt) {

        /** The next day to deliver. */
        LocalDate next() {
            return deliveredThrough.map(d -> d.plusDays(1)).orElse(firstDay);
        }
    }

    private SinkStore() {}

    static Optional<Sink> find(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT first_day, delivered_through, failures, retry_at FROM analytics_sink WHERE sink_id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                Date through = r.getDate(2);
                Timestamp retry = r.getTimestamp(4);
                return Optional.of(new Sink(
                        id,
                        r.getDate(1).toLocalDate(),
                        Optional.ofNullable(through).map(Date::toLocalDate),
                        r.getInt(3),
                        Optional.ofNullable(retry).map(Timestamp::toInstant)));
            }
        }
    }

    /** The sink's row, created with {@code firstDay} when the sink is new. */
    static Sink seen(Connection c, String id, LocalDate firstDay, Instant now) throws SQLException {
        Optional<Sink> known = find(c, id);
        if (known.isPresent()) {
            return known.get();
        }
        try (PreparedStatement i = c.prepareStatement(
                "INSERT INTO analytics_sink (sink_id, first_day, failures," + " updated_at) VALUES (?, ?, 0, ?)")) {
            i.setString(1, id);
            i.setDate(2, Date.valueOf(firstDay));
            i.setTimestamp(3, Timestamp.from(now));
            i.executeUpdate();
        }
        return new Sink(id, firstDay, Optional.empty(), 0, Optional.empty());
    }

    static void delivered(Connection c, String id, LocalDate day, Instant now) throws SQLException {
        try (PreparedStatement u = c.prepareStatement("UPDATE analytics_sink SET delivered_through = ?, failures = 0,"
                + " retry_at = NULL, last_error = NULL, updated_at = ? WHERE sink_id = ?")) {
            u.setDate(1, Date.valueOf(day));
            u.setTimestamp(2, Timestamp.from(now));
            u.setString(3, id);
            u.executeUpdate();
        }
    }

    static void failed(Connection c, String id, int failures, Instant retryAt, String error, Instant now)
            throws SQLException {
        try (PreparedStatement u = c.prepareStatement("UPDATE analytics_sink SET failures = ?, retry_at = ?,"
                + " last_error = ?, updated_at = ? WHERE sink_id = ?")) {
            u.setInt(1, failures);
            u.setTimestamp(2, Timestamp.from(retryAt));
            u.setString(3, error.length() > 500 ? error.substring(0, 500) : error);
            u.setTimestamp(4, Timestamp.from(now));
            u.setString(5, id);
            u.executeUpdate();
        }
    }
}
