package org.cec.portal.admin.internal.factor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * One-time recovery codes of the second factor: {@code xxxx-xxxx-xx} from Crockford's base32 alphabet
 * (no I, L, O, U), 50 random bits each. They are stored as SHA-256 hashes: being random, they need no
 * slow hash. Typing is forgiving: case, spaces and dashes do not matter, and O/I/L read as 0/1/1.
 */
public final class RecoveryCodes {

    private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {}

    /** {@code n} new codes. */
    public static List<String> generate(int n) {
        List<String> codes = new ArrayList<>(n);
        while (codes.size() < n) {
            StringBuilder sb = new StringBuilder(12);
            for (int i = 0; i < 10; i++) {
                if (i == 4 || i == 8) {
                    sb.append('-');
                }
                sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            String code = sb.toString();
            if (!codes.contains(code)) {
                codes.add(code);
            }
        }
        return codes;
    }

    /** Whether {@code typed} has the shape of a recovery code (and not of a six-digit TOTP code). */
    public static boolean looksLikeCode(String typed) {
        return typed != null && normalise(typed).length() == 10;
    }

    /** The hash under which a code is stored, of the code as typed. */
    public static String hash(String typed) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(normalise(typed).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String normalise(String typed) {
        String s = typed.toLowerCase(Locale.ROOT).replace("-", "").replace(" ", "");
        s = s.replace('o', '0').replace('i', '1').replace('l', '1');
        for (int i = 0; i < s.length(); i++) {
            if (ALPHABET.indexOf(s.charAt(i)) < 0) {
                return "";
            }
        }
        return s;
    }
}
