package org.cec.portal.admin.internal.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.cec.portal.api.audit.AuditEntry;
import org.cec.portal.api.audit.RecordedEntry;

/**
 * The audit log's tables ({@code audit_entry}, {@code audit_head}) in JDBC, on a connection whose
 * transaction the caller owns. Entries are only ever inserted: there is no update or delete of an
 * entry here.
 */
final class AuditStore {

    /** An entry with its place in the chain. */
    record Stored(long seq, Instant at, AuditEntry entry, String prevHash, String hash) {
        RecordedEntry recorded() {
            return new RecordedEntry(seq, at, entry);
        }
    }

    /**
     * What the console's list and export select; null fields select all. {@code to} is inclusive (the
     * whole day, UTC).
     */
    record Filter(String actor, String action, String module, LocalDate from, LocalDate to) {
        static final Filter ALL = new Filter(null, null, null, null, null);
    }

    /** The last entry's seq and hash (0 and {@link AuditChain#GENESIS} before the first). */
    record Head(long seq, String hash) {}

    private static final String COLUMNS =
            "seq, at, actor, address, module, action, record, detail, prev_hash, entry_hash";

    /**
     * Appends {@code entry} at the end of the chain: locks the head row, so that concurrent
     * transactions (of this node or another) append one after the other, each after the entry the
     * one before it committed.
     */
    Stored append(Connection c, AuditEntry entry, Instant at) throws SQLException {
        Instant stored = AuditChain.stored(at);
        Head head;
        try (PreparedStatement lock =
                c.prepareStatement("SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE")) {
            try (ResultSet rs = lock.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("The audit log's head row is missing");
                }
                head = new Head(rs.getLong(1), rs.getString(2).strip());
            }
        }
        long seq = head.seq() + 1;
        String hash = AuditChain.hash(head.hash(), seq, stored, entry);
        try (PreparedStatement insert =
                c.prepareStatement("INSERT INTO audit_entry (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, seq);
            insert.setObject(2, OffsetDateTime.ofInstant(stored, ZoneOffset.UTC));
            insert.setString(3, entry.actor());
            insert.setString(4, entry.address());
            insert.setString(5, entry.module());
            insert.setString(6, entry.action());
            insert.setString(7, entry.record());
            insert.setString(8, entry.detail());
            insert.setString(9, head.hash());
            insert.setString(10, hash);
            insert.executeUpdate();
        }
        try (PreparedStatement update =
                c.prepareStatement("UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
            update.setLong(1, seq);
            update.setString(2, hash);
            update.executeUpdate();
        }
        return new Stored(seq, stored, entry, head.hash(), hash);
    }

    /** The head row, as committed. */
    Head head(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT last_seq, last_hash FROM audit_head WHERE id = 1");
                ResultSet rs = select.executeQuery()) {
            return rs.next() ? new Head(rs.getLong(1), rs.getString(2).strip()) : new Head(0, AuditChain.GENESIS);
        }
    }

    /** Up to {@code limit} entries after {@code seq}, in seq order (the verifier's and the export's pages). */
    List<Stored> after(Connection c, long seq, Filter f, int limit) throws SQLException {
        Where where = where(f);
        List<Stored> found = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_entry WHERE seq > ?"
                + where.and() + " ORDER BY seq FETCH FIRST ? ROWS ONLY")) {
            select.setLong(1, seq);
            int i = where.bind(select, 2);
            select.setInt(i, limit);
            read(select, found);
        }
        return found;
    }

    /** A page of the entries {@code f} selects, newest first. */
    List<Stored> list(Connection c, Filter f, int offset, int limit) throws SQLException {
        Where where = where(f);
        List<Stored> found = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_entry WHERE 1 = 1"
                + where.and() + " ORDER BY seq DESC OFFSET ? ROWS FETCH FIRST ? ROWS ONLY")) {
            int i = where.bind(select, 1);
            select.setInt(i++, offset);
            select.setInt(i, limit);
            read(select, found);
        }
        return found;
    }

    /** How many entries {@code f} selects. */
    long count(Connection c, Filter f) throws SQLException {
        Where where = where(f);
        try (PreparedStatement select =
                c.prepareStatement("SELECT COUNT(*) FROM audit_entry WHERE 1 = 1" + where.and())) {
            where.bind(select, 1);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The newest entries of a module about one record, newest first. */
    List<Stored> about(Connection c, String module, String record, int max) throws SQLException {
        List<Stored> found = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_entry"
                + " WHERE module = ? AND record = ? ORDER BY seq DESC FETCH FIRST ? ROWS ONLY")) {
            select.setString(1, module);
            select.setString(2, record);
            select.setInt(3, max);
            read(select, found);
        }
        return found;
    }

    /** The distinct values of a column ({@code module} or {@code action}), for the console's filter. */
    List<String> distinct(Connection c, String column) throws SQLException {
        if (!column.equals("module") && !column.equals("action")) {
            throw new IllegalArgumentException(column);
        }
        List<String> values = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT DISTINCT " + column + " FROM audit_entry ORDER BY "
                        + column + " FETCH FIRST 200 ROWS ONLY");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static void read(PreparedStatement select, List<Stored> into) throws SQLException {
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                into.add(new Stored(
                        rs.getLong(1),
                        rs.getObject(2, OffsetDateTime.class).toInstant(),
                        new AuditEntry(
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getString(8)),
                        rs.getString(9).strip(),
                        rs.getString(10).strip()));
            }
        }
    }

    /** The conditions of a filter and their parameters. */
    private record Where(String and, List<Object> params) {
        int bind(PreparedStatement s, int first) throws SQLException {
            int i = first;
            for (Object p : params) {
                s.setObject(i++, p);
            }
            return i;
        }
    }

    private static Where where(Filter f) {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (f.actor() != null) {
            sql.append(" AND actor = ?");
            params.add(f.actor());
        }
        if (f.action() != null) {
            sql.append(" AND action = ?");
            params.add(f.action());
        }
        if (f.module() != null) {
            sql.append(" AND module = ?");
            params.add(f.module());
        }
        if (f.from() != null) {
            sql.append(" AND at >= ?");
            params.add(f.from().atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        if (f.to() != null) {
            sql.append(" AND at < ?");
            params.add(f.to().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        return new Where(sql.toString(), params);
    }
}
