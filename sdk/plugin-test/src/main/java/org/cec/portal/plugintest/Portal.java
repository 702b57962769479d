package org.cec.portal.plugintest;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A CEC Portal running as a separate process, as an operator runs it: the distribution copied to a
 * folder of its own, {@code bin/cec-portal} started on a free port of 127.0.0.1 with a fresh data folder
 * (embedded H2), and the plugins dropped into {@code deploy/} before the start. {@link #start} returns
 * when the portal is healthy and every plugin is active ({@code Plugin <symbolic name>} is OK on
 * {@code /health}).
 */
public final class Portal implements AutoCloseable {

    private static final String STARTED = "CEC Portal started in";

    private final Path home;
    private final Path dataDir;
    private final Path log;
    private final int port;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private ConsoleCredentials console;

    private Portal(Path home, Path dataDir, Path log, int port, Process process) {
        this.home = home;
        this.dataDir = dataDir;
        this.log = log;
        this.port = port;
        this.process = process;
    }

    /**
     * Copies the distribution of {@code settings} under its work folder as {@code name}, deploys the
     * plugins, starts it and waits until it and the plugins are up.
     */
    public static Portal start(PortalSettings settings, String name) throws IOException, InterruptedException {
        if (!Files.isRegularFile(settings.home().resolve("bin/cec-portal"))) {
            throw new IllegalStateException("No CEC Portal distribution at "
                    + settings.home().toAbsolutePath()
                    + " (set cec.portal.home, or unpack org.cec.portal:cec-portal-distribution:zip:dist there)");
        }
        Path work = settings.work().resolve(name + "-" + System.nanoTime());
        Path home = work.resolve("cec-portal");
        copyTree(settings.home(), home);
        List<String> plugins = new ArrayList<>();
        for (Path jar : settings.plugins()) {
            plugins.add(symbolicName(jar));
            Files.copy(jar, home.resolve("deploy").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        for (var configuration : settings.configurations().entrySet()) {
            Files.writeString(
                    home.resolve("etc").resolve(configuration.getKey() + ".cfg.json"), configuration.getValue());
        }
        // the checks' details (which plugin is up) for this machine only, as an operator would allow them
        Files.writeString(
                home.resolve("etc/org.cec.portal.web.health.cfg.json"),
                "{ \"details.allowedAddresses\": [\"127.0.0.1\", \"::1\"] }\n");
        Path data = work.resolve("data");
        Path log = work.resolve("portal.out");
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder(
                        "bash", home.resolve("bin/cec-portal").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("CEC_HTTP_PORT", Integer.toString(port));
        pb.environment().put("CEC_HTTP_HOST", "127.0.0.1");
        pb.environment().put("CEC_DATA_DIR", data.toString());
        Portal portal = new Portal(home, data, log, port, pb.start());
        try {
            portal.awaitUp(plugins, settings.startTimeout());
        } catch (IOException | InterruptedException | RuntimeException e) {
            portal.close();
            throw e;
        }
        return portal;
    }

    /** {@code http://127.0.0.1:<port>/}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** {@code path} on this portal. */
    public URI uri(String path) {
        return baseUri().resolve(path);
    }

    /** A new visitor without cookies. */
    public PortalClient newVisitor() {
        return new PortalClient(baseUri(), http);
    }

    /**
     * The first admin, signed in at the first call as a person would (the generated password from
     * {@code admin-credentials.txt}, a new password, the second factor's enrolment), with an API token.
     */
    public synchronized ConsoleCredentials console() throws IOException, InterruptedException {
        if (console == null) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String password = "Kit-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            ConsoleSignIn browser = new ConsoleSignIn(baseUri(), http);
            ConsoleSignIn.Admin admin = browser.firstAdmin(dataDir.resolve("admin-credentials.txt"), password);
            String token = browser.createToken("admin", "plugin tests");
            console = new ConsoleCredentials("admin", password, admin.totpSecret(), admin.recoveryCodes(), token);
        }
        return console;
    }

    /** The copied installation ({@code bin/}, {@code etc/}, {@code deploy/}, {@code logs/}). */
    public Path home() {
        return home;
    }

    /** The data folder (database, keys, the first admin's credentials). */
    public Path dataDir() {
        return dataDir;
    }

    /** Everything the portal wrote to its console so far. */
    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /**
     * Drops {@code jar} into {@code deploy/} while the portal runs (written beside it and moved in at
     * once, so the portal never sees half a file); the portal installs or updates it within seconds.
     */
    public Path deploy(Path jar) throws IOException {
        Path tmp = home.resolve(jar.getFileName() + ".tmp");
        Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
        return Files.move(
                tmp,
                home.resolve("deploy").resolve(jar.getFileName()),
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** GETs {@code path} without cookies. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stops the portal with SIGTERM, as an operator would, and waits for it to end. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private void awaitUp(List<String> plugins, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The portal exited with " + process.exitValue() + ":\n" + tail());
            }
            if (log().contains(STARTED)) {
                try {
                    HttpResponse<String> health = get("/health");
                    last = health.statusCode() + " " + health.body();
                    if (health.statusCode() == 200 && plugins.stream().allMatch(p -> isUp(health.body(), p))) {
                        return;
                    }
                } catch (IOException notYet) {
                    last = notYet.toString();
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("The portal or its plugins " + plugins + " were not up within " + timeout
                + "\n--- /health: " + last + "\n" + tail());
    }

    /** The plugin's check is OK: "Plugin <name>", or "Module <name>" for a bundle named like the portal's own. */
    private static boolean isUp(String health, String plugin) {
        return health.contains("\"name\":\"Plugin " + plugin + "\",\"status\":\"OK\"")
                || health.contains("\"name\":\"Module " + plugin + "\",\"status\":\"OK\"");
    }

    private String tail() throws IOException {
        List<String> lines = log().lines().toList();
        return "--- last lines of the portal's output:\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static String symbolicName(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            String bsn = file.getManifest() == null
                    ? null
                    : file.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
            if (bsn == null) {
                throw new IllegalArgumentException(jar + " is not an OSGi bundle (no Bundle-SymbolicName)");
            }
            return bsn.split(";", 2)[0].strip();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    try (InputStream in = Files.newInputStream(source)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
    }
}
