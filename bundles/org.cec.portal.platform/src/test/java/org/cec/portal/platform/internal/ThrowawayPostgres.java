package org.cec.portal.platform.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server for the tests when none is named: {@code .ci/postgres.sh} of the repository
 * starts a throwaway cluster (installing Debian's package when the machine has no server) and this
 * class stops it when the test JVM ends. So {@code mvn -B verify} needs no set-up of its own.
 */
final class ThrowawayPostgres {

    private static Map<String, String> settings;

    private ThrowawayPostgres() {}

    /** CEC_TEST_PG_URL, CEC_TEST_PG_USER, CEC_TEST_PG_PASSWORD of a server started for this JVM. */
    static synchronized Map<String, String> settings() throws IOException, InterruptedException {
        if (settings != null) {
            return settings;
        }
        Path script = findScript();
        Path out = Files.createTempFile("cec-pg", ".env");
        Process p = new ProcessBuilder("bash", script.toString())
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(script + " could not start a PostgreSQL server (exit " + p.exitValue() + ")");
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
        settings = Map.copyOf(values);
        return settings;
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
}
