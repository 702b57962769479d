package org.cec.portal.admin.internal.accounts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.staff.ConsoleRoles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Staff accounts, their roles, second factors and recovery codes, in the admin module's tables (so
 * every node of a cluster shares them). Each method is one transaction. Changing a password,
 * disabling an account or resetting its second factor ends the account's sessions in the same
 * transaction, so every node refuses them from the next request on.
 */
@Component(service = StaffAccounts.class)
public final class StaffAccounts {

    /** The generated first admin. */
    public static final String FIRST_ADMIN = "admin";

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,39}");

    private final ModuleDatabase db;
    private final PasswordHasher hasher;
    private final Clock clock;
    /** Checked instead of a hash when the name is no account, so that both take the same time. */
    private final String dummyHash;

    @Activate
    public StaffAccounts(@Reference(target = "(cec.module=admin)") ModuleDatabase db) {
        this(db, new PasswordHasher(new java.security.SecureRandom(), PasswordHasher.ITERATIONS), Clock.systemUTC());
    }

    public StaffAccounts(ModuleDatabase db, PasswordHasher hasher, Clock clock) {
        this.db = db;
        this.hasher = hasher;
        this.clock = clock;
        this.dummyHash = hasher.hash(hasher.randomPassword(24).toCharArray());
    }

    /** Whether {@code name} is a valid account name: 2 to 40 of a-z, 0-9, dot, dash, underscore. */
    public static boolean validName(String name) {
        return name != null && USERNAME.matcher(name).matches();
    }

    /**
     * Creates the first admin with a random password when there is no account at all. Returns the
     * password (to be written once to a file), or empty when accounts exist. Two nodes starting at
     * once create it once: the second insert fails on the primary key and returns empty.
     */
    public Optional<String> createFirstAdminIfNone() {
        return db.inTransaction(em -> {
            Connection c = em.unwrap(Connection.class);
            try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM staff_account");
                    ResultSet rs = st.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return Optional.<String>empty();
                }
            }
            String password = hasher.randomPassword(24);
            insert(c, FIRST_ADMIN, hasher.hash(password.toCharArray()), true, Set.of(ConsoleRoles.ADMIN));
            return Optional.of(password);
        });
    }

    /**
     * Creates an account whose password must be changed at its first sign-in.
     *
     * @throws IllegalArgumentException when the name is invalid or taken, or a role unknown
     */
    public void create(String username, char[] password, Set<String> roles) {
        if (!validName(username)) {
            throw new IllegalArgumentException("invalid name");
        }
        checkRoles(roles);
        String hash = hasher.hash(password);
        db.inTransaction(em -> {
            Connection c = em.unwrap(Connection.class);
            if (find(c, username).isPresent()) {
                throw new IllegalArgumentException("name taken");
            }
            insert(c, username, hash, true, roles);
            return null;
        });
    }

    /** Adds an account with a hash made earlier (an import); it must enrol a second factor if it is an admin. */
    public void importHashed(String username, String passwordHash, Set<String> roles) {
        checkRoles(roles);
        db.inTransaction(em -> {
            insert(em.unwrap(Connection.class), username, passwordHash, false, roles);
            return null;
        });
    }

    /** The account, or empty. */
    public Optional<Account> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return db.read(em -> find(em.unwrap(Connection.class), username));
    }

    /** Every account, by name. */
    public List<Account> list() {
        return db.read(em -> {
            Connection c = em.unwrap(Connection.class);
            Map<String, Set<String>> roles = roles(c, null);
            Map<String, Integer> codes = recoveryCounts(c);
            List<Account> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(
                            "SELECT username, must_change, disabled, totp_secret, created_at, changed_at"
                                    + " FROM staff_account ORDER BY username");
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(account(rs, roles, codes));
                }
            }
            return out;
        });
    }

    /**
     * The account if {@code password} is its password and it is not disabled. An unknown name costs
     * the same hash computation as a known one, so the answer's timing does not tell which names are
     * accounts.
     */
    public Optional<Account> verifyPassword(String username, char[] password) {
        String stored = username == null
                ? null
                : db.read(em -> string(
                        em.unwrap(Connection.class),
                        "SELECT password_hash FROM staff_account WHERE username = ? AND disabled = FALSE",
                        username));
        boolean matches = PasswordHasher.verify(password, stored != null ? stored : dummyHash);
        return stored != null && matches ? find(username) : Optional.empty();
    }

    /**
     * Sets the password and ends every session of the account.
     *
     * @param mustChange whether the owner must replace it at the next sign-in (an admin set it)
     */
    public void setPassword(String username, char[] password, boolean mustChange) {
        String hash = hasher.hash(password);
        update(
                "UPDATE staff_account SET password_hash = ?, must_change = ?, changed_at = ? WHERE username = ?",
                st -> {
                    st.setString(1, hash);
                    st.setBoolean(2, mustChange);
                    st.setObject(3, now());
                    st.setString(4, username);
                },
                username,
                true);
    }

    /** Disables or enables the account; disabling ends its sessions and refuses its tokens. */
    public void setDisabled(String username, boolean disabled) {
        update(
                "UPDATE staff_account SET disabled = ?, changed_at = ? WHERE username = ?",
                st -> {
                    st.setBoolean(1, disabled);
                    st.setObject(2, now());
                    st.setString(3, username);
                },
                username,
                disabled);
    }

    /** Replaces the account's roles; they apply from the next request of its sessions on. */
    public void setRoles(String username, Set<String> roles) {
        checkRoles(roles);
        db.inTransaction(em -> {
            Connection c = em.unwrap(Connection.class);
            requireAccount(c, username);
            try (PreparedStatement st = c.prepareStatement("DELETE FROM staff_role WHERE username = ?")) {
                st.setString(1, username);
                st.executeUpdate();
            }
            insertRoles(c, username, roles);
            touch(c, username);
            return null;
        });
    }

    /** The account's sealed TOTP secret and its last used time step, or empty without a second factor. */
    public Optional<SecondFactor> secondFactor(String username) {
        return db.read(em -> {
            try (PreparedStatement st = em.unwrap(Connection.class)
                    .prepareStatement("SELECT totp_secret, totp_last_step FROM staff_account WHERE username = ?")) {
                st.setString(1, username);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next() || rs.getString(1) == null) {
                        return Optional.<SecondFactor>empty();
                    }
                    return Optional.of(new SecondFactor(rs.getString(1), rs.getLong(2)));
                }
            }
        });
    }

    /** The sealed TOTP secret of an account and the last time step a code of it was accepted for. */
    public record SecondFactor(String sealedSecret, long lastStep) {}

    /** Enrols a second factor with its recovery codes (their hashes), replacing any earlier one. */
    public void enrolSecondFactor(String username, String sealedSecret, long usedStep, Set<String> recoveryHashes) {
        db.inTransaction(em -> {
            Connection c = em.unwrap(Connection.class);
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE staff_account SET totp_secret = ?, totp_last_step = ?, changed_at = ? WHERE username = ?")) {
                st.setString(1, sealedSecret);
                st.setLong(2, usedStep);
                st.setObject(3, now());
                st.setString(4, username);
                if (st.executeUpdate() != 1) {
                    throw new IllegalArgumentException("no such account");
                }
            }
            replaceRecoveryCodes(c, username, recoveryHashes);
            return null;
        });
    }

    /**
     * Takes time step {@code step} of the account's second factor: true only if no code of this or a
     * later step was accepted before (on any node), so a code cannot be used twice.
     */
    public boolean useStep(String username, long step) {
        return db.inTransaction(em -> {
            try (PreparedStatement st = em.unwrap(Connection.class)
                    .prepareStatement("UPDATE staff_account SET totp_last_step = ?"
                            + " WHERE username = ? AND totp_last_step < ? AND totp_secret IS NOT NULL")) {
                st.setLong(1, step);
                st.setString(2, username);
                st.setLong(3, step);
                return st.executeUpdate() == 1;
            }
        });
    }

    /** Uses up one recovery code (by its hash): true if it was one of the account's unused codes. */
    public boolean useRecoveryCode(String username, String codeHash) {
        return db.inTransaction(em -> {
            try (PreparedStatement st = em.unwrap(Connection.class)
                    .prepareStatement("DELETE FROM staff_recovery_code WHERE username = ? AND code_hash = ?")) {
                st.setString(1, username);
                st.setString(2, codeHash);
                return st.executeUpdate() == 1;
            }
        });
    }

    /** The hashes of the account's unused recovery codes. */
    public Set<String> recoveryHashes(String username) {
        return db.read(em -> {
            Set<String> out = new HashSet<>();
            try (PreparedStatement st = em.unwrap(Connection.class)
                    .prepareStatement("SELECT code_hash FROM staff_recovery_code WHERE username = ?")) {
                st.setString(1, username);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Removes the account's second factor and recovery codes (an admin resets it for someone who
     * lost their device) and ends its sessions: at the next sign-in it enrols again.
     */
    public void resetSecondFactor(String username) {
        update(
                "UPDATE staff_account SET totp_secret = NULL, totp_last_step = 0, changed_at = ? WHERE username = ?",
                st -> {
                    st.setObject(1, now());
                    st.setString(2, username);
                },
                username,
                true);
        db.inTransaction(em -> {
            replaceRecoveryCodes(em.unwrap(Connection.class), username, Set.of());
            return null;
        });
    }

    private interface Binder {
        void bind(PreparedStatement st) throws SQLException;
    }

    private void update(String sql, Binder binder, String username, boolean endSessions) {
        db.inTransaction(em -> {
            Connection c = em.unwrap(Connection.class);
            try (PreparedStatement st = c.prepareStatement(sql)) {
                binder.bind(st);
                if (st.executeUpdate() != 1) {
                    throw new IllegalArgumentException("no such account");
                }
            }
            if (endSessions) {
                try (PreparedStatement st = c.prepareStatement("DELETE FROM staff_session WHERE username = ?")) {
                    st.setString(1, username);
                    st.executeUpdate();
                }
            }
            return null;
        });
    }

    private void insert(Connection c, String username, String hash, boolean mustChange, Set<String> roles)
            throws SQLException {
        OffsetDateTime now = now();
        try (PreparedStatement st = c.prepareStatement("INSERT INTO staff_account (username, password_hash,"
                + " must_change, disabled, totp_secret, totp_last_step, created_at, changed_at)"
                + " VALUES (?, ?, ?, FALSE, NULL, 0, ?, ?)")) {
            st.setString(1, username);
            st.setString(2, hash);
            st.setBoolean(3, mustChange);
            st.setObject(4, now);
            st.setObject(5, now);
            st.executeUpdate();
        }
        insertRoles(c, username, roles);
    }

    private static void insertRoles(Connection c, String username, Set<String> roles) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO staff_role (username, role_name) VALUES (?, ?)")) {
            for (String role : roles) {
                st.setString(1, username);
                st.setString(2, role);
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    private static void replaceRecoveryCodes(Connection c, String username, Set<String> hashes) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM staff_recovery_code WHERE username = ?")) {
            st.setString(1, username);
            st.executeUpdate();
        }
        try (PreparedStatement st =
                c.prepareStatement("INSERT INTO staff_recovery_code (username, code_hash) VALUES (?, ?)")) {
            for (String hash : hashes) {
                st.setString(1, username);
                st.setString(2, hash);
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    private void touch(Connection c, String username) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE staff_account SET changed_at = ? WHERE username = ?")) {
            st.setObject(1, now());
            st.setString(2, username);
            st.executeUpdate();
        }
    }

    private static void requireAccount(Connection c, String username) throws SQLException {
        if (string(c, "SELECT username FROM staff_account WHERE username = ?", username) == null) {
            throw new IllegalArgumentException("no such account");
        }
    }

    private static void checkRoles(Set<String> roles) {
        for (String role : roles) {
            if (!ConsoleRoles.ALL.contains(role)) {
                throw new IllegalArgumentException("unknown role");
            }
        }
    }

    private static Optional<Account> find(Connection c, String username) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT username, must_change, disabled, totp_secret,"
                + " created_at, changed_at FROM staff_account WHERE username = ?")) {
            st.setString(1, username);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(account(rs, roles(c, username), recoveryCounts(c)));
            }
        }
    }

    private static Account account(ResultSet rs, Map<String, Set<String>> roles, Map<String, Integer> codes)
            throws SQLException {
        String name = rs.getString(1);
        return new Account(
                name,
                roles.getOrDefault(name, Set.of()),
                rs.getBoolean(2),
                rs.getBoolean(3),
                rs.getString(4) != null,
                codes.getOrDefault(name, 0),
                rs.getObject(5, OffsetDateTime.class),
                rs.getObject(6, OffsetDateTime.class));
    }

    private static Map<String, Set<String>> roles(Connection c, String username) throws SQLException {
        Map<String, Set<String>> out = new HashMap<>();
        String sql = "SELECT username, role_name FROM staff_role" + (username == null ? "" : " WHERE username = ?");
        try (PreparedStatement st = c.prepareStatement(sql)) {
            if (username != null) {
                st.setString(1, username);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                }
            }
        }
        return out;
    }

    private static Map<String, Integer> recoveryCounts(Connection c) throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        try (PreparedStatement st =
                        c.prepareStatement("SELECT username, COUNT(*) FROM staff_recovery_code GROUP BY username");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        }
        return out;
    }

    private static String string(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, arg);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
