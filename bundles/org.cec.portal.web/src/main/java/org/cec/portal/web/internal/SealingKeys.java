package org.cec.portal.web.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM keys for cookie values that must stay confidential, in
 * {@code <data>/keys/cookie-encryption.properties} (owner read/write only). A sealed value is
 * {@code keyId.base64url(iv | ciphertext+tag)}; the key id is authenticated as associated data.
 */
final class SealingKeys {

    static final String FILE_NAME = "cookie-encryption.properties";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    /**
     * One cipher per thread, initialised anew (with a fresh IV, or the sealed value's) for each use:
     * looking a cipher up costs more than decrypting a cookie or a mail token.
     */
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    });

    private final String currentId;
    private final Map<String, SecretKeySpec> keys;
    private final SecureRandom random;

    private SealingKeys(String currentId, Map<String, SecretKeySpec> keys, SecureRandom random) {
        this.currentId = currentId;
        this.keys = Map.copyOf(keys);
        this.random = random;
    }

    static SealingKeys loadOrCreate(Path keyDir, SecureRandom random) throws IOException {
        KeyFile file = KeyFile.loadOrCreate(
                keyDir, FILE_NAME, "CEC Portal cookie encryption keys. Keep secret; never commit.", random);
        Map<String, SecretKeySpec> keys = new TreeMap<>();
        file.keys().forEach((id, secret) -> keys.put(id, new SecretKeySpec(secret, "AES")));
        return new SealingKeys(file.currentId(), keys, random);
    }

    String seal(String value) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(currentId.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return currentId + "."
                    + B64.encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                            .put(iv)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    Optional<String> unseal(String sealed) {
        if (sealed == null) {
            return Optional.empty();
        }
        int dot = sealed.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String id = sealed.substring(0, dot);
        SecretKeySpec key = keys.get(id);
        if (key == null) {
            return Optional.empty();
        }
        try {
            byte[] bytes = B64D.decode(sealed.substring(dot + 1));
            if (bytes.length < IV_BYTES + TAG_BITS / 8) {
                return Optional.empty();
            }
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(id.getBytes(StandardCharsets.US_ASCII));
            byte[] plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | GeneralSecurityException tamperedOrForeign) {
            return Optional.empty();
        }
    }
}
