package org.cec.portal.admin.internal.factor;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * Time-based one-time passwords (RFC 6238) as authenticator apps compute them: HMAC-SHA1, 30-second
 * steps, six digits. The codes come from java-otp; this class adds the secret, its text and URI, and
 * what a server must check besides the code: one step of clock drift either way, and no step used twice.
 */
public final class Totp {

    private static final Duration STEP = Duration.ofSeconds(30);
    private static final TimeBasedOneTimePasswordGenerator CODES = new TimeBasedOneTimePasswordGenerator(STEP, 6);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base32 BASE32 = new Base32();

    private Totp() {}

    /** A new random secret of 160 bits (RFC 4226's recommendation), as base32 text without padding. */
    public static String newSecret() {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        return BASE32.encodeToString(secret).replace("=", "");
    }

    /** The {@code otpauth://} URI an authenticator app reads from the QR code. */
    public static String uri(String issuer, String account, String secret) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=6&period=30";
    }

    /**
     * The time step whose code {@code code} is, checking the steps just before, at and just after
     * {@code now}; only steps after {@code lastUsedStep} count, so a code cannot be replayed. Spaces
     * in the code are ignored; anything but six digits is refused.
     */
    public static OptionalLong verify(String secret, String code, Instant now, long lastUsedStep) {
        String typed = code == null ? "" : code.replace(" ", "");
        if (!typed.matches("[0-9]{6}")) {
            return OptionalLong.empty();
        }
        SecretKeySpec key = new SecretKeySpec(BASE32.decode(secret), "HmacSHA1");
        long current = now.getEpochSecond() / STEP.getSeconds();
        long found = -1;
        for (long step = current - 1; step <= current + 1; step++) {
            String expected = codeAt(key, step);
            // every step is compared, in constant time, so the answer's timing tells nothing
            if (MessageDigest.isEqual(
                            expected.getBytes(StandardCharsets.US_ASCII), typed.getBytes(StandardCharsets.US_ASCII))
                    && step > lastUsedStep) {
                found = step;
            }
        }
        return found < 0 ? OptionalLong.empty() : OptionalLong.of(found);
    }

    private static String codeAt(SecretKeySpec key, long step) {
        try {
            return CODES.generateOneTimePasswordString(
                    key, Instant.ofEpochSecond(step * STEP.getSeconds()), Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("invalid TOTP secret", e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
