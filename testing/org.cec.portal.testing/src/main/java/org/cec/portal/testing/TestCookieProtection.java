package org.cec.portal.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.cec.portal.api.web.CookieProtection;

/**
 * A {@link CookieProtection} for unit tests, in the portal's formats: signed values are {@code
 * value.k1.mac} (HMAC-SHA256, base64url), sealed values base64url(12-byte IV, AES-256-GCM cipher
 * text). Both keys derive from one secret: two instances with different secrets behave like two
 * installations (neither accepts the other's cookies). The portal's own implementation, with key files
 * and rotation, is internal to the web bundle.
 */
public final class TestCookieProtection implements CookieProtection {

    private static final String KEY_ID = "k1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec macKey;
    private final SecretKeySpec aesKey;
    private final SecureRandom random = new SecureRandom();

    /** Keys derived from {@code secret}. */
    public TestCookieProtection(String secret) {
        byte[] seed = sha256(secret.getBytes(StandardCharsets.UTF_8));
        this.macKey = new SecretKeySpec(sha256(concat(seed, "mac")), "HmacSHA256");
        this.aesKey = new SecretKeySpec(sha256(concat(seed, "aes")), "AES");
    }

    /** Keys of their own: another installation. */
    public static TestCookieProtection random() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new TestCookieProtection(Base64.getEncoder().encodeToString(secret));
    }

    @Override
    public String sign(String value) {
        return value + "." + KEY_ID + "." + mac(value);
    }

    @Override
    public Optional<String> verify(String signed) {
        if (signed == null) {
            return Optional.empty();
        }
        int sig = signed.lastIndexOf('.');
        int kid = sig > 0 ? signed.lastIndexOf('.', sig - 1) : -1;
        if (kid <= 0 || !KEY_ID.equals(signed.substring(kid + 1, sig))) {
            return Optional.empty();
        }
        String value = signed.substring(0, kid);
        return MessageDigest.isEqual(
                        mac(value).getBytes(StandardCharsets.UTF_8),
                        signed.substring(sig + 1).getBytes(StandardCharsets.UTF_8))
                ? Optional.of(value)
                : Optional.empty();
    }

    @Override
    public String seal(String value) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(TAG_BITS, iv));
            byte[] ct = c.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(ByteBuffer.allocate(IV_BYTES + ct.length)
                            .put(iv)
                            .put(ct)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<String> unseal(String sealed) {
        if (sealed == null) {
            return Optional.empty();
        }
        try {
            byte[] all = Base64.getUrlDecoder().decode(sealed);
            if (all.length < IV_BYTES + TAG_BITS / 8) {
                return Optional.empty();
            }
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, aesKey, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            return Optional.of(new String(c.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private String mac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(macKey);
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] seed, String label) {
        byte[] l = label.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(seed.length + l.length).put(seed).put(l).array();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
