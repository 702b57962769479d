package org.cec.portal.itests.distribution;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cec.portal.itests.support.PostgresSchema;

/**
 * The assembled distribution, copied to a folder of its own and started with {@code bin/cec-portal}
 * as a separate process on a free port and a fresh data folder: exactly what an operator runs.
 */
public final class RunningPortal implements AutoCloseable {

    final Path home;
    final Path dataDir;
    final Path log;
    final int port;
    final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Process process;
    final long startedAtNanos;
    /** Extra environment of the process (such as CEC_HTTPS_PORT), kept for {@link #restart}. */
    final Map<String, String> env;
    /** The HTTPS port, or 0 when the portal runs without HTTPS. */
    final int httpsPort;

    private HttpClient https;

    private RunningPortal(
            Path home,
            Path dataDir,
            int port,
            Process process,
            Path log,
            long startedAtNanos,
            Map<String, String> env) {
        this.home = home;
        this.dataDir = dataDir;
        this.port = port;
        this.process = process;
        this.log = log;
        this.startedAtNanos = startedAtNanos;
        this.env = env;
        this.httpsPort = Integer.parseInt(env.getOrDefault("CEC_HTTPS_PORT", "0"));
    }

    /** Changes made to the copied installation before its first start, such as a file in {@code etc/}. */
    @FunctionalInterface
    public interface Setup {
        void prepare(Path home) throws Exception;
    }

    /** Copies the distribution under {@code portal.work/<name>} and starts it; waits until /health answers. */
    public static RunningPortal start(String name) throws Exception {
        return start(name, home -> {});
    }

    /** Like {@link #start(String)}, letting {@code setup} change the copied installation before it starts. */
    public static RunningPortal start(String name, Setup setup) throws Exception {
        return start(name, setup, Map.of());
    }

    /** Like {@link #start(String, Setup)}, with {@code env} added to the process's environment. */
    static RunningPortal start(String name, Setup setup, Map<String, String> env) throws Exception {
        RunningPortal portal = startWithoutWaiting(name, setup, env);
        portal.awaitHealthy(Duration.ofSeconds(60));
        return portal;
    }

    /** Like {@link #start(String, Setup)}, but returns as soon as the process runs (nothing may answer yet). */
    static RunningPortal startWithoutWaiting(String name, Setup setup) throws Exception {
        return startWithoutWaiting(name, setup, Map.of());
    }

    private static RunningPortal startWithoutWaiting(String name, Setup setup, Map<String, String> env)
            throws Exception {
        Path dist = Path.of(System.getProperty("portal.distribution", "../distribution/target/cec-portal"));
        if (!Files.isExecutable(dist.resolve("bin/cec-portal"))) {
            throw new IllegalStateException(
                    "No assembled distribution at " + dist.toAbsolutePath() + ": run mvn install first");
        }
        Path work =
                Path.of(System.getProperty("portal.work", "target/it-work")).resolve(name + "-" + System.nanoTime());
        Path home = work.resolve("cec-portal");
        copyTree(dist, home);
        setup.prepare(home);
        return launch(home, work.resolve("data"), freePort(), work.resolve("portal.out"), env, false);
    }

    /**
     * Starts the same installation with the same data folder again, after this process ended (by
     * {@link #terminate} or {@link #kill}); its output goes to a new log file beside the first.
     */
    RunningPortal restart() throws Exception {
        return restart(Map.of());
    }

    /** Like {@link #restart()}, with more environment variables for the process (such as {@code JAVA_OPTS}). */
    RunningPortal restart(Map<String, String> more) throws Exception {
        if (process.isAlive()) {
            throw new IllegalStateException("The portal is still running: stop it before restarting");
        }
        Map<String, String> environment = new java.util.HashMap<>(env);
        environment.putAll(more);
        return launch(
                home,
                dataDir,
                freePort(),
                log.resolveSibling("portal-restart-" + System.nanoTime() + ".out"),
                Map.copyOf(environment),
                true);
    }

    private static RunningPortal launch(
            Path home, Path data, int port, Path log, Map<String, String> env, boolean await) throws Exception {
        // Under umask 022, as from a usual login shell: the portal must keep its data private itself.
        ProcessBuilder pb = new ProcessBuilder(
                        "/bin/sh",
                        "-c",
                        "umask 022 && exec \"$0\"",
                        home.resolve("bin/cec-portal").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("CEC_HTTP_PORT", Integer.toString(port));
        pb.environment().put("CEC_DATA_DIR", data.toString());
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        RunningPortal portal = new RunningPortal(home, data, port, pb.start(), log, t0, env);
        if (await) {
            portal.awaitHealthy(Duration.ofSeconds(60));
        }
        return portal;
    }

    /** The first admin's password after the tests' sign-in changed it (the generated one is then gone). */
    static final String ADMIN_PASSWORD = "it-Console-Pass-2026-long";

    /**
     * The Authorization value of the first admin for the console: {@code Bearer} with an API token.
     * The first call signs the generated admin in over HTTP as a person would (sign-in, new password,
     * second factor) and creates the token on the Staff page; it is kept beside the data folder, so a
     * restarted portal of the same data folder uses it too.
     */
    public synchronized String adminAuthorization() throws IOException {
        Path tokenFile = dataDir.resolveSibling("it-admin-token.txt");
        if (!Files.exists(tokenFile)) {
            try {
                org.cec.portal.plugintest.ConsoleSignIn browser =
                        new org.cec.portal.plugintest.ConsoleSignIn(uri("/"), http);
                org.cec.portal.plugintest.ConsoleSignIn.Admin admin =
                        browser.firstAdmin(dataDir.resolve("admin-credentials.txt"), ADMIN_PASSWORD);
                Files.writeString(dataDir.resolveSibling("it-admin-totp.txt"), admin.totpSecret());
                Files.writeString(tokenFile, browser.createToken("admin", "integration tests"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        return "Bearer " + Files.readString(tokenFile).strip();
    }

    /**
     * Drops {@code content} into {@code deploy/} as {@code fileName}, written beside it first and then
     * moved in at once, so FileInstall never sees half a file; returns the deployed file.
     */
    Path deploy(String fileName, byte[] content) throws IOException {
        Path tmp = home.resolve(fileName + ".tmp");
        Files.write(tmp, content);
        Path target = home.resolve("deploy").resolve(fileName);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    public URI uri(String path) {
        return URI.create("http://" + env.getOrDefault("CEC_HTTP_HOST", "127.0.0.1") + ":" + port + path);
    }

    /** The portal's embedded H2 database, for reading what it stored (only a stopped portal lets go of the file). */
    Connection h2() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:h2:file:" + dataDir.resolve("db/portal").toAbsolutePath() + ";MODE=LEGACY;IFEXISTS=TRUE",
                "sa",
                "");
    }

    /** The portal's database: {@code pg}'s schema when it runs on PostgreSQL (null: none), else its H2 file. */
    Connection database(PostgresSchema pg) throws SQLException {
        return pg != null ? pg.connect() : h2();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code https://localhost:<https port><path>} (the self-signed certificate names localhost). */
    URI secureUri(String path) {
        return URI.create("https://localhost:" + httpsPort + path);
    }

    /**
     * A client over HTTPS that trusts the certificate the portal generated in its data folder
     * ({@code tls/self-signed.crt}), and nothing else.
     */
    synchronized HttpClient https() throws IOException {
        if (https == null) {
            https = HttpClient.newBuilder()
                    .sslContext(trusting(dataDir.resolve("tls/self-signed.crt")))
                    .connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return https;
    }

    static javax.net.ssl.SSLContext trusting(Path certificate) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(certificate)) {
            java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(
                    "portal",
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    void awaitHealthy(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The portal exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                // healthy, and every start level reached (the console's bundles, the admin's credentials)
                if (output().contains("CEC Portal started in") && health() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("The portal did not become healthy in " + timeout + ":\n" + diagnostics());
    }

    private int health() throws IOException, InterruptedException {
        if (httpsPort == 0) {
            return get("/health").statusCode();
        }
        return https().send(HttpRequest.newBuilder(secureUri("/health")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    public String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /**
     * For a test that failed on a portal that hangs: the last lines of its output and, while it runs,
     * a dump of its threads ({@code jcmd Thread.print}), so that CI's report shows where it waits.
     */
    String diagnostics() throws IOException {
        java.util.List<String> lines = output().lines().toList();
        StringBuilder text = new StringBuilder("--- last lines of the portal's output:\n");
        lines.subList(Math.max(0, lines.size() - 80), lines.size())
                .forEach(l -> text.append(l).append('\n'));
        if (process.isAlive()) {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            try {
                Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                        .redirectErrorStream(true)
                        .start();
                String threads =
                        new String(dump.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                dump.waitFor(30, TimeUnit.SECONDS);
                text.append("--- its threads:\n").append(threads);
            } catch (IOException | InterruptedException noDump) {
                text.append("--- no thread dump: ").append(noDump);
            }
        }
        return text.toString();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGTERM and waits for the process to end; returns its exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("The portal did not stop within " + timeout + " of SIGTERM");
        }
        return process.exitValue();
    }

    /**
     * Kills the process with SIGKILL ({@code kill -9}: {@code bin/cec-portal} execs the JVM, so this is
     * the JVM itself), giving it no chance to stop anything, and waits until it is gone.
     */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The portal did not die within 30 s of SIGKILL");
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            terminate(Duration.ofSeconds(30));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
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
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
