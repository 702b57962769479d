package org.cec.portal.analytics.internal.rollups;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The rows of {@code analytics_state} this package keeps: {@value #ROLLED_UP_THROUGH} (the last day
 * rolled up for good) and {@value #RETENTION_LAST_RUN} (JSON of the last retention run); it reads the
 * recorder's {@value #DROPPED_ON}{@code yyyy-mm-dd} (the events dropped that day).
 */
final class StateStore {

    static final String ROLLED_UP_THROUGH = "rolled-up-through";
    static final String RETENTION_LAST_RUN = "retention-last-run";
    /** The prefix of the recorder's rows of the events its buffer dropped on a day: {@code dropped.2026-12-02}. */
    static final String DROPPED_ON = "dropped.";

    private StateStore() {}

    static Optional<String> get(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT state_value FROM analytics_state WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    static Optional<LocalDate> date(Connection c, String name) throws SQLException {
        Optional<String> v = get(c, name);
        try {
            return v.map(String::strip).map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A number at the start of the value ({@code "12"}, {@code "12 since ..."}), 0 when there is none. */
    static long number(Connection c, String name) throws SQLException {
        String v = get(c, name).orElse("").strip();
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        try {
            return end == 0 ? 0 : Long.parseLong(v.substring(0, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static void put(Connection c, String name, String value, Instant now) throws SQLException {
        Timestamp at = Timestamp.from(now);
        try (PreparedStatement u =
                c.prepareStatement("UPDATE analytics_state SET state_value = ?, updated_at = ? WHERE name = ?")) {
            u.setString(1, value);
            u.setTimestamp(2, at);
            u.setString(3, name);
            if (u.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement i =
                c.prepareStatement("INSERT INTO analytics_state (name, state_value, updated_at) VALUES (?, ?, ?)")) {
            i.setString(1, name);
            i.setString(2, value);
            i.setTimestamp(3, at);
            i.executeUpdate();
        }
    }
}
