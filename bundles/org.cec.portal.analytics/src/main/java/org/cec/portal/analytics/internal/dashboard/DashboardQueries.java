package org.cec.portal.analytics.internal.dashboard;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard's reads of the daily rollups ({@code analytics_daily}) and the module's state
 * ({@code analytics_state}), in SQL that runs on H2 and PostgreSQL. Every query of a range reads the
 * rows of one metric between two days through the index {@code analytics_daily_metric_day} (V5),
 * which holds every column the queries need.
 *
 * <p>Visitors are counted per day (the visitor key changes every day): a range's visitors are the sum
 * of its daily visitors, so someone who came on two days counts twice. The page says so.
 */
final class DashboardQueries {

    /** One day of a metric: its events and its (daily) visitors. */
    record Day(LocalDate day, long events, long visitors) {}

    /** One value of a metric over a range: its events and the sum of its daily visitors. */
    record Item(String item, long events, long dailyVisitorsSummed) {}

    /** One value of a metric on one day. */
    record DayItem(LocalDate day, String item, long events) {}

    /** A fact of the module: its value and when it was written. */
    record State(String value, LocalDateTime updatedAt) {}

    private static final String SERIES = "SELECT rollup_day, SUM(events), SUM(visitors) FROM analytics_daily"
            + " WHERE metric = ? AND rollup_day BETWEEN ? AND ? GROUP BY rollup_day ORDER BY rollup_day";
    private static final String TOP = "SELECT item, SUM(events) AS e, SUM(visitors) AS v FROM analytics_daily"
            + " WHERE metric = ? AND rollup_day BETWEEN ? AND ? GROUP BY item ORDER BY e DESC, item FETCH FIRST ? ROWS ONLY";
    private static final String BY_DAY_AND_ITEM = "SELECT rollup_day, item, SUM(events) FROM analytics_daily"
            + " WHERE metric = ? AND rollup_day BETWEEN ? AND ? GROUP BY rollup_day, item ORDER BY rollup_day, item";
    private static final String ALL_ITEMS = "SELECT item, SUM(events), SUM(visitors) FROM analytics_daily"
            + " WHERE metric = ? AND rollup_day BETWEEN ? AND ? GROUP BY item";
    private static final String STATE = "SELECT state_value, updated_at FROM analytics_state WHERE name = ?";

    /** The metric's events and visitors per day of the range, days without rows left out. */
    List<Day> series(Connection c, String metric, DateRange range) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SERIES)) {
            bind(s, metric, range);
            List<Day> days = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    days.add(new Day(r.getDate(1).toLocalDate(), r.getLong(2), r.getLong(3)));
                }
            }
            return days;
        }
    }

    /** The metric's values with the most events in the range (ties by value), at most {@code limit}. */
    List<Item> top(Connection c, String metric, DateRange range, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(TOP)) {
            bind(s, metric, range);
            s.setInt(4, limit);
            List<Item> items = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    items.add(new Item(r.getString(1), r.getLong(2), r.getLong(3)));
                }
            }
            return items;
        }
    }

    /** Every value of the metric in the range with its events and daily visitors summed, in no order. */
    List<Item> allItems(Connection c, String metric, DateRange range) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ALL_ITEMS)) {
            bind(s, metric, range);
            List<Item> items = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    items.add(new Item(r.getString(1), r.getLong(2), r.getLong(3)));
                }
            }
            return items;
        }
    }

    /** The metric's events per day and value, ordered by day and value. */
    List<DayItem> byDayAndItem(Connection c, String metric, DateRange range) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(BY_DAY_AND_ITEM)) {
            bind(s, metric, range);
            List<DayItem> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new DayItem(r.getDate(1).toLocalDate(), r.getString(2), r.getLong(3)));
                }
            }
            return rows;
        }
    }

    /** The module's fact {@code name} ({@code dropped}, {@code retention-last-run}, ...), if written. */
    Optional<State> state(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(STATE)) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                Timestamp at = r.getTimestamp(2);
                return Optional.of(new State(r.getString(1), at == null ? null : at.toLocalDateTime()));
            }
        }
    }

    private static void bind(PreparedStatement s, String metric, DateRange range) throws SQLException {
        s.setString(1, metric);
        s.setDate(2, Date.valueOf(range.from()));
        s.setDate(3, Date.valueOf(range.to()));
    }
}
