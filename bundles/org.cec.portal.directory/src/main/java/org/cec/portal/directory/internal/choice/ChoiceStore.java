package org.cec.portal.directory.internal.choice;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cec.portal.directory.internal.choice.Leads.Status;

/**
 * The tables of choosing and lead outcomes ({@code V2__directory_disclosures.sql}), read and written with
 * SQL on the connection of the caller's transaction (the module's unit has no entities for them). Lists
 * are stored joined by {@code ;}. Every method throws {@link SQLException}; the services wrap it.
 */
final class ChoiceStore {

    /** A choose link's row. */
    record ChoiceToken(long id, String reference, Instant expiresAt) {}

    /** A disclosure: what was shared with which contractor. Reference and email are null once erased. */
    record Disclosure(
            long id,
            String contractorId,
            String reference,
            String email,
            Set<String> fields,
            List<String> services,
            String language,
            String policyVersion,
            Instant sharedAt) {}

    /** One report of a contractor. */
    record Outcome(
            long id,
            long disclosureId,
            Status status,
            LocalDate date,
            List<String> servicesPerformed,
            String note,
            Instant reportedAt) {}

    private static final String DISCLOSURE_COLUMNS =
            "id, contractor_id, request_reference, email, fields, services, language, policy_version, shared_at";
    private static final String OUTCOME_COLUMNS =
            "id, disclosure_id, status, status_date, services_performed, note, reported_at";

    private final Connection c;

    ChoiceStore(Connection c) {
        this.c = c;
    }

    // ---- choose tokens -------------------------------------------------------------------------------

    void addChoiceToken(String hash, String reference, Instant now, Instant expiresAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO directory_choice_token"
                + " (token_hash, request_reference, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
            s.setString(1, hash);
            s.setString(2, reference);
            s.setObject(3, utc(now));
            s.setObject(4, utc(expiresAt));
            s.executeUpdate();
        }
    }

    /** The token with this hash; with {@code lock}, its row stays locked until the transaction ends. */
    Optional<ChoiceToken> choiceToken(String hash, boolean lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, request_reference, expires_at FROM directory_choice_token WHERE token_hash = ?"
                        + (lock ? " FOR UPDATE" : ""))) {
            s.setString(1, hash);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next() || rs.getString(2) == null) {
                    return Optional.empty();
                }
                return Optional.of(new ChoiceToken(rs.getLong(1), rs.getString(2), instant(rs, 3)));
            }
        }
    }

    // ---- disclosures ---------------------------------------------------------------------------------

    long addDisclosure(
            String contractorId,
            String reference,
            String email,
            Set<String> fields,
            List<String> services,
            String language,
            String policyVersion,
            Instant sharedAt)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO directory_disclosure (contractor_id, request_reference, email, fields, services,"
                        + " language, policy_version, shared_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                new String[] {"id"})) {
            s.setString(1, contractorId);
            s.setString(2, reference);
            s.setString(3, email);
            s.setString(4, String.join(";", fields));
            s.setString(5, String.join(";", services));
            s.setString(6, language);
            s.setString(7, policyVersion);
            s.setObject(8, utc(sharedAt));
            return insertedId(s, "disclosure");
        }
    }

    /** Runs an INSERT prepared with the generated column {@code id} and returns that id. */
    private static long insertedId(PreparedStatement s, String what) throws SQLException {
        s.executeUpdate();
        try (ResultSet keys = s.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("No id generated for the " + what);
            }
            return keys.getLong(1);
        }
    }

    /** The disclosures of a request, oldest first. */
    List<Disclosure> disclosuresOf(String reference) throws SQLException {
        return disclosures("WHERE request_reference = ? ORDER BY id", reference);
    }

    /** The disclosures of a person (normalised email), oldest first. */
    List<Disclosure> disclosuresTo(String email) throws SQLException {
        return disclosures("WHERE email = ? ORDER BY id", email);
    }

    /** The disclosures to a contractor, newest first. */
    List<Disclosure> disclosuresFor(String contractorId) throws SQLException {
        return disclosures("WHERE contractor_id = ? ORDER BY shared_at DESC, id DESC", contractorId);
    }

    /** Every disclosure (for the funnel), oldest first. */
    List<Disclosure> allDisclosures() throws SQLException {
        return disclosures("ORDER BY id");
    }

    Optional<Disclosure> disclosure(long id) throws SQLException {
        List<Disclosure> found = disclosures("WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<Disclosure> disclosures(String where, Object... params) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT " + DISCLOSURE_COLUMNS + " FROM directory_disclosure " + where)) {
            bind(s, params);
            List<Disclosure> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Disclosure(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            new LinkedHashSet<>(split(rs.getString(5))),
                            split(rs.getString(6)),
                            rs.getString(7),
                            rs.getString(8),
                            instant(rs, 9)));
                }
            }
            return out;
        }
    }

    // ---- lead tokens and outcomes --------------------------------------------------------------------

    void addLeadToken(String hash, long disclosureId, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO directory_lead_token (token_hash, disclosure_id, created_at) VALUES (?, ?, ?)")) {
            s.setString(1, hash);
            s.setLong(2, disclosureId);
            s.setObject(3, utc(now));
            s.executeUpdate();
        }
    }

    /** The disclosure a lead token belongs to, if it is still a lead of a person (not erased). */
    Optional<Long> leadToken(String hash) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT t.disclosure_id FROM directory_lead_token t JOIN directory_disclosure d"
                        + " ON d.id = t.disclosure_id WHERE t.token_hash = ? AND d.request_reference IS NOT NULL")) {
            s.setString(1, hash);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    long addOutcome(
            long disclosureId,
            Status status,
            LocalDate date,
            List<String> servicesPerformed,
            String note,
            Instant reportedAt)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO directory_lead_outcome (disclosure_id, status, status_date, services_performed, note,"
                        + " reported_at) VALUES (?, ?, ?, ?, ?, ?)",
                new String[] {"id"})) {
            s.setLong(1, disclosureId);
            s.setString(2, status.value());
            s.setObject(3, date);
            if (servicesPerformed.isEmpty()) {
                s.setNull(4, Types.VARCHAR);
            } else {
                s.setString(4, String.join(";", servicesPerformed));
            }
            if (note == null || note.isEmpty()) {
                s.setNull(5, Types.VARCHAR);
            } else {
                s.setString(5, note);
            }
            s.setObject(6, utc(reportedAt));
            return insertedId(s, "outcome");
        }
    }

    /** The reports on one lead, oldest first. */
    List<Outcome> outcomesOf(long disclosureId) throws SQLException {
        return outcomes("WHERE disclosure_id = ? ORDER BY id", disclosureId);
    }

    /** Every report (for the funnel and lists), oldest first. */
    List<Outcome> allOutcomes() throws SQLException {
        return outcomes("ORDER BY id");
    }

    /** The reports on the disclosures of a contractor, oldest first. */
    List<Outcome> outcomesFor(String contractorId) throws SQLException {
        return outcomes(
                "WHERE disclosure_id IN (SELECT id FROM directory_disclosure WHERE contractor_id = ?) ORDER BY id",
                contractorId);
    }

    private List<Outcome> outcomes(String where, Object... params) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT " + OUTCOME_COLUMNS + " FROM directory_lead_outcome " + where)) {
            bind(s, params);
            List<Outcome> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Optional<Status> status = Status.of(rs.getString(3));
                    if (status.isEmpty()) {
                        continue;
                    }
                    out.add(new Outcome(
                            rs.getLong(1),
                            rs.getLong(2),
                            status.get(),
                            rs.getObject(4, LocalDate.class),
                            split(rs.getString(5)),
                            rs.getString(6),
                            instant(rs, 7)));
                }
            }
            return out;
        }
    }

    // ---- erasure -------------------------------------------------------------------------------------

    /**
     * Removes a person's email address and request references from the disclosures (which then only
     * count), the free texts of their outcomes, their lead and choose links; records the counts.
     *
     * @return how many disclosures and outcomes were anonymised
     */
    int erase(String email, LocalDate today) throws SQLException {
        List<Disclosure> theirs = disclosuresTo(email);
        Set<String> references = new LinkedHashSet<>();
        int outcomes = 0;
        for (Disclosure d : theirs) {
            if (d.reference() != null) {
                references.add(d.reference());
            }
            outcomes += update(
                    "UPDATE directory_lead_outcome SET services_performed = NULL, note = NULL WHERE disclosure_id = ?",
                    d.id());
            update("DELETE FROM directory_lead_token WHERE disclosure_id = ?", d.id());
        }
        for (String reference : references) {
            update("DELETE FROM directory_choice_token WHERE request_reference = ?", reference);
        }
        int disclosures =
                update("UPDATE directory_disclosure SET email = NULL, request_reference = NULL WHERE email = ?", email);
        if (disclosures > 0) {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO directory_erasure (erased_on, disclosures, outcomes) VALUES (?, ?, ?)")) {
                s.setObject(1, today);
                s.setInt(2, disclosures);
                s.setInt(3, outcomes);
                s.executeUpdate();
            }
        }
        return disclosures + outcomes;
    }

    private int update(String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            return s.executeUpdate();
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static void bind(PreparedStatement s, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            if (params[i] instanceof Long l) {
                s.setLong(i + 1, l);
            } else {
                s.setString(i + 1, (String) params[i]);
            }
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    static List<String> split(String joined) {
        if (joined == null || joined.isEmpty()) {
            return List.of();
        }
        return Arrays.asList(joined.split(";"));
    }
}
