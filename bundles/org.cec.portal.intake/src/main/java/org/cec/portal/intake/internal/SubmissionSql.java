package org.cec.portal.intake.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * Stores one submitted request (its row, its services, its answers) with plain JDBC on the
 * connection of the running transaction. Submissions are the one write that arrives in bulk: here
 * the unit of work of JPA (change sets, clones, identity reads) cost about a fifth of the group
 * commit writer's time for rows that are only ever inserted. Everything else about requests (the
 * console, status changes, access requests) goes through the JPA entities of the same tables.
 */
final class SubmissionSql {

    private static final String INSERT_REQUEST = "INSERT INTO intake_request (reference, status, source,"
            + " created_at, updated_at, name, email, phone, city, zip, address, contact_method, language)"
            + " VALUES (?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_SERVICE =
            "INSERT INTO intake_request_service (request_id, service_id, service_label) VALUES (?, ?, ?)";
    private static final String INSERT_ANSWER = "INSERT INTO intake_request_answer (request_id, section_id,"
            + " section_version, section_title, field_id, field_label, answer, answer_label, ordinal)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private SubmissionSql() {}

    /** Inserts the request, its services and answers; returns the request's id. */
    static long insert(Connection c, String reference, String source, OffsetDateTime now, Validator.ValidRequest r)
            throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement(INSERT_REQUEST, new String[] {"id"})) {
            ps.setString(1, reference);
            ps.setString(2, source);
            ps.setObject(3, now);
            ps.setObject(4, now);
            ps.setString(5, r.name());
            ps.setString(6, r.email());
            ps.setString(7, r.phone());
            ps.setString(8, r.city());
            ps.setString(9, r.zip());
            ps.setString(10, r.address());
            ps.setString(11, r.contactMethod());
            ps.setString(12, r.language());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("The database gave no id for the new request");
                }
                id = keys.getLong(1);
            }
        }
        if (!r.services().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(INSERT_SERVICE)) {
                for (Catalog.ServiceInfo s : r.services()) {
                    ps.setLong(1, id);
                    ps.setString(2, s.id());
                    ps.setString(3, s.label());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!r.answers().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(INSERT_ANSWER)) {
                int ordinal = 0;
                for (Validator.Answer a : r.answers()) {
                    ps.setLong(1, id);
                    ps.setString(2, a.sectionId());
                    ps.setInt(3, a.sectionVersion());
                    ps.setString(4, a.sectionTitle());
                    ps.setString(5, a.fieldId());
                    ps.setString(6, a.fieldLabel());
                    ps.setString(7, a.value());
                    ps.setString(8, a.valueLabel());
                    ps.setInt(9, ordinal++);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        return id;
    }
}
