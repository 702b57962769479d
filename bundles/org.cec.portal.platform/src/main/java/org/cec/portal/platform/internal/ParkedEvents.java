package org.cec.portal.platform.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Deliveries that failed too often and were set aside (table {@code platform_parked_event}): parking
 * an event for a consumer, listing and counting them, an admin's retry request, and its outcome. Every
 * method works on the connection it is given, inside the caller's transaction.
 */
final class ParkedEvents {

    /** A parked event of a consumer. */
    record Parked(
            String consumerId,
            long eventId,
            int attempts,
            String lastError,
            Instant parkedAt,
            boolean retryRequested) {}

    void park(Connection c, String consumerId, long eventId, int attempts, String lastError) throws SQLException {
        try (PreparedStatement i = c.prepareStatement("INSERT INTO platform_parked_event (consumer_id, event_id,"
                + " attempts, last_error, parked_at, retry_requested) VALUES (?, ?, ?, ?, ?, FALSE)")) {
            i.setString(1, consumerId);
            i.setLong(2, eventId);
            i.setInt(3, attempts);
            i.setString(4, EventStore.truncate(lastError));
            i.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
            i.executeUpdate();
        }
    }

    List<Parked> parked(Connection c, String consumerIdOrNull, boolean onlyRetryRequested) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT consumer_id, event_id, attempts, last_error, parked_at,"
                + " retry_requested FROM platform_parked_event WHERE 1 = 1");
        if (consumerIdOrNull != null) {
            sql.append(" AND consumer_id = ?");
        }
        if (onlyRetryRequested) {
            sql.append(" AND retry_requested = TRUE");
        }
        sql.append(" ORDER BY consumer_id, event_id");
        try (PreparedStatement q = c.prepareStatement(sql.toString())) {
            if (consumerIdOrNull != null) {
                q.setString(1, consumerIdOrNull);
            }
            List<Parked> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new Parked(
                            rs.getString(1),
                            rs.getLong(2),
                            rs.getInt(3),
                            rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant(),
                            rs.getBoolean(6)));
                }
            }
            return out;
        }
    }

    int parkedCount(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM platform_parked_event");
                ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Marks a parked event for redelivery; false when there is no such parked event. */
    boolean requestRetry(Connection c, String consumerId, long eventId) throws SQLException {
        try (PreparedStatement u = c.prepareStatement(
                "UPDATE platform_parked_event SET retry_requested = TRUE WHERE consumer_id = ? AND event_id = ?")) {
            u.setString(1, consumerId);
            u.setLong(2, eventId);
            return u.executeUpdate() > 0;
        }
    }

    void unpark(Connection c, String consumerId, long eventId) throws SQLException {
        try (PreparedStatement d =
                c.prepareStatement("DELETE FROM platform_parked_event WHERE consumer_id = ? AND event_id = ?")) {
            d.setString(1, consumerId);
            d.setLong(2, eventId);
            d.executeUpdate();
        }
    }

    void retryFailed(Connection c, String consumerId, long eventId, int attempts, String lastError)
            throws SQLException {
        try (PreparedStatement u = c.prepareStatement("UPDATE platform_parked_event SET retry_requested = FALSE,"
                + " attempts = ?, last_error = ? WHERE consumer_id = ? AND event_id = ?")) {
            u.setInt(1, attempts);
            u.setString(2, EventStore.truncate(lastError));
            u.setString(3, consumerId);
            u.setLong(4, eventId);
            u.executeUpdate();
        }
    }
}
