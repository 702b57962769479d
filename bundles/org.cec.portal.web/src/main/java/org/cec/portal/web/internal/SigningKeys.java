package org.cec.portal.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 keys for signing cookies, kept in {@code <data>/keys/cookie-signing.properties}
 * (owner read/write only). Each key has an id; values are signed with the current key and verified
 * with whichever key their id names, so a key can be rotated without signing everybody out.
 *
 * <p>Each thread keeps one initialised {@link Mac} per key: {@code Mac.getInstance} and {@code init}
 * (a provider lookup and key setup) would otherwise run for every signature. A {@code Mac} is reset
 * by {@code doFinal}, so the next use starts clean.
 */
final class SigningKeys {

    static final String FILE_NAME = "cookie-signing.properties";
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final String currentId;
    private final Map<String, ThreadLocal<Mac>> macs;

    private SigningKeys(String currentId, Map<String, SecretKeySpec> keys) {
        this.currentId = currentId;
        Map<String, ThreadLocal<Mac>> macs = new TreeMap<>();
        keys.forEach((id, key) -> macs.put(id, ThreadLocal.withInitial(() -> newMac(key))));
        this.macs = Map.copyOf(macs);
    }

    /** Loads the keys from {@code keyDir}, generating a first key when there is none. */
    static SigningKeys loadOrCreate(Path keyDir, SecureRandom random) throws IOException {
        KeyFile file = KeyFile.loadOrCreate(
                keyDir, FILE_NAME, "CEC Portal cookie signing keys. Keep secret; never commit.", random);
        Map<String, SecretKeySpec> keys = new TreeMap<>();
        file.keys().forEach((id, secret) -> keys.put(id, new SecretKeySpec(secret, ALGORITHM)));
        return new SigningKeys(file.currentId(), keys);
    }

    /** Signs {@code value}: returns {@code value.keyId.signature}. */
    String sign(String value) {
        return value + "." + currentId + "." + mac(currentId, value);
    }

    /** Returns the value of a string made by {@link #sign}, or empty if it was altered or foreign. */
    Optional<String> verify(String signed) {
        if (signed == null) {
            return Optional.empty();
        }
        int sigDot = signed.lastIndexOf('.');
        int idDot = sigDot > 0 ? signed.lastIndexOf('.', sigDot - 1) : -1;
        if (idDot <= 0) {
            return Optional.empty();
        }
        String value = signed.substring(0, idDot);
        String id = signed.substring(idDot + 1, sigDot);
        String sig = signed.substring(sigDot + 1);
        if (!macs.containsKey(id)) {
            return Optional.empty();
        }
        return constantTimeEquals(mac(id, value), sig) ? Optional.of(value) : Optional.empty();
    }

    /** A keyed hash of {@code purpose} and {@code value} with the current key. */
    String derive(String purpose, String value) {
        return mac(currentId, purpose + "|" + value);
    }

    /** Whether {@code candidate} equals {@link #derive} of the arguments under any known key. */
    boolean matchesDerived(String purpose, String value, String candidate) {
        if (candidate == null) {
            return false;
        }
        for (String id : macs.keySet()) {
            if (constantTimeEquals(mac(id, purpose + "|" + value), candidate)) {
                return true;
            }
        }
        return false;
    }

    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private String mac(String id, String value) {
        Mac mac = macs.get(id).get();
        return B64.encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
