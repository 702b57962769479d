package org.cec.portal.launcher;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where the portal runs and on which port, from system properties first, then the environment,
 * then defaults: {@code cec.http.port} / {@code CEC_HTTP_PORT} (8080) and {@code cec.data.dir} /
 * {@code CEC_DATA_DIR} ({@code data/} inside the installation).
 */
record LaunchSettings(Path home, int httpPort, Path dataDir, Path logsDir) {

    static LaunchSettings from(Properties system, Map<String, String> env) {
        Path home = Path.of(first(system.getProperty("cec.home"), env.get("CEC_HOME"), "."))
                .toAbsolutePath()
                .normalize();
        String portText = first(system.getProperty("cec.http.port"), env.get("CEC_HTTP_PORT"), "8080")
                .trim();
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "CEC_HTTP_PORT must be a number between 1 and 65535, not '" + portText + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("CEC_HTTP_PORT must be between 1 and 65535, not " + port);
        }
        Path data = home.resolve(first(system.getProperty("cec.data.dir"), env.get("CEC_DATA_DIR"), "data"))
                .normalize();
        Path logs = home.resolve(first(system.getProperty("cec.logs.dir"), env.get("CEC_LOGS_DIR"), "logs"))
                .normalize();
        return new LaunchSettings(home, port, data, logs);
    }

    private static String first(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c;
            }
        }
        throw new IllegalStateException("no default");
    }
}
