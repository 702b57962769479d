package org.cec.portal.analytics.internal.recording;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.cec.portal.api.data.ModuleDatabase;

/**
 * The visitor key: HMAC-SHA256 of the client address and user agent, keyed with the salt of the day,
 * hex, the first {@value #KEY_HEX} digits. The same visitor has one key within a day and an unrelated
 * one the next: each day's salt is 32 random bytes in {@code analytics_salt}, created by whichever
 * node needs it first (insert if absent, so every node uses the same), and deleted once the day is
 * over, from the table and from memory. Nothing can then link a key to an address or to another day's
 * key. Used by the writer thread only (not thread-safe).
 */
final class VisitorKeys {

    static final int KEY_HEX = 32;
    static final int SALT_BYTES = 32;

    private final ModuleDatabase db;
    private final SecureRandom random;
    /** The salts in use: today's, and yesterday's until it is deleted. */
    private final Map<LocalDate, Mac> macs = new HashMap<>();
    /** The days before this one have had their salts deleted by {@link #forgetBefore}: they never get a key again. */
    private LocalDate forgottenBefore = LocalDate.MIN;

    VisitorKeys(ModuleDatabase db, SecureRandom random) {
        this.db = db;
        this.random = random;
    }

    /**
     * The key of the visitor with this address and user agent on {@code day}, or empty when that day's
     * salt is no longer there (a day that ended, whose salt is deleted, never gets one again). A day that
     * ended but is not forgotten yet (its last events are still being written) keeps its salt.
     */
    Optional<String> key(LocalDate day, String address, String userAgent) {
        Mac mac = macs.get(day);
        if (mac == null) {
            if (day.isBefore(forgottenBefore)) {
                return Optional.empty();
            }
            mac = mac(saltOf(day));
            macs.put(day, mac);
        }
        byte[] hash = mac.doFinal((address + "\n" + userAgent).getBytes(StandardCharsets.UTF_8));
        return Optional.of(HexFormat.of().formatHex(hash).substring(0, KEY_HEX));
    }

    /** Deletes the salts of the days before {@code today}, from the table and from memory. */
    void forgetBefore(LocalDate today) {
        forgottenBefore = today;
        macs.keySet().removeIf(day -> day.isBefore(today));
        db.inTransaction(em -> deleteBefore(em.unwrap(Connection.class), today));
    }

    /** The salt of {@code day}: the stored one, or a new one stored now (the old days' deleted with it). */
    private byte[] saltOf(LocalDate day) {
        String fresh = HexFormat.of().formatHex(newSalt());
        String hex = db.inTransaction(em -> {
            Connection c = em.unwrap(Connection.class);
            deleteBefore(c, day);
            insertIfAbsent(c, day, fresh);
            return select(c, day).orElseThrow(() -> new SQLException("the salt of the day was not stored"));
        });
        return HexFormat.of().parseHex(hex);
    }

    private byte[] newSalt() {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return salt;
    }

    static int deleteBefore(Connection c, LocalDate day) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM analytics_salt WHERE salt_day < ?")) {
            delete.setObject(1, day);
            return delete.executeUpdate();
        }
    }

    /**
     * Stores the salt unless the day has one: on PostgreSQL with {@code ON CONFLICT DO NOTHING} (a
     * failed statement would abort the transaction); on H2 the duplicate key fails the statement alone.
     */
    private static void insertIfAbsent(Connection c, LocalDate day, String hex) throws SQLException {
        boolean postgres = EventStore.isPostgres(c);
        String sql = "INSERT INTO analytics_salt (salt_day, salt) VALUES (?, ?)"
                + (postgres ? " ON CONFLICT DO NOTHING" : "");
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            insert.setObject(1, day);
            insert.setString(2, hex);
            insert.executeUpdate();
        } catch (SQLException e) {
            if (postgres || !EventStore.isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    private static Optional<String> select(Connection c, LocalDate day) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT salt FROM analytics_salt WHERE salt_day = ?")) {
            select.setObject(1, day);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static Mac mac(byte[] salt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
