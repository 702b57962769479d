package org.cec.portal.itests.pax;

import static org.ops4j.pax.exam.CoreOptions.bootDelegationPackage;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.url;
import static org.ops4j.pax.exam.CoreOptions.workingDirectory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Constants;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * Runs the bundles of the assembled distribution's features ({@code bundle/<feature>/}) in a Felix
 * framework under Pax Exam, each at its feature's start level and with its feature's framework
 * properties, on a free port and with a fresh data folder; tests speak real HTTP to Jetty.
 *
 * <p>{@link #configuration()} runs outside the framework; everything else runs inside it, in the test
 * probe.
 *
 * <p>Pax Exam's bundles are provisioned here, not by Pax Exam's default set ({@code pax.exam.system =
 * default} in {@code exam.properties}), for two reasons. Its default set includes pax-logging-api, which
 * exports a second {@code org.slf4j} next to the portal's slf4j-api 2 (STACK.md pitfall 9); without it,
 * Pax Exam's bundles import {@code org.slf4j} 1.7 from slf4j-api 2, which exports that version too.
 * And its default set starts at level 2, before the portal's logback is up: the first of them to log
 * would settle slf4j on its no-op fallback, and {@code org.apache.felix.logback} then fails to start.
 * Here they start at a level of their own, after every feature, so the portal starts in the same order
 * as in production.
 *
 * <p>The framework runs in the test JVM, so the test class path must not hold the portal's bundles (see
 * {@code itests/pom.xml}): with logback there too, slf4j's provider lookup inside the framework also
 * finds the class path's provider, rejects it ("not a subtype") and falls back to no logging.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public abstract class PortalTestSupport {

    /** The example partner plugin of the distribution, installed by the tests that need it. */
    protected static final String EXAMPLE_PLUGIN = "examples/org.cec.portal.example.hello.jar";

    protected static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    protected static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(15);

    private static final String HTTP_PORT = "org.osgi.service.http.port";
    private static final String DATA_DIR = "cec.data.dir";
    private static final String HOME = "cec.home";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    /**
     * Pax Exam's own bundles (its default set without pax-logging-api, plus the JUnit invoker), named by
     * the link files of pax-exam-link-mvn, which point at mvn: URLs.
     */
    private static final List<String> HARNESS_LINKS = List.of(
            "org.ops4j.base",
            "org.ops4j.pax.swissbox.core",
            "org.ops4j.pax.swissbox.extender",
            "org.ops4j.pax.swissbox.framework",
            "org.ops4j.pax.swissbox.lifecycle",
            "org.ops4j.pax.swissbox.tracker",
            "jakarta.inject-api",
            "org.ops4j.pax.exam",
            "org.ops4j.pax.exam.inject",
            "org.ops4j.pax.extender.service",
            "org.apache.servicemix.bundles.hamcrest",
            "org.apache.servicemix.bundles.junit",
            "org.ops4j.pax.exam.invoker.junit");

    @Inject
    protected BundleContext bundleContext;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** A feature folder of the distribution, read the way the launcher reads it. */
    private record Feature(String name, int startLevel, Properties frameworkProperties, List<Path> bundles) {}

    @Configuration
    public Option[] configuration() throws IOException {
        Path distribution = distribution();
        Path work = Files.createDirectories(
                Path.of(System.getProperty("portal.work", "target/it-work")).toAbsolutePath());
        Path run = Files.createTempDirectory(work, "pax-");
        Map<String, String> variables = Map.of(
                HOME, Files.createDirectories(run.resolve("home")).toString(),
                DATA_DIR, Files.createDirectories(run.resolve("data")).toString());

        List<Feature> features = features(distribution.resolve("bundle"));
        List<Option> options = new ArrayList<>();
        options.add(workingDirectory(run.resolve("exam").toString()));
        for (Feature feature : features) {
            for (String name : feature.frameworkProperties().stringPropertyNames()) {
                // FileInstall would watch the distribution's etc/ and deploy/; the tests install bundles themselves.
                if (!name.startsWith("felix.fileinstall.")) {
                    String value = substitute(feature.frameworkProperties().getProperty(name), variables);
                    options.add(frameworkProperty(name).value(value));
                }
            }
            for (Path jar : feature.bundles()) {
                options.add(bundle(jar.toUri().toString())
                        .startLevel(feature.startLevel())
                        .start(!isFragment(jar)));
            }
        }
        variables.forEach((name, value) -> options.add(frameworkProperty(name).value(value)));
        options.add(frameworkProperty(HTTP_PORT).value(Integer.toString(freePort())));
        options.add(frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"));
        // Without a folder of its own FileInstall would create and watch ./load in the module folder.
        Path load = Files.createDirectories(run.resolve("load"));
        options.add(frameworkProperty("felix.fileinstall.dir").value(load.toString()));
        // The tests read the checks' messages, which /health shows only to configured addresses.
        Map<String, Map<String, String>> configs = new LinkedHashMap<>(configurations());
        configs.putIfAbsent("org.cec.portal.web.health", Map.of("details.allowedAddresses", "127.0.0.1"));
        for (Map.Entry<String, Map<String, String>> config : configs.entrySet()) {
            Properties cfg = new Properties();
            cfg.putAll(config.getValue());
            try (var out = Files.newOutputStream(load.resolve(config.getKey() + ".cfg"))) {
                cfg.store(out, "written by " + getClass().getSimpleName());
            }
        }

        // Pax Exam's bundles come by mvn: URLs, from the local repository only, never from the network.
        options.add(systemProperty("org.ops4j.pax.url.mvn.localRepository").value(localRepository()));
        options.add(
                systemProperty("org.ops4j.pax.url.mvn.useFallbackRepositories").value("false"));
        options.add(systemProperty("org.ops4j.pax.url.mvn.repositories").value(""));
        options.add(systemProperty("org.ops4j.pax.url.mvn.offline").value("true"));
        options.add(systemProperty("logback.configurationFile").value(resource("/logback-pax.xml")));

        // The test harness starts after the whole portal, in a start level of its own (see the class comment).
        int harnessLevel = features.stream().mapToInt(Feature::startLevel).max().orElse(0) + 1;
        options.add(bootDelegationPackage("sun.*"));
        options.add(frameworkStartLevel(Math.max(harnessLevel, Constants.START_LEVEL_TEST_BUNDLE)));
        options.add(systemProperty("pax.exam.invoker").value("junit"));
        for (String link : HARNESS_LINKS) {
            options.add(url("link:classpath:META-INF/links/" + link + ".link").startLevel(harnessLevel));
        }
        // the console sign-in of the plugin test kit (a bundle too), for adminAuthorization() inside the framework
        options.add(bundle(org.cec.portal.plugintest.ConsoleSignIn.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toString())
                .startLevel(harnessLevel));
        return options.toArray(Option[]::new);
    }

    /**
     * Configuration a test class needs, by PID: written as {@code <pid>.cfg} into the folder FileInstall
     * watches before the framework starts, so ConfigAdmin has it shortly after FileInstall starts. Runs
     * outside the framework, like {@link #configuration()}.
     */
    protected Map<String, Map<String, String>> configurations() {
        return Map.of();
    }

    /**
     * Waits until the portal answers {@code /health} with 200 (healthy) and the checks' messages (for
     * this address), failing after {@link #STARTUP_TIMEOUT}.
     */
    @Before
    public void awaitPortalHealthy() {
        awaitResponse("/health", r -> r.statusCode() == 200 && r.body().contains("\"messages\""), STARTUP_TIMEOUT);
    }

    // ---- HTTP, run inside the framework against its Jetty

    protected URI uri(String path) {
        return URI.create("http://127.0.0.1:" + bundleContext.getProperty(HTTP_PORT) + path);
    }

    /**
     * The Authorization value of the first admin ({@code Bearer} with an API token): the first call
     * signs the generated admin in over HTTP as a person would and creates the token on the Staff page
     * (see {@link org.cec.portal.plugintest.ConsoleSignIn}); it is kept in the data folder.
     */
    protected synchronized String adminAuthorization() {
        Path tokenFile = Path.of(bundleContext.getProperty(DATA_DIR), "it-admin-token.txt");
        try {
            if (!Files.exists(tokenFile)) {
                org.cec.portal.plugintest.ConsoleSignIn browser =
                        new org.cec.portal.plugintest.ConsoleSignIn(uri("/"), http);
                browser.firstAdmin(
                        Path.of(bundleContext.getProperty(DATA_DIR), "admin-credentials.txt"),
                        "pax-Console-Pass-2026-long");
                Files.writeString(tokenFile, browser.createToken("admin", "integration tests"));
            }
            return "Bearer " + Files.readString(tokenFile).strip();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /** Posts {@code form} ({@code name, value, name, value, ...}) URL-encoded, with extra request headers. */
    protected HttpResponse<String> postForm(String path, List<String> form, String... headers) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i + 1 < form.size(); i += 2) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(form.get(i), StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(form.get(i + 1), StandardCharsets.UTF_8));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    request.build().method() + " " + request.build().uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Repeats {@code GET path} until a response satisfies {@code expected} and returns it; fails with
     * the last status (or connection error) after {@code timeout}.
     */
    protected HttpResponse<String> awaitResponse(
            String path, Predicate<HttpResponse<String>> expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (true) {
            try {
                HttpResponse<String> response = get(path);
                if (expected.test(response)) {
                    return response;
                }
                last = "HTTP " + response.statusCode() + ": " + abbreviate(response.body());
            } catch (UncheckedIOException notListening) {
                last = notListening.getMessage() + ": " + notListening.getCause();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "GET " + path + " did not answer as expected within " + timeout + "; last: " + last);
            }
            pause();
        }
    }

    // ---- the example partner plugin

    /** Installs and starts the example plugin (unless it is already there) and waits until its page answers. */
    protected Bundle installExamplePlugin() throws BundleException {
        String location = distribution().resolve(EXAMPLE_PLUGIN).toUri().toString();
        Bundle plugin = bundleContext.getBundle(location);
        if (plugin == null) {
            plugin = bundleContext.installBundle(location);
        }
        plugin.start();
        awaitResponse("/partner/hello", r -> r.statusCode() == 200, CHANGE_TIMEOUT);
        return plugin;
    }

    /** Uninstalls the example plugin if it is installed, and waits until its page is gone. */
    protected void uninstallExamplePlugin() throws BundleException {
        Bundle plugin = bundleContext.getBundle(
                distribution().resolve(EXAMPLE_PLUGIN).toUri().toString());
        if (plugin != null) {
            plugin.uninstall();
        }
        awaitResponse("/partner/hello", r -> r.statusCode() == 404, CHANGE_TIMEOUT);
    }

    // ---- helpers

    /** The distribution's bundle jars with their features' start levels, as installed by {@link #configuration()}. */
    protected static Map<Path, Integer> distributionBundles() throws IOException {
        Map<Path, Integer> bundles = new LinkedHashMap<>();
        for (Feature feature : features(distribution().resolve("bundle"))) {
            feature.bundles().forEach(jar -> bundles.put(jar, feature.startLevel()));
        }
        return bundles;
    }

    protected static Path distribution() {
        String dir = System.getProperty("portal.distribution");
        if (dir == null || !Files.isDirectory(Path.of(dir, "bundle"))) {
            throw new IllegalStateException("System property portal.distribution must name the assembled"
                    + " distribution (distribution/target/cec-portal), not " + dir);
        }
        return Path.of(dir).toAbsolutePath().normalize();
    }

    private static List<Feature> features(Path bundleDir) throws IOException {
        List<Feature> features = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(bundleDir)) {
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("feature.properties")))
                    .sorted()
                    .toList()) {
                Properties feature = load(dir.resolve("feature.properties"));
                String level = feature.getProperty("start.level");
                if (level == null) {
                    throw new IOException(dir + "/feature.properties has no start.level");
                }
                List<Path> jars = List.of();
                if (Files.isDirectory(dir.resolve("bundles"))) {
                    try (Stream<Path> files = Files.list(dir.resolve("bundles"))) {
                        jars = files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                                .sorted()
                                .toList();
                    }
                }
                features.add(new Feature(
                        dir.getFileName().toString(),
                        Integer.parseInt(level.trim()),
                        load(dir.resolve("framework.properties")),
                        jars));
            }
        }
        features.sort(Comparator.comparingInt(Feature::startLevel).thenComparing(Feature::name));
        return features;
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            }
        }
        return properties;
    }

    private static String substitute(String value, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(variables.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static boolean isFragment(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest() != null
                    && file.getManifest().getMainAttributes().getValue("Fragment-Host") != null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String localRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null && !configured.isBlank()
                ? configured
                : Path.of(System.getProperty("user.home"), ".m2", "repository").toString();
    }

    private static String resource(String name) {
        URL url = PortalTestSupport.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException(name + " is not on the test class path");
        }
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String body) {
        String oneLine = body.lines().map(String::strip).collect(Collectors.joining(" "));
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
