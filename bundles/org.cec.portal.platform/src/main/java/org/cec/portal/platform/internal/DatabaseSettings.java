package org.cec.portal.platform.internal;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** The database URL the portal uses, and how it is shown in messages. */
final class DatabaseSettings {

    /**
     * Options of the embedded H2 database. {@code WRITE_DELAY=0}: a commit is on disk when it is
     * acknowledged (H2's default of 500 ms loses acknowledged commits on {@code kill -9}, STACK.md
     * pitfall 11). {@code LOCK_TIMEOUT}: event appends wait for each other's commit (the counter
     * row), longer than H2's default second. {@code DB_CLOSE_ON_EXIT=FALSE}: the framework, not a
     * JVM shutdown hook, closes the database after the bundles have stopped. {@code MODE=LEGACY}:
     * EclipseLink 4.0.9 reads {@code GenerationType.IDENTITY} ids with {@code IDENTITY()}, a function
     * H2 2.x only offers in this mode (H2 2.x has no other SQL for it). The migrations' SQL is the
     * same on PostgreSQL, where the tests run it too, so no H2-only SQL slips in.
     */
    static final String H2_OPTIONS = "MODE=LEGACY;WRITE_DELAY=0;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE";

    private static final Pattern URL_SECRET = Pattern.compile("(?i)(password|passwd|pwd|sslpassword)=[^&;]*");

    private DatabaseSettings() {}

    /** The default database: H2 in file mode at {@code <data dir>/db/portal}. */
    static String defaultUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("db").resolve("portal").toAbsolutePath() + ";" + H2_OPTIONS;
    }

    /** The URL without any password parameter, for logs and health checks. */
    static String safeUrl(String url) {
        return URL_SECRET.matcher(url).replaceAll("$1=***");
    }

    /** A message without the password, should a driver ever repeat it. */
    static String safeMessage(String message, String password) {
        if (message == null) {
            return "";
        }
        String safe = URL_SECRET.matcher(message).replaceAll("$1=***");
        if (password != null && password.length() >= 3) {
            safe = safe.replace(password, "***");
        }
        return safe;
    }
}
