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
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.cec.portal.api.events.EventConsumer.StartFrom;
import org.cec.portal.api.events.PortalEvent;
import org.cec.portal.api.events.PortalEvents;

/**
 * The SQL of the durable event log (tables of the platform's migration V1). Every method works on
 * the connection it is given, inside the caller's transaction.
 *
 * <p><b>Ids in commit order.</b> A sequence would hand out ids in the order transactions
 * <em>append</em>, not the order they <em>commit</em>: a reader that has seen id 8 could miss id 7
 * committed a moment later. So the next id comes from one counter row that each appending
 * transaction updates: the row lock is held until that transaction commits or rolls back, so the
 * next appender waits and gets a higher id only after the previous one is visible. Appends are
 * thereby serialised from the first append of a transaction to its commit; keep such transactions
 * short.
 */
final class EventStore {

    static final int MAX_ERROR = 2000;

    private final Dialect dialect;

    EventStore(Dialect dialect) {
        this.dialect = dialect;
    }

    Dialect dialect() {
        return dialect;
    }

    /** Appends one event in the connection's current transaction; returns its id. */
    long append(Connection c, String type, String payload) throws SQLException {
        return append(c, type, payload, 0);
    }

    /**
     * Appends one event in the connection's current transaction and returns its id. {@code
     * lastInTransaction} is the id of the event this transaction appended last, 0 for its first. The
     * first append moves the counter row on by one, which locks it until the transaction ends; later
     * appends of the same transaction take the next ids without touching the row again, and {@link
     * #finishAppends} writes the last id into it just before the commit. A batch of appends costs one
     * insert each, plus two statements per transaction instead of two per event.
     */
    long append(Connection c, String type, String payload, long lastInTransaction) throws SQLException {
        if (type == null || type.isBlank() || type.length() > PortalEvents.MAX_TYPE_LENGTH) {
            throw new IllegalArgumentException(
                    "An event type is 1 to " + PortalEvents.MAX_TYPE_LENGTH + " characters, such as intake.submitted");
        }
        if (payload == null) {
            throw new IllegalArgumentException("An event payload may be empty but not null");
        }
        long id;
        if (lastInTransaction > 0) {
            // This transaction holds the counter row's lock since its first append.
            id = lastInTransaction + 1;
        } else {
            try (PreparedStatement bump =
                    c.prepareStatement("UPDATE platform_event_counter SET last_id = last_id + 1 WHERE id = 1")) {
                if (bump.executeUpdate() != 1) {
                    throw new SQLException("platform_event_counter has no row: the platform's migrations did not run");
                }
            }
            try (PreparedStatement q = c.prepareStatement("SELECT last_id FROM platform_event_counter WHERE id = 1");
                    ResultSet rs = q.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        try (PreparedStatement insert =
                c.prepareStatement("INSERT INTO platform_event (id, type, payload, appended_at) VALUES (?, ?, ?, ?)")) {
            insert.setLong(1, id);
            insert.setString(2, type);
            insert.setString(3, payload);
            insert.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
            insert.executeUpdate();
        }
        return id;
    }

    /**
     * Writes {@code lastId}, the id of the last event this transaction appended, into the counter row;
     * called just before the commit of a transaction that appended more than one event.
     */
    void finishAppends(Connection c, long lastId) throws SQLException {
        try (PreparedStatement set = c.prepareStatement("UPDATE platform_event_counter SET last_id = ? WHERE id = 1")) {
            set.setLong(1, lastId);
            set.executeUpdate();
        }
    }

    /** The id of the last committed event, 0 when there is none. */
    long lastId(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT last_id FROM platform_event_counter WHERE id = 1");
                ResultSet rs = q.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * Up to {@code limit} events with {@code position < id <= upTo} of the given types (all when
     * empty), by id. The upper bound keeps the scan on a range of the primary key however long the
     * backlog is (without it H2 reads every later event of those types to find the first 100).
     */
    List<PortalEvent> read(Connection c, long position, long upTo, Set<String> types, int limit) throws SQLException {
        StringBuilder sql =
                new StringBuilder("SELECT id, type, payload, appended_at FROM platform_event WHERE id > ? AND id <= ?");
        if (!types.isEmpty()) {
            sql.append(" AND type IN (").append("?, ".repeat(types.size() - 1)).append("?)");
        }
        sql.append(" ORDER BY id LIMIT ?");
        try (PreparedStatement q = c.prepareStatement(sql.toString())) {
            int p = 1;
            q.setLong(p++, position);
            q.setLong(p++, upTo);
            for (String t : new TreeSet<>(types)) {
                q.setString(p++, t);
            }
            q.setInt(p, limit);
            List<PortalEvent> events = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    events.add(event(rs));
                }
            }
            return events;
        }
    }

    Optional<PortalEvent> event(Connection c, long id) throws SQLException {
        try (PreparedStatement q =
                c.prepareStatement("SELECT id, type, payload, appended_at FROM platform_event WHERE id = ?")) {
            q.setLong(1, id);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(event(rs)) : Optional.empty();
            }
        }
    }

    private static PortalEvent event(ResultSet rs) throws SQLException {
        return new PortalEvent(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getObject(4, OffsetDateTime.class).toInstant());
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
        long start = startFrom == StartFrom.NOW ? lastId(c) : 0;
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
                + dialect.lockSkipLocked())) {
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
            u.setString(5, truncate(lastError));
            u.setObject(6, OffsetDateTime.now(ZoneOffset.UTC));
            u.setString(7, consumerId);
            u.executeUpdate();
        }
    }

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
            i.setString(4, truncate(lastError));
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
            u.setString(2, truncate(lastError));
            u.setString(3, consumerId);
            u.setLong(4, eventId);
            u.executeUpdate();
        }
    }

    /** One row of the console's consumer table. */
    record ConsumerStatus(
            String consumerId, long position, String eventTypes, long pending, int attempts, String lastError) {}

    List<ConsumerStatus> consumers(Connection c) throws SQLException {
        List<ConsumerStatus> out = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT consumer_id, position, event_types, attempts,"
                        + " last_error FROM platform_consumer ORDER BY consumer_id");
                ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                out.add(new ConsumerStatus(
                        rs.getString(1), rs.getLong(2), rs.getString(3), 0, rs.getInt(4), rs.getString(5)));
            }
        }
        List<ConsumerStatus> withLag = new ArrayList<>();
        for (ConsumerStatus s : out) {
            withLag.add(new ConsumerStatus(
                    s.consumerId(), s.position(), s.eventTypes(), pending(c, s), s.attempts(), s.lastError()));
        }
        return withLag;
    }

    private static long pending(Connection c, ConsumerStatus s) throws SQLException {
        Set<String> types = new TreeSet<>();
        for (String t : s.eventTypes().split(",")) {
            if (!t.isBlank()) {
                types.add(t);
            }
        }
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM platform_event WHERE id > ?");
        if (!types.isEmpty()) {
            sql.append(" AND type IN (").append("?, ".repeat(types.size() - 1)).append("?)");
        }
        try (PreparedStatement q = c.prepareStatement(sql.toString())) {
            int p = 1;
            q.setLong(p++, s.position());
            for (String t : types) {
                q.setString(p++, t);
            }
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static String truncate(String s) {
        return s == null || s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR);
    }
}
