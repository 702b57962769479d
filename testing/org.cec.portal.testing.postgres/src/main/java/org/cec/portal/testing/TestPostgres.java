package org.cec.portal.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server of a test run: the one named by {@code CEC_TEST_PG_URL},
 * {@code CEC_TEST_PG_USER}, {@code CEC_TEST_PG_PASSWORD} (system properties {@code cec.test.pg.url},
 * {@code .user}, {@code .password} win), or else a throwaway cluster started once per JVM by the
 * repository's {@code .ci/postgres.sh} (which installs Debian's package when the machine has no
 * server) and stopped when the JVM ends. So {@code mvn -B verify} needs no set-up of its own.
 *
 * <p>With {@code -Dcec.test.pg.optional=true} and no server named, PostgreSQL tests are skipped
 * instead: a PostgreSQL test that silently does not run proves nothing, so that is never the default.
 */
public final class TestPostgres {

    /** Where to connect. */
    public record Server(String url, String user, String password) {}

    private static Server started;

    private TestPostgres() {}

    /** The server for this test run; aborts the test only when told PostgreSQL is optional. */
    public static synchronized Server server() throws IOException, InterruptedException {
        String url = setting("cec.test.pg.url", "CEC_TEST_PG_URL");
        if (url != null) {
            return new Server(
                    url,
                    setting("cec.test.pg.user", "CEC_TEST_PG_USER"),
                    setting("cec.test.pg.password", "CEC_TEST_PG_PASSWORD"));
        }
        if (Boolean.getBoolean("cec.test.pg.optional")) {
            Assumptions.abort("No PostgreSQL named (CEC_TEST_PG_URL) and -Dcec.test.pg.optional=true: skipped");
        }
        if (started == null) {
            started = startThrowaway();
        }
        return started;
    }

    private static Server startThrowaway() throws IOException, InterruptedException {
        Path script = findScript();
        Path out = Files.createTempFile("cec-pg", ".env");
        Process p = new ProcessBuilder("bash", script.toString())
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(script + " could not start a PostgreSQL server");
        }
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            if (line.startsWith("export ") && line.contains("=")) {
                String assignment = line.substring("export ".length());
                int eq = assignment.indexOf('=');
                values.put(assignment.substring(0, eq), assignment.substring(eq + 1));
            }
        }
        Files.deleteIfExists(out);
        String stop = values.get("CEC_TEST_PG_STOP");
        if (stop != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    new ProcessBuilder("bash", stop).inheritIO().start().waitFor(60, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException e) {
                    // the cluster lives in a temporary folder; nothing else to do
                }
            }));
        }
        if (values.get("CEC_TEST_PG_URL") == null) {
            throw new IOException(script + " printed no CEC_TEST_PG_URL");
        }
        return new Server(
                values.get("CEC_TEST_PG_URL"), values.get("CEC_TEST_PG_USER"), values.get("CEC_TEST_PG_PASSWORD"));
    }

    private static Path findScript() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve(".ci/postgres.sh");
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        throw new IOException("No .ci/postgres.sh above " + Path.of("").toAbsolutePath());
    }

    private static String setting(String property, String env) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? null : value;
    }
}
