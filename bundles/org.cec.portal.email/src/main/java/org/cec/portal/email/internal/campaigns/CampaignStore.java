package org.cec.portal.email.internal.campaigns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The campaigns ({@code email_campaign}) and their audience ({@code email_campaign_audience}), in JDBC on
 * a connection the caller's transaction owns. Statuses: {@code draft} (written, not sent), {@code
 * sending} (the worker walks the audience), {@code done} (every recipient was queued or refused), {@code
 * cancelled} (stopped by staff; what was queued goes on).
 */
final class CampaignStore {

    static final String DRAFT = "draft";
    static final String SENDING = "sending";
    static final String DONE = "done";
    static final String CANCELLED = "cancelled";

    /** One member of the audience: its position and a request's reference. */
    record Member(long id, String reference) {}

    private static final String COLUMNS = "id, subject, body, zip_prefix, service, status, audience_until,"
            + " cursor_id, refused, created_at, started_at, finished_at";

    long create(Connection c, String subject, String body, String zipPrefix, String service, long now)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO email_campaign (subject, body, zip_prefix, service, status, audience_until,"
                        + " cursor_id, refused, created_at) VALUES (?, ?, ?, ?, 'draft', 0, 0, 0, ?)",
                new String[] {"id"})) {
            insert.setString(1, subject);
            insert.setString(2, body);
            insert.setString(3, zipPrefix);
            insert.setString(4, service);
            insert.setLong(5, now);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    Optional<Campaign> find(Connection c, long id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM email_campaign WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(campaign(rs)) : Optional.empty();
            }
        }
    }

    /** The newest campaigns first. */
    List<Campaign> list(Connection c, int limit) throws SQLException {
        List<Campaign> list = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM email_campaign ORDER BY id DESC FETCH FIRST ? ROWS ONLY")) {
            select.setInt(1, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    list.add(campaign(rs));
                }
            }
        }
        return list;
    }

    /** The campaigns being sent, oldest first. */
    List<Campaign> sending(Connection c) throws SQLException {
        List<Campaign> list = new ArrayList<>();
        try (PreparedStatement select =
                c.prepareStatement("SELECT " + COLUMNS + " FROM email_campaign WHERE status = 'sending' ORDER BY id")) {
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    list.add(campaign(rs));
                }
            }
        }
        return list;
    }

    /** Starts a draft: its audience is everyone known now. Whether it was a draft. */
    boolean start(Connection c, long id, long now) throws SQLException {
        long until;
        try (PreparedStatement select = c.prepareStatement("SELECT MAX(id) FROM email_campaign_audience");
                ResultSet rs = select.executeQuery()) {
            rs.next();
            until = rs.getLong(1);
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE email_campaign SET status = 'sending',"
                + " audience_until = ?, cursor_id = 0, started_at = ? WHERE id = ? AND status = 'draft'")) {
            update.setLong(1, until);
            update.setLong(2, now);
            update.setLong(3, id);
            return update.executeUpdate() == 1;
        }
    }

    /** Stops a campaign being sent. Whether it was being sent. */
    boolean cancel(Connection c, long id, long now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE email_campaign SET status = 'cancelled',"
                + " finished_at = ? WHERE id = ? AND status = 'sending'")) {
            update.setLong(1, now);
            update.setLong(2, id);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Moves a campaign being sent from {@code from} to {@code to}, adding {@code refused}; it is done
     * when {@code done}. Whether the campaign was still at {@code from} (another node may have moved it).
     */
    boolean advance(Connection c, long id, long from, long to, int refused, boolean done, long now)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE email_campaign SET cursor_id = ?,"
                + " refused = refused + ?, status = ?, finished_at = ? WHERE id = ? AND cursor_id = ?"
                + " AND status = 'sending'")) {
            update.setLong(1, to);
            update.setInt(2, refused);
            update.setString(3, done ? DONE : SENDING);
            if (done) {
                update.setLong(4, now);
            } else {
                update.setNull(4, java.sql.Types.BIGINT);
            }
            update.setLong(5, id);
            update.setLong(6, from);
            return update.executeUpdate() == 1;
        }
    }

    /** The next members after {@code after} up to {@code until}, in order. */
    List<Member> members(Connection c, long after, long until, int limit) throws SQLException {
        List<Member> list = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT id, reference FROM email_campaign_audience"
                + " WHERE id > ? AND id <= ? ORDER BY id FETCH FIRST ? ROWS ONLY")) {
            select.setLong(1, after);
            select.setLong(2, until);
            select.setInt(3, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    list.add(new Member(rs.getLong(1), rs.getString(2)));
                }
            }
        }
        return list;
    }

    /** How many members are at or before {@code until} (all when it is {@code Long.MAX_VALUE}). */
    long countMembers(Connection c, long until) throws SQLException {
        try (PreparedStatement select =
                c.prepareStatement("SELECT COUNT(*) FROM email_campaign_audience WHERE id <= ?")) {
            select.setLong(1, until);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Adds a request's reference to the audience (again: harmless). */
    void addMember(Connection c, String reference, long now) throws SQLException {
        try (PreparedStatement select =
                c.prepareStatement("SELECT 1 FROM email_campaign_audience WHERE reference = ?")) {
            select.setString(1, reference);
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement insert =
                c.prepareStatement("INSERT INTO email_campaign_audience (reference, created_at) VALUES (?, ?)")) {
            insert.setString(1, reference);
            insert.setLong(2, now);
            insert.executeUpdate();
        }
    }

    /** The campaign's messages in the outbox by status ({@code queued}, {@code sending}, {@code sent}, ...). */
    Map<String, Long> outboxCounts(Connection c, long id) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT status, COUNT(*) FROM email_outbox WHERE idempotency_key LIKE ? GROUP BY status")) {
            select.setString(1, Campaigns.keyPrefix(id) + "%");
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    private static Campaign campaign(ResultSet rs) throws SQLException {
        long started = rs.getLong(11);
        Long startedAt = rs.wasNull() ? null : started;
        long finished = rs.getLong(12);
        Long finishedAt = rs.wasNull() ? null : finished;
        return new Campaign(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getLong(7),
                rs.getLong(8),
                rs.getInt(9),
                rs.getLong(10),
                startedAt,
                finishedAt);
    }
}
