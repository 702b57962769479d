package org.cec.portal.platform.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.cec.portal.api.events.EventConsumer.StartFrom;

/**
 * Each consumer's position in the event log and its retry state (table {@code platform_consumer}):
 * registering a consumer, claiming it for one batch (a row lock that other nodes skip), storing where
 * it got to. Every method works on the connection it is given, inside the caller's transaction.
 */
final class ConsumerPositions {

    private final EventStore log;

    ConsumerPositions(EventStore log) {
        this.log = log;
    }

    /** A consumer's stored state. */
    record ConsumerRow(
            String consumerId,
            long position,
            int attempts,
            Long failingEventId,
            long nextAttemptAt,
            String lastError) {}

    /**
     * Stores a consumer seen for the first time, at 0 or at the last committed event; records the
     * types it reads (for the console's lag). Returns false if it was already known.
     */
    boolean registerIfAbsent(Connection c, String consumerId, StartFrom startFrom, Set<String> types)
            throws SQLException {
        String typeList = String.join(",", new TreeSet<>(types));
        if (typeList.length() > 4000) {
            typeList = typeList.substring(0, 4000);
        }
        try (PreparedStatement update =
                c.prepareStatement("UPDATE platform_consumer SET event_types = ? WHERE consumer_id = ?")) {
            update.setString(1, typeList);
            update.setString(2, consumerId);
            if (update.executeUpdate() > 0) {
                return false;
            }
        }
        long start = startFrom == StartFrom.NOW ? log.lastId(c) : 0;
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO platform_consumer (consumer_id, position,"
                + " event_types, attempts, failing_event_id, next_attempt_at, last_error, registered_at, updated_at)"
                + " VALUES (?, ?, ?, 0, NULL, 0, NULL, ?, ?)")) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            insert.setString(1, consumerId);
            insert.setLong(2, start);
            insert.setString(3, typeList);
            insert.setObject(4, now);
            insert.setObject(5, now);
            insert.executeUpdate();
        }
        return true;
    }

    /** Whether the consumer has a stored row (without locking it). */
    boolean consumerExists(Connection c, String consumerId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM platform_consumer WHERE consumer_id = ?")) {
            q.setString(1, consumerId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Locks the consumer's row for this transaction. Empty when another transaction (another node)
     * holds it, or when the consumer is unknown.
     */
    Optional<ConsumerRow> claim(Connection c, String consumerId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT consumer_id, position, attempts, failing_event_id,"
                + " next_attempt_at, last_error FROM platform_consumer WHERE consumer_id = ?"
                + log.dialect().lockSkipLocked())) {
            q.setString(1, consumerId);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long failing = rs.getLong(4);
                Long failingId = rs.wasNull() ? null : failing;
                return Optional.of(new ConsumerRow(
                        rs.getString(1), rs.getLong(2), rs.getInt(3), failingId, rs.getLong(5), rs.getString(6)));
            }
        }
    }

    void updateConsumer(
            Connection c,
            String consumerId,
            long position,
            int attempts,
            Long failingEventId,
            long nextAttemptAt,
            String lastError)
            throws SQLException {
        try (PreparedStatement u = c.prepareStatement("UPDATE platform_consumer SET position = ?, attempts = ?,"
                + " failing_event_id = ?, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE consumer_id = ?")) {
            u.setLong(1, position);
            u.setInt(2, attempts);
            if (failingEventId == null) {
                u.setNull(3, java.sql.Types.BIGINT);
            } else {
                u.setLong(3, failingEventId);
            }
            u.setLong(4, nextAttemptAt);
            u.setString(5, EventStore.truncate(lastError));
            u.setObject(6, OffsetDateTime.now(ZoneOffset.UTC));
            u.setString(7, consumerId);
            u.executeUpdate();
        }
    }
}
