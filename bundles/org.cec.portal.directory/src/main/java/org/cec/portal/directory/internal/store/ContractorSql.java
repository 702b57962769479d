package org.cec.portal.directory.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.geo.GeoPoint;

/**
 * The SQL of {@code directory_contractor} and {@code directory_revision} (see V1__directory_contractors.sql),
 * plain JDBC on the connection of the running transaction, the same on H2 and PostgreSQL.
 */
final class ContractorSql {

    private static final String COLUMNS = "id, source, business_name, active, base_zip, latitude, longitude,"
            + " service_radius_miles, insured_until, last_verified, website, phone, email, description, details";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM directory_contractor";
    private static final String UPDATE = "UPDATE directory_contractor SET source = ?, business_name = ?, active = ?,"
            + " base_zip = ?, latitude = ?, longitude = ?, service_radius_miles = ?, insured_until = ?,"
            + " last_verified = ?, website = ?, phone = ?, email = ?, description = ?, details = ?, revision = ?,"
            + " updated_at = ? WHERE id = ?";
    private static final String INSERT = "INSERT INTO directory_contractor (source, business_name, active, base_zip,"
            + " latitude, longitude, service_radius_miles, insured_until, last_verified, website, phone, email,"
            + " description, details, revision, updated_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private ContractorSql() {}

    /** Increments the change marker (locking its row until commit) and returns the new revision. */
    static long nextRevision(Connection c) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE directory_revision SET revision = revision + 1 WHERE id = 1")) {
            if (ps.executeUpdate() != 1) {
                throw new SQLException("directory_revision has no row");
            }
        }
        return revision(c);
    }

    static long revision(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT revision FROM directory_revision WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("directory_revision has no row");
            }
            return rs.getLong(1);
        }
    }

    /** A statement that updates one contractor; {@link #write} fills it. */
    static PreparedStatement prepareUpdate(Connection c) throws SQLException {
        return c.prepareStatement(UPDATE);
    }

    static PreparedStatement prepareInsert(Connection c) throws SQLException {
        return c.prepareStatement(INSERT);
    }

    /** Fills an update or insert statement (same parameter order) with {@code x}; runs it; rows changed. */
    static int write(PreparedStatement ps, Contractor x, long revision, OffsetDateTime now) throws SQLException {
        ps.setString(1, x.source());
        ps.setString(2, x.businessName());
        ps.setBoolean(3, x.active());
        ps.setString(4, x.baseZip());
        ps.setDouble(5, x.base().latitude());
        ps.setDouble(6, x.base().longitude());
        ps.setDouble(7, x.serviceRadiusMiles());
        setDate(ps, 8, x.insuredUntil());
        setDate(ps, 9, x.lastVerified());
        ps.setString(10, x.website());
        ps.setString(11, x.phone());
        ps.setString(12, x.email());
        ps.setString(13, x.description());
        ps.setString(14, ContractorJson.details(x));
        ps.setLong(15, revision);
        ps.setObject(16, now);
        ps.setString(17, x.id());
        return ps.executeUpdate();
    }

    static int setActive(Connection c, String id, boolean active, long revision, OffsetDateTime now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE directory_contractor SET active = ?, revision = ?, updated_at = ? WHERE id = ?")) {
            ps.setBoolean(1, active);
            ps.setLong(2, revision);
            ps.setObject(3, now);
            ps.setString(4, id);
            return ps.executeUpdate();
        }
    }

    static Optional<Contractor> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE id = ?")) {
            ps.setString(1, id);
            List<Contractor> found = read(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    static List<Contractor> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY business_name, id")) {
            return read(ps);
        }
    }

    static List<Contractor> since(Connection c, long revision) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE revision > ?")) {
            ps.setLong(1, revision);
            ps.setFetchSize(1000);
            return read(ps);
        }
    }

    /** The ids of the active contractors of {@code source}. */
    static List<String> activeIds(Connection c, String source) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT id FROM directory_contractor WHERE source = ? AND active = TRUE")) {
            ps.setString(1, source);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    static boolean isEmpty(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM directory_contractor FETCH FIRST 1 ROWS ONLY");
                ResultSet rs = ps.executeQuery()) {
            return !rs.next();
        }
    }

    private static List<Contractor> read(PreparedStatement ps) throws SQLException {
        List<Contractor> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    private static Contractor row(ResultSet rs) throws SQLException {
        ContractorJson.Details d = ContractorJson.readDetails(rs.getString("details"));
        return new Contractor(
                rs.getString("id"),
                rs.getString("business_name"),
                d.services(),
                rs.getString("base_zip"),
                new GeoPoint(rs.getDouble("latitude"), rs.getDouble("longitude")),
                rs.getDouble("service_radius_miles"),
                d.servedZips(),
                d.certifications(),
                d.licences(),
                date(rs, "insured_until"),
                d.languages(),
                rs.getString("description"),
                rs.getString("website"),
                rs.getString("phone"),
                rs.getString("email"),
                rs.getBoolean("active"),
                rs.getString("source"),
                date(rs, "last_verified"));
    }

    private static void setDate(PreparedStatement ps, int index, LocalDate d) throws SQLException {
        if (d == null) {
            ps.setNull(index, Types.DATE);
        } else {
            ps.setObject(index, d);
        }
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }
}
