package org.cec.portal.launcher;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where the portal runs and on which address and ports, from system properties first, then the
 * environment, then defaults: {@code cec.http.port} / {@code CEC_HTTP_PORT} (8080), {@code
 * cec.http.host} / {@code CEC_HTTP_HOST} (every interface), {@code cec.https.port} / {@code
 * CEC_HTTPS_PORT} (none: no HTTPS), {@code cec.data.dir} / {@code CEC_DATA_DIR} ({@code data/}
 * inside the installation), {@code cec.keys.dir} / {@code CEC_KEYS_DIR} (the cookie keys, shared by
 * several nodes; default {@code <data>/keys}), and the HTTPS certificate: {@code CEC_TLS_KEYSTORE} (PKCS#12) or {@code
 * CEC_TLS_CERTIFICATE} + {@code CEC_TLS_KEY} (PEM). Passwords are not settings of this record (it
 * must be safe to print): {@link TlsKeystore} reads them from the environment.
 */
record LaunchSettings(
        Path home,
        int httpPort,
        Path dataDir,
        Path logsDir,
        String httpHost,
        int httpsPort,
        Path tlsKeystore,
        Path tlsCertificate,
        Path tlsKey,
        Path keysDir) {

    static LaunchSettings from(Properties system, Map<String, String> env) {
        Path home = Path.of(first(system.getProperty("cec.home"), env.get("CEC_HOME"), "."))
                .toAbsolutePath()
                .normalize();
        int port = port("CEC_HTTP_PORT", first(system.getProperty("cec.http.port"), env.get("CEC_HTTP_PORT"), "8080"));
        String httpsText = first(system.getProperty("cec.https.port"), env.get("CEC_HTTPS_PORT"), "");
        int httpsPort = httpsText.isEmpty() ? 0 : port("CEC_HTTPS_PORT", httpsText);
        if (httpsPort == port) {
            throw new IllegalArgumentException("CEC_HTTPS_PORT must differ from CEC_HTTP_PORT (" + port + ")");
        }
        String host = first(system.getProperty("cec.http.host"), env.get("CEC_HTTP_HOST"), "")
                .trim();
        if (!host.matches("[A-Za-z0-9.:\\-\\[\\]%]*")) {
            throw new IllegalArgumentException(
                    "CEC_HTTP_HOST must be a host name or an IP address to listen on, not '" + host + "'");
        }
        Path data = home.resolve(first(system.getProperty("cec.data.dir"), env.get("CEC_DATA_DIR"), "data"))
                .normalize();
        Path logs = home.resolve(first(system.getProperty("cec.logs.dir"), env.get("CEC_LOGS_DIR"), "logs"))
                .normalize();
        Path keystore = path(home, first(system.getProperty("cec.tls.keystore"), env.get("CEC_TLS_KEYSTORE"), ""));
        Path certificate =
                path(home, first(system.getProperty("cec.tls.certificate"), env.get("CEC_TLS_CERTIFICATE"), ""));
        Path key = path(home, first(system.getProperty("cec.tls.key"), env.get("CEC_TLS_KEY"), ""));
        if ((certificate == null) != (key == null)) {
            throw new IllegalArgumentException("CEC_TLS_CERTIFICATE and CEC_TLS_KEY go together: set both or neither");
        }
        if (keystore != null && certificate != null) {
            throw new IllegalArgumentException(
                    "Set either CEC_TLS_KEYSTORE or CEC_TLS_CERTIFICATE and CEC_TLS_KEY, not both");
        }
        Path keys = path(home, first(system.getProperty("cec.keys.dir"), env.get("CEC_KEYS_DIR"), ""));
        return new LaunchSettings(home, port, data, logs, host, httpsPort, keystore, certificate, key, keys);
    }

    boolean httpsEnabled() {
        return httpsPort > 0;
    }

    private static int port(String name, String text) {
        int port;
        try {
            port = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number between 1 and 65535, not '" + text + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " must be between 1 and 65535, not " + port);
        }
        return port;
    }

    private static Path path(Path home, String text) {
        return text.isBlank() ? null : home.resolve(text.trim()).normalize();
    }

    private static String first(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c;
            }
        }
        if (candidates.length > 0 && candidates[candidates.length - 1] != null) {
            return candidates[candidates.length - 1];
        }
        throw new IllegalStateException("no default");
    }
}
