package org.cec.portal.analytics.internal.dashboard;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.cec.portal.testing.ModuleTestDatabase;

/** Rows of analytics_daily and analytics_state written straight into a test database, as the rollups would. */
final class Rollups {

    private Rollups() {}

    static void add(ModuleTestDatabase db, String day, String metric, String item, long events, long visitors) {
        db.inTransaction(em -> {
            Connection c = em.unwrap(Connection.class);
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO analytics_daily (metric, rollup_day, item, events, visitors) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, metric);
                s.setDate(2, Date.valueOf(LocalDate.parse(day)));
                s.setString(3, item);
                s.setLong(4, events);
                s.setLong(5, visitors);
                s.executeUpdate();
            }
            return null;
        });
    }

    static void state(ModuleTestDatabase db, String name, String value, LocalDateTime at) {
        db.inTransaction(em -> {
            Connection c = em.unwrap(Connection.class);
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO analytics_state (name, state_value, updated_at) VALUES (?, ?, ?)")) {
                s.setString(1, name);
                s.setString(2, value);
                s.setTimestamp(3, Timestamp.valueOf(at));
                s.executeUpdate();
            }
            return null;
        });
    }
}
