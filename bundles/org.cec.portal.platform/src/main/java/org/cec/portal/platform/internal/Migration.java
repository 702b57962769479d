package org.cec.portal.platform.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned SQL migration of a module.
 *
 * @param version the {@code <n>} of {@code V<n>__<description>.sql}
 * @param description the description part, underscores read as spaces
 * @param script the SQL text
 * @param source where it came from, for messages: {@code db/migration/V2__add_index.sql}
 */
record Migration(int version, String description, String script, String source) {

    private static final Pattern NAME = Pattern.compile("V(\\d+)__(.+)\\.sql");

    Migration {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(source, "source");
    }

    /** A migration from a file name such as {@code V1__event_log.sql}; null if the name does not fit. */
    static Migration fromFile(String fileName, String script, String source) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return null;
        }
        int version;
        try {
            version = Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return null;
        }
        String description = m.group(2).replace('_', ' ');
        if (description.length() > 200) {
            description = description.substring(0, 200);
        }
        return new Migration(version, description, script, source);
    }

    /** SHA-256 of the script with line endings normalised: a changed applied migration is detected. */
    String checksum() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(script.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
