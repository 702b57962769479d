package org.cec.portal.privacy.internal.requests;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The privacy requests ({@code privacy_request}), in JDBC on a connection the caller's transaction
 * owns. A row says how a request came in, what became of it and when it is due; it holds no personal
 * data, so it is kept after an erasure (as the record that the request was carried out).
 */
public final class RequestLog {

    /** How long the portal may take to answer a request: 45 days from receipt. */
    public static final Duration DUE_AFTER = Duration.ofDays(45);

    /** The person asked on {@code /privacy/my-data}. */
    public static final String VIA_SELF = "self";

    /** Staff opened it in the console for a person who wrote or called. */
    public static final String VIA_STAFF = "staff";

    /** The longest identity-check note. */
    public static final int MAX_NOTE = 500;

    /** What became of a request. */
    public enum Status {
        /** The link was sent; not opened yet. */
        LINK_SENT("link-sent"),
        /** The person opened the link and saw their data. */
        VIEWED("viewed"),
        /** Everything was erased; the link opens nothing any more. */
        ERASED("erased");

        private final String value;

        Status(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        static Status of(String value) {
            for (Status s : values()) {
                if (s.value.equals(value)) {
                    return s;
                }
            }
            throw new IllegalStateException("Unknown privacy request status in the database: " + value);
        }
    }

    /** One request. */
    public record Row(long id, String via, Status status, Instant receivedAt, Instant dueAt) {}

    /** A request as the console lists it. */
    public record Listed(
            Row row, String openedBy, String identityCheck, Instant viewedAt, Instant exportedAt, Instant erasedAt) {}

    /** Opens a request the person made themselves, received now; returns its id. */
    public long openBySelf(Connection c, Instant now) throws SQLException {
        return open(c, VIA_SELF, now, null, null);
    }

    /** Opens a request staff made for a person (its status starts as viewed: staff see the data at once). */
    public long openByStaff(Connection c, String staff, String identityCheck, Instant now) throws SQLException {
        return open(c, VIA_STAFF, now, staff, identityCheck);
    }

    private long open(Connection c, String via, Instant now, String openedBy, String identityCheck)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO privacy_request (via, status, received_at, due_at, opened_by, identity_check)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, via);
            insert.setString(2, (openedBy == null ? Status.LINK_SENT : Status.VIEWED).value());
            insert.setLong(3, now.toEpochMilli());
            insert.setLong(4, now.plus(DUE_AFTER).toEpochMilli());
            insert.setString(5, openedBy);
            insert.setString(6, identityCheck);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("No id was generated for the privacy request");
                }
                return keys.getLong(1);
            }
        }
    }

    /** The request, or empty when there is none of that id. */
    public Optional<Row> find(Connection c, long id) throws SQLException {
        try (PreparedStatement select =
                c.prepareStatement("SELECT id, via, status, received_at, due_at FROM privacy_request WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Row(
                        rs.getLong(1),
                        rs.getString(2),
                        Status.of(rs.getString(3)),
                        Instant.ofEpochMilli(rs.getLong(4)),
                        Instant.ofEpochMilli(rs.getLong(5))));
            }
        }
    }

    /** The newest requests first, at most {@code limit}. */
    public java.util.List<Listed> newest(Connection c, int limit) throws SQLException {
        java.util.List<Listed> out = new java.util.ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT id, via, status, received_at, due_at, opened_by,"
                + " identity_check, viewed_at, exported_at, erased_at FROM privacy_request ORDER BY id DESC LIMIT ?")) {
            select.setInt(1, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Row row = new Row(
                            rs.getLong(1),
                            rs.getString(2),
                            Status.of(rs.getString(3)),
                            Instant.ofEpochMilli(rs.getLong(4)),
                            Instant.ofEpochMilli(rs.getLong(5)));
                    out.add(new Listed(
                            row, rs.getString(6), rs.getString(7), instant(rs, 8), instant(rs, 9), instant(rs, 10)));
                }
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    /** The person saw their data (the first time sets the status, later times only the time). */
    public void viewed(Connection c, long id, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE privacy_request SET viewed_at = ?, status = CASE"
                + " WHEN status = 'link-sent' THEN 'viewed' ELSE status END WHERE id = ? AND status <> 'erased'")) {
            update.setLong(1, now.toEpochMilli());
            update.setLong(2, id);
            update.executeUpdate();
        }
    }

    /** The person downloaded their data. */
    public void exported(Connection c, long id, Instant now) throws SQLException {
        try (PreparedStatement update =
                c.prepareStatement("UPDATE privacy_request SET exported_at = ? WHERE id = ? AND status <> 'erased'")) {
            update.setLong(1, now.toEpochMilli());
            update.setLong(2, id);
            update.executeUpdate();
        }
    }

    /**
     * Marks the request erased, once: returns false when it already was (a second erasure, a link used
     * again), so that the caller erases nothing twice.
     */
    public boolean erased(Connection c, long id, Instant now, int records) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE privacy_request SET erased_at = ?, status ="
                + " 'erased', erased_records = ? WHERE id = ? AND status <> 'erased'")) {
            update.setLong(1, now.toEpochMilli());
            update.setInt(2, records);
            update.setLong(3, id);
            return update.executeUpdate() == 1;
        }
    }
}
