package org.cec.portal.platform.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the console and the health check show about the event log: each consumer with its position
 * and lag (events of its types after the position). Read only.
 */
final class EventLogStatistics {

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
}
