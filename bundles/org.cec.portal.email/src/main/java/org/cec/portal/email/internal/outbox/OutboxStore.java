package org.cec.portal.email.internal.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.email.MailAddress;
import org.cec.portal.api.email.MessageKind;
import org.cec.portal.api.email.OutgoingMail;
import org.cec.portal.api.email.QueuedMail;
import org.cec.portal.email.internal.bounces.BounceStore;

/**
 * The outbox table ({@code email_outbox}) and the suppression list, in JDBC on a connection the
 * caller's transaction owns. Statuses: {@code queued} (waiting, or due again at {@code
 * next_attempt_at}), {@code sending} (claimed by a node until {@code lease_until}), {@code sent},
 * {@code failed} (given up), {@code cancelled} (erased before it was sent), {@code bounced} (sent, then
 * reported as a hard bounce by the mail provider).
 */
final class OutboxStore {

    static final String QUEUED = "queued";
    static final String SENDING = "sending";
    static final String SENT = "sent";
    static final String FAILED = "failed";
    static final String CANCELLED = "cancelled";
    /** Sent, and reported back as a hard bounce ({@code internal.bounces}). */
    static final String BOUNCED = "bounced";

    private static final int MAX_ERROR = 500;

    /** A rendered message to store. */
    record NewMail(
            String messageId,
            Optional<String> key,
            MessageKind kind,
            String type,
            String language,
            MailAddress to,
            String about,
            String subject,
            String text,
            Optional<String> html,
            Map<String, String> headers) {}

    /** What the outbox holds about one message, for an access request. */
    record Stored(
            long id,
            String messageId,
            String type,
            String status,
            String recipient,
            String subject,
            long createdAt,
            Long sentAt) {}

    /**
     * Counts for the health check and the benchmark.
     *
     * @param waiting queued (due or later)
     * @param due queued and due now
     * @param oldestDue when the longest-waiting due message became due (epoch ms), or 0
     * @param sending claimed by a node
     * @param failed given up, since the {@code since} asked for
     * @param sent sent, in all
     */
    record Counts(long waiting, long due, long oldestDue, long sending, long failed, long sent) {}

    /** Stores the message, or finds the one with the same idempotency key. */
    QueuedMail insert(Connection c, NewMail m, long now) throws SQLException {
        if (m.key().isPresent()) {
            Optional<QueuedMail> existing = byKey(c, m.key().get());
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        boolean postgres = isPostgres(c);
        String sql = "INSERT INTO email_outbox (message_id, idempotency_key, kind, type, language, recipient,"
                + " recipient_name, about, subject, body_text, body_html, headers, status, attempts,"
                + " next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)"
                // On PostgreSQL a unique violation would abort the caller's whole transaction: a message
                // with the same key queued by another transaction a moment ago is found instead.
                + (postgres ? " ON CONFLICT DO NOTHING" : "");
        int inserted;
        long id = 0;
        try (PreparedStatement insert = c.prepareStatement(sql, new String[] {"id"})) {
            insert.setString(1, m.messageId());
            insert.setString(2, m.key().orElse(null));
            insert.setString(3, m.kind().name().toLowerCase(Locale.ROOT));
            insert.setString(4, m.type());
            insert.setString(5, m.language());
            insert.setString(6, m.to().address());
            insert.setString(7, m.to().name());
            insert.setString(8, m.about());
            insert.setString(9, m.subject());
            insert.setString(10, m.text());
            insert.setString(11, m.html().orElse(null));
            insert.setString(12, headers(m.headers()));
            insert.setString(13, QUEUED);
            insert.setLong(14, now);
            insert.setLong(15, now);
            try {
                inserted = insert.executeUpdate();
            } catch (SQLException e) {
                // H2: the statement fails alone, the caller's transaction goes on.
                if (m.key().isPresent() && isUniqueViolation(e)) {
                    return byKey(c, m.key().get()).orElseThrow(() -> e);
                }
                throw e;
            }
            if (inserted == 1) {
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
        }
        if (inserted == 0) {
            return byKey(c, m.key().orElseThrow())
                    .orElseThrow(() -> new SQLException("A message with this key was queued and is gone"));
        }
        return new QueuedMail(id, m.messageId(), false);
    }

    private static Optional<QueuedMail> byKey(Connection c, String key) throws SQLException {
        try (PreparedStatement select =
                c.prepareStatement("SELECT id, message_id FROM email_outbox WHERE idempotency_key = ?")) {
            select.setString(1, key);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new QueuedMail(rs.getLong(1), rs.getString(2), true)) : Optional.empty();
            }
        }
    }

    /**
     * Claims up to {@code limit} due messages for {@code node} until {@code leaseUntil}: those queued
     * and due, and those whose claim by another node ran out. Rows another transaction is claiming
     * right now are skipped, not waited for. Commit the transaction to make the claim visible.
     */
    List<OutgoingMail> claim(Connection c, String node, long now, long leaseUntil, int limit) throws SQLException {
        return claim(c, node, now, leaseUntil, limit, 0);
    }

    /**
     * As {@link #claim(Connection, String, long, long, int)}, looking at the due messages from the
     * {@code skip}-th on (in the order they became due): sender threads of one node each look at a
     * window of their own, so that they do not reach for the same rows at the same moment.
     *
     * <p>The candidates are found first without a lock, through the index on {@code (status,
     * next_attempt_at)}, and then locked by primary key, their condition checked again: H2 locks every
     * row a {@code FOR UPDATE} query selects before it applies {@code FETCH FIRST}, so a locking query
     * over the whole queue would lock (and read) the whole queue on every claim.
     */
    List<OutgoingMail> claim(Connection c, String node, long now, long leaseUntil, int limit, int skip)
            throws SQLException {
        List<OutgoingMail> claimed = new ArrayList<>(limit);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        List<Long> candidates = new ArrayList<>(limit);
        // Claims that ran out (their node stopped or was killed) first: they are the oldest.
        try (PreparedStatement lapsed = c.prepareStatement("SELECT id FROM email_outbox"
                + " WHERE status = 'sending' AND lease_until < ? ORDER BY id FETCH FIRST ? ROWS ONLY")) {
            lapsed.setLong(1, now);
            lapsed.setInt(2, limit);
            try (ResultSet rs = lapsed.executeQuery()) {
                while (rs.next()) {
                    candidates.add(rs.getLong(1));
                }
            }
        }
        lock(c, candidates, now, limit, seen, claimed);
        // Then the due ones, window after window while the rows found are held by other claims.
        int offset = Math.max(0, skip);
        for (int round = 0; round < 8 && claimed.size() < limit; round++) {
            candidates.clear();
            try (PreparedStatement due = c.prepareStatement("SELECT id FROM email_outbox"
                    + " WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at"
                    + " OFFSET ? ROWS FETCH FIRST ? ROWS ONLY")) {
                due.setLong(1, now);
                due.setInt(2, offset);
                due.setInt(3, limit);
                try (ResultSet rs = due.executeQuery()) {
                    while (rs.next()) {
                        candidates.add(rs.getLong(1));
                    }
                }
            }
            lock(c, candidates, now, limit, seen, claimed);
            if (candidates.size() < limit) {
                break;
            }
            offset += candidates.size();
        }
        if (claimed.isEmpty()) {
            return claimed;
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE email_outbox SET status = 'sending',"
                + " attempts = attempts + 1, lease_until = ?, claimed_by = ? WHERE id = ?")) {
            for (OutgoingMail m : claimed) {
                update.setLong(1, leaseUntil);
                update.setString(2, node);
                update.setLong(3, m.outboxId());
                update.addBatch();
            }
            update.executeBatch();
        }
        return claimed;
    }

    /** Locks the candidates still claimable (skipping rows other transactions hold), up to {@code limit} in all. */
    private static void lock(
            Connection c,
            List<Long> candidates,
            long now,
            int limit,
            java.util.Set<Long> seen,
            List<OutgoingMail> claimed)
            throws SQLException {
        if (candidates.isEmpty()) {
            return;
        }
        String ids = String.join(", ", Collections.nCopies(candidates.size(), "?"));
        try (PreparedStatement select = c.prepareStatement("SELECT id, message_id, kind, type, recipient,"
                + " recipient_name, subject, body_text, body_html, headers, attempts FROM email_outbox"
                + " WHERE id IN (" + ids + ") AND ((status = 'queued' AND next_attempt_at <= ?)"
                + " OR (status = 'sending' AND lease_until < ?)) ORDER BY id FOR UPDATE SKIP LOCKED")) {
            int i = 1;
            for (long id : candidates) {
                select.setLong(i++, id);
            }
            select.setLong(i++, now);
            select.setLong(i, now);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next() && claimed.size() < limit) {
                    if (!seen.add(rs.getLong(1))) {
                        continue;
                    }
                    claimed.add(new OutgoingMail(
                            rs.getLong(1),
                            rs.getString(2),
                            MessageKind.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)),
                            rs.getString(4),
                            new MailAddress(rs.getString(5), rs.getString(6)),
                            rs.getString(7),
                            rs.getString(8),
                            Optional.ofNullable(rs.getString(9)),
                            parseHeaders(rs.getString(10)),
                            rs.getInt(11) + 1));
                }
            }
        }
    }

    /** Marks messages of this node's claim as sent. */
    void markSent(Connection c, List<Long> ids, String node, long now) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE email_outbox SET status = 'sent', sent_at = ?,"
                + " lease_until = NULL, last_error = NULL WHERE id = ? AND claimed_by = ? AND status = 'sending'")) {
            for (long id : ids) {
                update.setLong(1, now);
                update.setLong(2, id);
                update.setString(3, node);
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /**
     * Puts a claimed message back in the queue, due at {@code nextAt}; {@code countAttempt=false} when
     * the attempt was not the message's fault (the node is stopping, the transport went away).
     */
    void retry(Connection c, long id, String node, long nextAt, String error, boolean countAttempt)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE email_outbox SET status = 'queued',"
                + " next_attempt_at = ?, lease_until = NULL, last_error = ?"
                + (countAttempt ? "" : ", attempts = attempts - 1")
                + " WHERE id = ? AND claimed_by = ? AND status = 'sending'")) {
            update.setLong(1, nextAt);
            update.setString(2, truncate(error));
            update.setLong(3, id);
            update.setString(4, node);
            update.executeUpdate();
        }
    }

    /** Gives a claimed message up. */
    void fail(Connection c, long id, String node, String error, long now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE email_outbox SET status = 'failed', failed_at = ?,"
                + " lease_until = NULL, last_error = ? WHERE id = ? AND claimed_by = ? AND status = 'sending'")) {
            update.setLong(1, now);
            update.setString(2, truncate(error));
            update.setLong(3, id);
            update.setString(4, node);
            update.executeUpdate();
        }
    }

    /** Whether the normalised address is on the suppression list. */
    boolean suppressed(Connection c, String address) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT 1 FROM email_suppression WHERE address = ?")) {
            select.setString(1, address);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Puts a normalised address on the suppression list (again: harmless). */
    void suppress(Connection c, String address, String reason, long now) throws SQLException {
        if (suppressed(c, address)) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO email_suppression (address, reason, hard_bounces, created_at) VALUES (?, ?, 0, ?)")) {
            insert.setString(1, address);
            insert.setString(2, truncate(reason));
            insert.setLong(3, now);
            insert.executeUpdate();
        }
    }

    Counts counts(Connection c, long now, long failedSince) throws SQLException {
        long waiting = 0, due = 0, oldestDue = 0, sending = 0, failed = 0, sent = 0;
        try (PreparedStatement select = c.prepareStatement("SELECT status, COUNT(*),"
                + " SUM(CASE WHEN next_attempt_at <= ? THEN 1 ELSE 0 END),"
                + " MIN(CASE WHEN next_attempt_at <= ? THEN next_attempt_at END),"
                + " SUM(CASE WHEN failed_at >= ? THEN 1 ELSE 0 END) FROM email_outbox GROUP BY status")) {
            select.setLong(1, now);
            select.setLong(2, now);
            select.setLong(3, failedSince);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long n = rs.getLong(2);
                    switch (rs.getString(1)) {
                        case QUEUED -> {
                            waiting = n;
                            due = rs.getLong(3);
                            oldestDue = rs.getLong(4);
                        }
                        case SENDING -> sending = n;
                        case FAILED -> failed = rs.getLong(5);
                        case SENT -> sent = n;
                        default -> {}
                    }
                }
            }
        }
        return new Counts(waiting, due, oldestDue, sending, failed, sent);
    }

    /** The messages sent to, or about, the person. */
    List<Stored> forPerson(Connection c, String address) throws SQLException {
        List<Stored> found = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT id, message_id, type, status, recipient, subject,"
                + " created_at, sent_at FROM email_outbox WHERE about = ? OR LOWER(recipient) = ? ORDER BY id")) {
            select.setString(1, address);
            select.setString(2, address);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long sentAt = rs.getLong(8);
                    found.add(new Stored(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getLong(7),
                            rs.wasNull() ? null : sentAt));
                }
            }
        }
        return found;
    }

    /**
     * Removes the content and the address of every message sent to or about the person; messages not
     * sent yet are cancelled. The row stays (its Message-ID and type), so the counts stay right.
     */
    int erase(Connection c, String address) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE email_outbox SET recipient = 'erased@invalid',"
                + " recipient_name = '', about = 'erased', subject = '', body_text = '', body_html = NULL,"
                + " headers = '', last_error = NULL, idempotency_key = NULL,"
                + " status = CASE WHEN status IN ('queued', 'sending') THEN 'cancelled' ELSE status END"
                + " WHERE about = ? OR LOWER(recipient) = ?")) {
            update.setString(1, address);
            update.setString(2, address);
            return update.executeUpdate();
        }
    }

    // ---- for the console --------------------------------------------------------------------------

    /** A message as the console lists it; {@code text} and {@code html} only where asked for. */
    record Row(
            long id,
            String messageId,
            String kind,
            String type,
            String status,
            String recipient,
            int attempts,
            long nextAttemptAt,
            long createdAt,
            Long sentAt,
            String lastError,
            String subject,
            String text,
            String html) {}

    /** A suppressed address. */
    record Suppression(String address, String reason, int hardBounces, long createdAt) {}

    private static final String ROW_COLUMNS = "id, message_id, kind, type, status, recipient, attempts,"
            + " next_attempt_at, created_at, sent_at, last_error, subject";

    /**
     * The newest messages first, {@code status} (or any when null) and a recipient starting with
     * {@code recipientPrefix} (lower case; any when empty), skipping {@code offset}.
     */
    List<Row> list(Connection c, String status, String recipientPrefix, int offset, int limit) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT " + ROW_COLUMNS + " FROM email_outbox"
                + where(status, recipientPrefix) + " ORDER BY id DESC OFFSET ? ROWS FETCH FIRST ? ROWS ONLY")) {
            int i = bindWhere(select, status, recipientPrefix);
            select.setInt(i++, offset);
            select.setInt(i, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs, false));
                }
            }
        }
        return rows;
    }

    /** How many messages {@link #list} selects in all. */
    long count(Connection c, String status, String recipientPrefix) throws SQLException {
        try (PreparedStatement select =
                c.prepareStatement("SELECT COUNT(*) FROM email_outbox" + where(status, recipientPrefix))) {
            bindWhere(select, status, recipientPrefix);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The last {@code limit} messages sent, newest first, with their text and HTML parts. */
    List<Row> lastSent(Connection c, int limit) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT " + ROW_COLUMNS + ", body_text, body_html"
                + " FROM email_outbox WHERE status = 'sent' ORDER BY sent_at DESC, id DESC FETCH FIRST ? ROWS ONLY")) {
            select.setInt(1, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs, true));
                }
            }
        }
        return rows;
    }

    /** One message, without its parts. */
    Optional<Row> find(Connection c, long id) throws SQLException {
        try (PreparedStatement select =
                c.prepareStatement("SELECT " + ROW_COLUMNS + " FROM email_outbox WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(row(rs, false)) : Optional.empty();
            }
        }
    }

    /**
     * Makes a queued (waiting) or failed message due now; a failed one starts its attempts again.
     *
     * @return whether the message was queued or failed
     */
    boolean retryNow(Connection c, long id, long now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE email_outbox SET next_attempt_at = ?,"
                + " attempts = CASE WHEN status = 'failed' THEN 0 ELSE attempts END, failed_at = NULL,"
                + " status = 'queued' WHERE id = ? AND status IN ('queued', 'failed')")) {
            update.setLong(1, now);
            update.setLong(2, id);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Cancels a queued message: it is never sent. A message a node is sending right now cannot be
     * cancelled.
     *
     * @return whether the message was queued
     */
    boolean cancel(Connection c, long id) throws SQLException {
        try (PreparedStatement update =
                c.prepareStatement("UPDATE email_outbox SET status = 'cancelled' WHERE id = ? AND status = 'queued'")) {
            update.setLong(1, id);
            return update.executeUpdate() == 1;
        }
    }

    /** The suppression list, by address. */
    List<Suppression> suppressions(Connection c, int limit) throws SQLException {
        List<Suppression> list = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT address, reason, hard_bounces, created_at"
                + " FROM email_suppression ORDER BY address FETCH FIRST ? ROWS ONLY")) {
            select.setInt(1, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    list.add(new Suppression(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4)));
                }
            }
        }
        return list;
    }

    /**
     * Takes a normalised address off the suppression list, and forgets its hard bounces (so the next one
     * does not put it back at once); whether it was on it.
     */
    boolean unsuppress(Connection c, String address) throws SQLException {
        BounceStore.erase(c, address);
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM email_suppression WHERE address = ?")) {
            delete.setString(1, address);
            return delete.executeUpdate() == 1;
        }
    }

    private static String where(String status, String recipientPrefix) {
        List<String> parts = new ArrayList<>();
        if (status != null) {
            parts.add("status = ?");
        }
        if (!recipientPrefix.isEmpty()) {
            parts.add("LOWER(recipient) LIKE ? ESCAPE '!'");
        }
        return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
    }

    private static int bindWhere(PreparedStatement s, String status, String recipientPrefix) throws SQLException {
        int i = 1;
        if (status != null) {
            s.setString(i++, status);
        }
        if (!recipientPrefix.isEmpty()) {
            String escaped =
                    recipientPrefix.replace("!", "!!").replace("%", "!%").replace("_", "!_");
            s.setString(i++, escaped + "%");
        }
        return i;
    }

    private static Row row(ResultSet rs, boolean parts) throws SQLException {
        long sentAt = rs.getLong(10);
        Long sent = rs.wasNull() ? null : sentAt;
        return new Row(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getInt(7),
                rs.getLong(8),
                rs.getLong(9),
                sent,
                rs.getString(11),
                rs.getString(12),
                parts ? rs.getString(13) : null,
                parts ? rs.getString(14) : null);
    }

    static String headers(Map<String, String> headers) {
        StringBuilder s = new StringBuilder();
        headers.forEach((k, v) -> s.append(k).append(": ").append(v).append('\n'));
        return s.toString();
    }

    static Map<String, String> parseHeaders(String stored) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (stored == null) {
            return headers;
        }
        for (String line : stored.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                headers.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return headers;
    }

    static Instant instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis);
    }

    private static String truncate(String error) {
        if (error == null) {
            return null;
        }
        String single = error.replace('\r', ' ').replace('\n', ' ');
        return single.length() <= MAX_ERROR ? single : single.substring(0, MAX_ERROR);
    }

    private volatile Boolean postgres;

    private boolean isPostgres(Connection c) throws SQLException {
        Boolean known = postgres;
        if (known == null) {
            known = c.getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase(Locale.ROOT)
                    .contains("postgres");
            postgres = known;
        }
        return known;
    }

    private static boolean isUniqueViolation(SQLException e) {
        String state = e.getSQLState();
        return "23505".equals(state) || "23001".equals(state);
    }
}
