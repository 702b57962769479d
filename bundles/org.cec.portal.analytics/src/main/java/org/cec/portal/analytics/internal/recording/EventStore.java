package org.cec.portal.analytics.internal.recording;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * The raw events ({@code analytics_event}) and the dropped-event counts ({@code analytics_state}), in
 * JDBC on a connection of the caller's transaction.
 *
 * <p>Columns: {@code event_month} (first day of the event's month) and {@code event_day} in the analytics time
 * zone, {@code occurred_at} in UTC (for an anonymous page view the start of its day), {@code type},
 * {@code path} (normalised; for page views, and for {@code not-found} events), {@code visitor_key},
 * {@code referrer_host}, {@code utm_*}, {@code browser}, {@code os}, {@code device}, {@code language}
 * (null where not recorded), {@code dimensions} (a module event's dimensions as a JSON object, null
 * for page views).
 */
final class EventStore {

    /** The state row with the total of dropped events (all nodes, since the module was installed). */
    static final String DROPPED = "dropped";

    /** The prefix of the state rows with one day's dropped events: {@code dropped.2026-12-02}. */
    static final String DROPPED_ON = "dropped.";

    /** One row of {@code analytics_event}, as written. */
    record Row(
            LocalDate day,
            Instant at,
            String type,
            String path,
            String visitorKey,
            String referrerHost,
            String utmSource,
            String utmMedium,
            String utmCampaign,
            String browser,
            String os,
            String device,
            String language,
            String dimensions) {

        LocalDate month() {
            return day.withDayOfMonth(1);
        }
    }

    private static final String INSERT = "INSERT INTO analytics_event (event_month, event_day, occurred_at, type, path,"
            + " visitor_key, referrer_host, utm_source, utm_medium, utm_campaign, browser, os, device, language,"
            + " dimensions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private EventStore() {}

    /** Inserts the rows in one JDBC batch. */
    static void insert(Connection c, List<Row> rows) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (Row r : rows) {
                insert.setObject(1, r.month());
                insert.setObject(2, r.day());
                insert.setObject(3, LocalDateTime.ofInstant(r.at(), ZoneOffset.UTC));
                insert.setString(4, r.type());
                insert.setString(5, r.path());
                insert.setString(6, r.visitorKey());
                insert.setString(7, r.referrerHost());
                insert.setString(8, r.utmSource());
                insert.setString(9, r.utmMedium());
                insert.setString(10, r.utmCampaign());
                insert.setString(11, r.browser());
                insert.setString(12, r.os());
                insert.setString(13, r.device());
                insert.setString(14, r.language());
                insert.setString(15, r.dimensions());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The name of a month's partition on PostgreSQL: {@code analytics_event_2026_12}. */
    static String partitionName(YearMonth month) {
        return String.format(Locale.ROOT, "analytics_event_%04d_%02d", month.getYear(), month.getMonthValue());
    }

    /**
     * Creates the month's partition of {@code analytics_event} on PostgreSQL if it is not there (run
     * in a transaction of its own: a failure aborts it). Until it exists, rows of the month go to the
     * default partition.
     */
    static void createPartition(Connection c, YearMonth month) throws SQLException {
        LocalDate from = month.atDay(1);
        LocalDate to = month.plusMonths(1).atDay(1);
        // names and bounds come from a YearMonth, never from input
        String ddl = "CREATE TABLE IF NOT EXISTS " + partitionName(month) + " PARTITION OF analytics_event"
                + " FOR VALUES FROM ('" + from + "') TO ('" + to + "')";
        try (Statement s = c.createStatement()) {
            s.execute(ddl);
        }
    }

    /** Whether the month's partition exists (PostgreSQL). */
    static boolean partitionExists(Connection c, YearMonth month) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            select.setString(1, partitionName(month));
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Adds {@code count} dropped events to the total and to {@code day}'s count. */
    static void addDropped(Connection c, long count, LocalDate day, Instant now) throws SQLException {
        add(c, DROPPED, count, now);
        add(c, DROPPED_ON + day, count, now);
    }

    /** The stored total of dropped events (0 when none was ever dropped). */
    static long dropped(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT state_value FROM analytics_state WHERE name = ?")) {
            select.setString(1, DROPPED);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Long.parseLong(rs.getString(1).strip()) : 0;
            }
        }
    }

    /** Deletes the per-day dropped counts of the days before {@code day}. */
    static void forgetDroppedBefore(Connection c, LocalDate day) throws SQLException {
        try (PreparedStatement delete =
                c.prepareStatement("DELETE FROM analytics_state WHERE name LIKE 'dropped.%' AND name < ?")) {
            delete.setString(1, DROPPED_ON + day);
            delete.executeUpdate();
        }
    }

    private static void add(Connection c, String name, long count, Instant now) throws SQLException {
        LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        if (isPostgres(c)) {
            try (PreparedStatement upsert = c.prepareStatement(
                    "INSERT INTO analytics_state (name, state_value, updated_at)"
                            + " VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET state_value = CAST(CAST(analytics_state.state_value"
                            + " AS BIGINT) + CAST(EXCLUDED.state_value AS BIGINT) AS VARCHAR(200)), updated_at = EXCLUDED.updated_at")) {
                upsert.setString(1, name);
                upsert.setString(2, Long.toString(count));
                upsert.setObject(3, at);
                upsert.executeUpdate();
            }
            return;
        }
        if (update(c, name, count, at) == 0) {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO analytics_state (name, state_value, updated_at) VALUES (?, ?, ?)")) {
                insert.setString(1, name);
                insert.setString(2, Long.toString(count));
                insert.setObject(3, at);
                insert.executeUpdate();
            } catch (SQLException e) {
                if (!isUniqueViolation(e)) {
                    throw e;
                }
                update(c, name, count, at);
            }
        }
    }

    private static int update(Connection c, String name, long count, LocalDateTime at) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE analytics_state SET state_value ="
                + " CAST(CAST(state_value AS BIGINT) + ? AS VARCHAR(200)), updated_at = ? WHERE name = ?")) {
            update.setLong(1, count);
            update.setObject(2, at);
            update.setString(3, name);
            return update.executeUpdate();
        }
    }

    static boolean isPostgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }

    static boolean isUniqueViolation(SQLException e) {
        String state = e.getSQLState();
        return "23505".equals(state) || "23001".equals(state);
    }
}
