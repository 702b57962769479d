package org.cec.portal.email.internal.bounces;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * The bounce counts ({@code email_bounce}), and what a bounce changes in the outbox and the suppression
 * list of the same module ({@code email_outbox}, {@code email_suppression}), in JDBC on a connection
 * the caller's transaction owns. Addresses are normalised.
 */
public final class BounceStore {

    /** The outbox status of a sent message that was reported as a hard bounce. */
    static final String BOUNCED = "bounced";

    /** What the store holds about an address. */
    public record Count(String address, int hardBounces, long firstAt, long lastAt, String lastReason) {}

    /**
     * Marks the sent message {@code messageId} to {@code address} as bounced.
     *
     * @return empty when there is no such message, otherwise whether it was marked bounced before
     */
    Optional<Boolean> markBounced(Connection c, String messageId, String address) throws SQLException {
        String status;
        try (PreparedStatement select =
                c.prepareStatement("SELECT status FROM email_outbox WHERE message_id = ? AND LOWER(recipient) = ?")) {
            select.setString(1, messageId);
            select.setString(2, address);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                status = rs.getString(1);
            }
        }
        if (BOUNCED.equals(status)) {
            return Optional.of(true);
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE email_outbox SET status = '" + BOUNCED
                + "' WHERE message_id = ? AND LOWER(recipient) = ? AND status = 'sent'")) {
            update.setString(1, messageId);
            update.setString(2, address);
            update.executeUpdate();
        }
        return Optional.of(false);
    }

    /** Counts one more hard bounce of the address; returns its count now. */
    int countHard(Connection c, String address, String reason, long now) throws SQLException {
        if (increment(c, address, reason, now)) {
            return hardBounces(c, address);
        }
        boolean postgres = isPostgres(c);
        int inserted;
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO email_bounce (address, hard_bounces, first_at, last_at, last_reason) VALUES (?, 1, ?, ?, ?)"
                        // a report for the same address committed by another request a moment ago: counted below
                        + (postgres ? " ON CONFLICT DO NOTHING" : ""))) {
            insert.setString(1, address);
            insert.setLong(2, now);
            insert.setLong(3, now);
            insert.setString(4, reason);
            inserted = insertOnce(insert);
        }
        if (inserted == 0) {
            increment(c, address, reason, now);
        }
        return hardBounces(c, address);
    }

    private static boolean increment(Connection c, String address, String reason, long now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE email_bounce SET hard_bounces = hard_bounces + 1,"
                + " last_at = ?, last_reason = ? WHERE address = ?")) {
            update.setLong(1, now);
            update.setString(2, reason);
            update.setString(3, address);
            return update.executeUpdate() == 1;
        }
    }

    private static int hardBounces(Connection c, String address) throws SQLException {
        return find(c, address).map(Count::hardBounces).orElse(0);
    }

    /** The address's count, if it bounced. */
    public static Optional<Count> find(Connection c, String address) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT address, hard_bounces, first_at, last_at,"
                + " last_reason FROM email_bounce WHERE address = ?")) {
            select.setString(1, address);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next()
                        ? Optional.of(
                                new Count(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getString(5)))
                        : Optional.empty();
            }
        }
    }

    /**
     * Puts the address on the suppression list with its bounce count, or records the count on the entry it
     * already has.
     *
     * @return whether the address was not on the list yet
     */
    boolean suppress(Connection c, String address, String reason, int hardBounces, long now) throws SQLException {
        try (PreparedStatement update =
                c.prepareStatement("UPDATE email_suppression SET hard_bounces = ? WHERE address = ?")) {
            update.setInt(1, hardBounces);
            update.setString(2, address);
            if (update.executeUpdate() == 1) {
                return false;
            }
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO email_suppression (address, reason, hard_bounces, created_at) VALUES (?, ?, ?, ?)"
                        + (isPostgres(c) ? " ON CONFLICT DO NOTHING" : ""))) {
            insert.setString(1, address);
            insert.setString(2, reason);
            insert.setInt(3, hardBounces);
            insert.setLong(4, now);
            return insertOnce(insert) == 1;
        }
    }

    /**
     * Runs an insert that may meet a row another transaction committed a moment ago: 0 then. (On PostgreSQL
     * the statement says {@code ON CONFLICT DO NOTHING}, since a unique violation would abort the whole
     * transaction; on H2 the failed statement fails alone.)
     */
    private static int insertOnce(PreparedStatement insert) throws SQLException {
        try {
            return insert.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState()) || "23001".equals(e.getSQLState())) {
                return 0;
            }
            throw e;
        }
    }

    private static boolean isPostgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }

    /** Forgets the address's bounces (erasure, or taken off the suppression list); how many rows went. */
    public static int erase(Connection c, String address) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM email_bounce WHERE address = ?")) {
            delete.setString(1, address);
            return delete.executeUpdate();
        }
    }
}
