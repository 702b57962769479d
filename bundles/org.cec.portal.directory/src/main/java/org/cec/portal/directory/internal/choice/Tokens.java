package org.cec.portal.directory.internal.choice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The unguessable tokens of the choose and lead links: 32 random bytes, base64url without padding (43
 * characters). Only {@link #hash} of a token is stored, so the database alone does not give the links.
 */
final class Tokens {

    private static final int BYTES = 32;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    Tokens(SecureRandom random) {
        this.random = random;
    }

    /** A new token. */
    String next() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** Whether {@code token} has the shape of a token (anything else is refused without a database look-up). */
    static boolean wellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    /** The stored form of a token: SHA-256 of its characters, base64url (43 characters). */
    static String hash(String token) {
        try {
            return ENCODER.encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The token at the end of a path ({@code /<token>} as the servlet's path info), or empty. */
    static String fromPathInfo(String pathInfo) {
        if (pathInfo == null || pathInfo.length() < 2) {
            return "";
        }
        return pathInfo.substring(1);
    }
}
