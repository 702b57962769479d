package org.cec.portal.intake.internal;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Request references: 20 characters of Crockford's base32 in groups of four, such as {@code
 * 1KQF-3M9T-XC2D-8RWA-5HNP}. The first 8 characters count hundredths of a second since 1970 (good
 * until the 2300s), the last 12 are random (60 bits from a {@link SecureRandom}).
 *
 * <p>Nobody can guess another homeowner's reference: knowing the moment of a request to the hundredth
 * of a second still leaves 2<sup>60</sup> possibilities. The time comes first so that new references
 * sort after older ones: the unique index on them then grows at its end, like the id, instead of
 * touching (and checking) a random page of the index for every submission, which under load was the
 * largest single cost of storing a request.
 */
final class References {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int TIME_CHARS = 8;
    private static final int RANDOM_CHARS = 12;

    private final SecureRandom random;
    private final Clock clock;

    References(SecureRandom random) {
        this(random, Clock.systemUTC());
    }

    References(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    String next() {
        char[] chars = new char[TIME_CHARS + RANDOM_CHARS];
        long time = clock.millis() / 10;
        for (int k = TIME_CHARS - 1; k >= 0; k--) {
            chars[k] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        byte[] bytes = new byte[RANDOM_CHARS];
        random.nextBytes(bytes);
        for (int k = 0; k < RANDOM_CHARS; k++) {
            chars[TIME_CHARS + k] = ALPHABET[bytes[k] & 31];
        }
        StringBuilder b = new StringBuilder(24);
        for (int k = 0; k < chars.length; k++) {
            if (k > 0 && k % 4 == 0) {
                b.append('-');
            }
            b.append(chars[k]);
        }
        return b.toString();
    }

    static boolean looksLikeReference(String s) {
        return s != null && s.matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}");
    }
}
