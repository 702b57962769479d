package org.cec.portal.analytics.internal.rollups;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.cec.portal.api.analytics.DailyRollup;

/** The rows of {@code analytics_daily}. */
final class DailyStore {

    private DailyStore() {}

    /**
     * Replaces the rows of {@code day} computed from raw events with {@code rollups}; the {@link
     * Metrics#COUNTED counted} metrics of the day stay.
     */
    static void replace(Connection c, LocalDate day, Collection<DailyRollup> rollups) throws SQLException {
        StringBuilder sql = new StringBuilder("DELETE FROM analytics_daily WHERE rollup_day = ? AND metric NOT IN (");
        for (int i = 0; i < Metrics.COUNTED.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        try (PreparedStatement d = c.prepareStatement(sql.append(')').toString())) {
            d.setDate(1, Date.valueOf(day));
            for (int i = 0; i < Metrics.COUNTED.size(); i++) {
                d.setString(i + 2, Metrics.COUNTED.get(i));
            }
            d.executeUpdate();
        }
        try (PreparedStatement i = c.prepareStatement(
                "INSERT INTO analytics_daily (metric, rollup_day, item, events, visitors) VALUES (?, ?, ?, ?, ?)")) {
            int batched = 0;
            for (DailyRollup r : rollups) {
                i.setString(1, r.metric());
                i.setDate(2, Date.valueOf(day));
                i.setString(3, r.item());
                i.setLong(4, r.events());
                i.setLong(5, r.visitors());
                i.addBatch();
                if (++batched % 500 == 0) {
                    i.executeBatch();
                }
            }
            i.executeBatch();
        }
    }

    /** Adds {@code events} to one row (visitors are not counted for these), creating it when missing. */
    static void add(Connection c, LocalDate day, String metric, String item, long events) throws SQLException {
        try (PreparedStatement u = c.prepareStatement(
                "UPDATE analytics_daily SET events = events + ? WHERE metric = ? AND rollup_day = ? AND item = ?")) {
            u.setLong(1, events);
            u.setString(2, metric);
            u.setDate(3, Date.valueOf(day));
            u.setString(4, item);
            if (u.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement i = c.prepareStatement(
                "INSERT INTO analytics_daily (metric, rollup_day, item, events, visitors) VALUES (?, ?, ?, ?, 0)")) {
            i.setString(1, metric);
            i.setDate(2, Date.valueOf(day));
            i.setString(3, item);
            i.setLong(4, events);
            i.executeUpdate();
        }
    }

    /** Sets one row (visitors 0) to {@code events}. */
    static void set(Connection c, LocalDate day, String metric, String item, long events) throws SQLException {
        try (PreparedStatement u = c.prepareStatement(
                "UPDATE analytics_daily SET events = ? WHERE metric = ? AND rollup_day = ? AND item = ?")) {
            u.setLong(1, events);
            u.setString(2, metric);
            u.setDate(3, Date.valueOf(day));
            u.setString(4, item);
            if (u.executeUpdate() > 0) {
                return;
            }
        }
        add(c, day, metric, item, events);
    }

    /** Every row of {@code day}, by metric and item. */
    static List<DailyRollup> of(Connection c, LocalDate day) throws SQLException {
        List<DailyRollup> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT metric, item, events, visitors FROM analytics_daily"
                + " WHERE rollup_day = ? ORDER BY metric, item")) {
            s.setDate(1, Date.valueOf(day));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new DailyRollup(day, r.getString(1), r.getString(2), r.getLong(3), r.getLong(4)));
                }
            }
        }
        return out;
    }
}
