package org.cec.portal.admin.internal.sessions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cec.portal.api.data.ModuleDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * API tokens for scripts ({@code Authorization: Bearer <token>}), with the roles of the account they
 * belong to. A token is shown once when it is created; only its SHA-256 is stored. A token is
 * {@code cec_<id>_<secret>}: the id names it in lists and the audit log, the secret proves it.
 */
@Component(service = ApiTokens.class)
public final class ApiTokens {

    /** The prefix of every token, so that a leaked one is easy to recognise (secret scanners). */
    public static final String PREFIX = "cec_";

    private static final Duration USED_RESOLUTION = Duration.ofMinutes(1);

    private final ModuleDatabase db;
    private final Clock clock;

    /** A token as listed: never its secret. */
    public record TokenInfo(
            String id,
            String username,
            String label,
            String createdBy,
            OffsetDateTime createdAt,
            OffsetDateTime lastUsedAt) {}

    /** A token just created: its text is shown once. */
    public record NewToken(String id, String text) {}

    @Activate
    public ApiTokens(@Reference(target = "(cec.module=admin)") ModuleDatabase db) {
        this(db, Clock.systemUTC());
    }

    public ApiTokens(ModuleDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Creates a token for {@code username}, named {@code label}, by {@code createdBy}. */
    public NewToken create(String username, String label, String createdBy) {
        String id = Secrets.random().substring(0, 12).replace('-', 'x').replace('_', 'y');
        String text = PREFIX + id + "_" + Secrets.random();
        db.inTransaction(em -> {
            try (PreparedStatement st = em.unwrap(Connection.class)
                    .prepareStatement("INSERT INTO staff_token (id, token_hash, username, label, created_by,"
                            + " created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, NULL)")) {
                st.setString(1, id);
                st.setString(2, Secrets.hash(text));
                st.setString(3, username);
                st.setString(4, label.length() > 100 ? label.substring(0, 100) : label);
                st.setString(5, createdBy);
                st.setObject(6, now());
                st.executeUpdate();
            }
            return null;
        });
        return new NewToken(id, text);
    }

    /** The token's id and account, or empty when {@code text} is no (or a revoked) token. Marks it as used. */
    public Optional<TokenInfo> verify(String text) {
        if (text == null || !text.startsWith(PREFIX) || text.length() > 120) {
            return Optional.empty();
        }
        String hash = Secrets.hash(text);
        Optional<TokenInfo> found = db.read(em -> {
            try (PreparedStatement st = em.unwrap(Connection.class)
                    .prepareStatement("SELECT id, username, label, created_by, created_at, last_used_at"
                            + " FROM staff_token WHERE token_hash = ?")) {
                st.setString(1, hash);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(info(rs)) : Optional.<TokenInfo>empty();
                }
            }
        });
        found.ifPresent(t -> {
            OffsetDateTime now = now();
            if (t.lastUsedAt() == null || !now.isBefore(t.lastUsedAt().plus(USED_RESOLUTION))) {
                db.inTransaction(em -> {
                    try (PreparedStatement st = em.unwrap(Connection.class)
                            .prepareStatement("UPDATE staff_token SET last_used_at = ? WHERE id = ?")) {
                        st.setObject(1, now);
                        st.setString(2, t.id());
                        st.executeUpdate();
                    }
                    return null;
                });
            }
        });
        return found;
    }

    /** The tokens of {@code username}, or of everyone when it is null, newest first. */
    public List<TokenInfo> list(String username) {
        return db.read(em -> {
            List<TokenInfo> out = new ArrayList<>();
            try (PreparedStatement st = em.unwrap(Connection.class)
                    .prepareStatement(
                            "SELECT id, username, label, created_by, created_at, last_used_at FROM staff_token"
                                    + (username == null ? "" : " WHERE username = ?")
                                    + " ORDER BY created_at DESC, id")) {
                if (username != null) {
                    st.setString(1, username);
                }
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(info(rs));
                    }
                }
            }
            return out;
        });
    }

    /** Revokes token {@code id}; returns its account, or empty when there was no such token. */
    public Optional<String> revoke(String id) {
        return db.inTransaction(em -> {
            Connection c = em.unwrap(Connection.class);
            String owner;
            try (PreparedStatement st = c.prepareStatement("SELECT username FROM staff_token WHERE id = ?")) {
                st.setString(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    owner = rs.next() ? rs.getString(1) : null;
                }
            }
            if (owner == null) {
                return Optional.<String>empty();
            }
            try (PreparedStatement st = c.prepareStatement("DELETE FROM staff_token WHERE id = ?")) {
                st.setString(1, id);
                st.executeUpdate();
            }
            return Optional.of(owner);
        });
    }

    private static TokenInfo info(ResultSet rs) throws java.sql.SQLException {
        return new TokenInfo(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getObject(5, OffsetDateTime.class),
                rs.getObject(6, OffsetDateTime.class));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
