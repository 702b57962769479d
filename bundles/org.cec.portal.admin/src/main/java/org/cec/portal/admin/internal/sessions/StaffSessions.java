package org.cec.portal.admin.internal.sessions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.cec.portal.api.data.ModuleDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Console sessions in the admin module's tables, shared by every node: a session ended on one node
 * (sign-out, a password change, an account disabled) is refused by all from their next request on.
 * Sessions expire after {@link #idle} without a request and {@link #absolute} after sign-in,
 * whatever happens. The id is a random secret; only its SHA-256 is stored.
 */
@Component(service = StaffSessions.class, configurationPid = StaffSessions.PID)
@Designate(ocd = StaffSessions.Config.class)
public final class StaffSessions {

    /** The configuration PID of the session limits. */
    public static final String PID = "org.cec.portal.admin.sessions";

    @ObjectClassDefinition(
            name = "CEC Portal: console sessions",
            description = "How long a staff member's console session (cookie cec_staff) lasts.")
    public @interface Config {
        @AttributeDefinition(
                name = "Idle timeout (minutes)",
                description = "A session without a request for this long has ended.",
                min = "1",
                max = "1440")
        int idle_minutes() default 30;

        @AttributeDefinition(
                name = "Absolute timeout (hours)",
                description = "A session ends this long after sign-in, however busy.",
                min = "1",
                max = "168")
        int absolute_hours() default 12;
    }

    /** {@code seen_at} is written at most this often, so that busy pages do not write on every request. */
    private static final Duration SEEN_RESOLUTION = Duration.ofSeconds(30);

    private final ModuleDatabase db;
    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;

    @Activate
    public StaffSessions(@Reference(target = "(cec.module=admin)") ModuleDatabase db, Config config) {
        this(
                db,
                Clock.systemUTC(),
                Duration.ofMinutes(Math.max(1, config.idle_minutes())),
                Duration.ofHours(Math.max(1, config.absolute_hours())));
    }

    public StaffSessions(ModuleDatabase db, Clock clock, Duration idle, Duration absolute) {
        this.db = db;
        this.clock = clock;
        this.idle = idle;
        this.absolute = absolute;
    }

    /** Starts a session of {@code username} at {@code stage}; returns its id. */
    public String start(String username, Stage stage, String address) {
        String id = Secrets.random();
        OffsetDateTime now = now();
        db.inTransaction(em -> {
            try (PreparedStatement st = em.unwrap(Connection.class)
                    .prepareStatement("INSERT INTO staff_session (id_hash, username, stage, created_at, seen_at,"
                            + " address, pending_secret) VALUES (?, ?, ?, ?, ?, ?, NULL)")) {
                st.setString(1, Secrets.hash(id));
                st.setString(2, username);
                st.setString(3, stage.stored());
                st.setObject(4, now);
                st.setObject(5, now);
                st.setString(6, address.length() > 64 ? address.substring(0, 64) : address);
                st.executeUpdate();
            }
            return null;
        });
        return id;
    }

    /**
     * The live session of {@code id}, or empty when there is none, or it has expired (then it is
     * deleted). Marks it as seen.
     */
    public Optional<StaffSession> find(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return Optional.empty();
        }
        String hash = Secrets.hash(id);
        OffsetDateTime now = now();
        Optional<StaffSession> found = db.read(em -> {
            try (PreparedStatement st = em.unwrap(Connection.class)
                    .prepareStatement("SELECT username, stage, created_at, seen_at, pending_secret"
                            + " FROM staff_session WHERE id_hash = ?")) {
                st.setString(1, hash);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<StaffSession>empty();
                    }
                    Optional<Stage> stage = Stage.parse(rs.getString(2));
                    if (stage.isEmpty()) {
                        return Optional.<StaffSession>empty();
                    }
                    return Optional.of(new StaffSession(
                            id,
                            rs.getString(1),
                            stage.get(),
                            rs.getObject(3, OffsetDateTime.class),
                            rs.getObject(4, OffsetDateTime.class),
                            rs.getString(5)));
                }
            }
        });
        if (found.isEmpty()) {
            return found;
        }
        StaffSession s = found.get();
        if (!now.isBefore(s.createdAt().plus(absolute))
                || !now.isBefore(s.seenAt().plus(idle))) {
            end(id);
            return Optional.empty();
        }
        if (!now.isBefore(s.seenAt().plus(SEEN_RESOLUTION))) {
            execute("UPDATE staff_session SET seen_at = ? WHERE id_hash = ?", now, hash);
        }
        return found;
    }

    /**
     * Ends session {@code id} and starts a new one of the same account at {@code next} (a new id at
     * every step of the sign-in, so an id seen before a step is worth nothing after it). The new
     * session keeps the old one's sign-in time, so the absolute limit counts from the password.
     */
    public String advance(StaffSession session, Stage next, String address) {
        String id = Secrets.random();
        db.inTransaction(em -> {
            Connection c = em.unwrap(Connection.class);
            try (PreparedStatement st = c.prepareStatement("DELETE FROM staff_session WHERE id_hash = ?")) {
                st.setString(1, Secrets.hash(session.id()));
                if (st.executeUpdate() != 1) {
                    throw new IllegalStateException("session ended");
                }
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO staff_session (id_hash, username, stage,"
                    + " created_at, seen_at, address, pending_secret) VALUES (?, ?, ?, ?, ?, ?, NULL)")) {
                st.setString(1, Secrets.hash(id));
                st.setString(2, session.username());
                st.setString(3, next.stored());
                st.setObject(4, session.createdAt());
                st.setObject(5, now());
                st.setString(6, address.length() > 64 ? address.substring(0, 64) : address);
                st.executeUpdate();
            }
            return null;
        });
        return id;
    }

    /** Keeps a second factor being enrolled (sealed) with the session, until its first code is right. */
    public void setPendingSecret(StaffSession session, String sealedSecret) {
        execute(
                "UPDATE staff_session SET pending_secret = ? WHERE id_hash = ?",
                sealedSecret,
                Secrets.hash(session.id()));
    }

    /** Ends session {@code id} on every node. */
    public void end(String id) {
        execute("DELETE FROM staff_session WHERE id_hash = ?", Secrets.hash(id));
    }

    /** Ends every session of {@code username}. */
    public void endAll(String username) {
        execute("DELETE FROM staff_session WHERE username = ?", username);
    }

    /** Deletes expired sessions; returns how many. */
    public int deleteExpired() {
        OffsetDateTime now = now();
        return db.inTransaction(em -> {
            try (PreparedStatement st = em.unwrap(Connection.class)
                    .prepareStatement("DELETE FROM staff_session WHERE seen_at < ? OR created_at < ?")) {
                st.setObject(1, now.minus(idle));
                st.setObject(2, now.minus(absolute));
                return st.executeUpdate();
            }
        });
    }

    private void execute(String sql, Object... args) {
        db.inTransaction(em -> {
            try (PreparedStatement st = em.unwrap(Connection.class).prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    st.setObject(i + 1, args[i]);
                }
                st.executeUpdate();
            }
            return null;
        });
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
