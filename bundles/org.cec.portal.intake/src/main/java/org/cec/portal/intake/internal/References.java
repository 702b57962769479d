package org.cec.portal.intake.internal;

import java.security.SecureRandom;

/**
 * Request references: 20 random characters of Crockford's base32 (100 bits), in groups of four, such
 * as {@code 7KQF-3M9T-XC2D-8RWA-5HNP}. Nobody can guess another homeowner's reference.
 */
final class References {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private final SecureRandom random;

    References(SecureRandom random) {
        this.random = random;
    }

    String next() {
        StringBuilder b = new StringBuilder(24);
        for (int k = 0; k < 20; k++) {
            if (k > 0 && k % 4 == 0) {
                b.append('-');
            }
            b.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return b.toString();
    }

    static boolean looksLikeReference(String s) {
        return s != null && s.matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}");
    }
}
