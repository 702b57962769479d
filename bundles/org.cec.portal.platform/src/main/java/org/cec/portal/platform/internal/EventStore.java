package org.cec.portal.platform.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.cec.portal.api.events.PortalEvent;
import org.cec.portal.api.events.PortalEvents;

/**
 * The SQL of the durable event log itself: appending events and reading them (table {@code
 * platform_event} and its counter, platform migration V1). Consumers' positions are in {@link
 * ConsumerPositions}, parked deliveries in {@link ParkedEvents}, the console's figures in {@link
 * EventLogStatistics}. Every method works on the connection it is given, inside the caller's
 * transaction.
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

    static String truncate(String s) {
        return s == null || s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR);
    }
}
