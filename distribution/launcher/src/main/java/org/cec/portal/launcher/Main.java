package org.cec.portal.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Starts the portal: a Felix framework with every feature of {@code bundle/}, in start-level order,
 * in the foreground. SIGTERM (or Ctrl-C) stops the framework cleanly: bundles stop in reverse order
 * and the process exits 0.
 */
public final class Main {

    /** Framework property: the start level at which the portal's pages answer (default 3). */
    static final String PAGES_LEVEL = "cec.launcher.pages.level";

    /** Framework property set by the launcher: the highest start level of any feature. */
    static final String LAST_LEVEL = "cec.launcher.last.level";

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    private Main() {}

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        LaunchSettings settings;
        try {
            settings = LaunchSettings.from(System.getProperties(), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("cec-portal: " + e.getMessage());
            System.exit(2);
            return;
        }
        // The data folder holds personal data and keys: for the portal's own user only, whatever the umask.
        OwnerOnly.directory(settings.dataDir());
        OwnerOnly.restrictTree(settings.dataDir());
        Files.createDirectories(settings.logsDir());
        Files.createDirectories(settings.home().resolve("deploy"));
        System.setProperty("cec.logs.dir", settings.logsDir().toString());
        System.setProperty("cec.home", settings.home().toString());

        List<Feature> features = Feature.readAll(settings.home().resolve("bundle"));
        Map<String, String> props = frameworkProperties(settings, features);
        if (settings.httpsEnabled()) {
            try {
                props.putAll(TlsKeystore.prepare(settings, System.getenv(), System.out)
                        .frameworkProperties(settings));
            } catch (IllegalArgumentException e) {
                System.err.println("cec-portal: " + e.getMessage());
                System.exit(2);
                return;
            }
        }
        Framework framework = new FrameworkFactory().newFramework(props);
        framework.init();
        if (Boolean.getBoolean("cec.launcher.trace")) {
            // Start-up profile: when each bundle reached ACTIVE, in ms since the JVM started the launcher.
            framework.getBundleContext().addBundleListener(event -> {
                if (event.getType() == org.osgi.framework.BundleEvent.STARTED) {
                    System.out.printf(
                            "[trace] %5d ms %s%n",
                            (System.nanoTime() - started) / 1_000_000,
                            event.getBundle().getSymbolicName());
                }
            });
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(framework), "cec-portal-shutdown"));

        // Two phases: the features up to the pages' start level are installed and started first, so
        // the portal answers as early as it can; the later ones (console, data, modules) are
        // installed while the pages already answer, then the framework climbs to the last level.
        int pagesLevel = Integer.parseInt(props.get(Constants.FRAMEWORK_BEGINNING_STARTLEVEL));
        int lastLevel = Integer.parseInt(props.get(LAST_LEVEL));
        List<Bundle> early = install(
                framework,
                features.stream().filter(f -> f.startLevel() <= pagesLevel).toList());
        resolveAll(framework, early);
        startAll(early);
        CountDownLatch reached = new CountDownLatch(1);
        framework.getBundleContext().addFrameworkListener(event -> {
            if (event.getType() == FrameworkEvent.STARTED) {
                reached.countDown();
            }
        });
        framework.start();
        awaitStartLevel(reached, framework, pagesLevel);
        List<Bundle> late = install(
                framework,
                features.stream().filter(f -> f.startLevel() > pagesLevel).toList());
        resolveAll(framework, late);
        startAll(late);
        CountDownLatch climbed = new CountDownLatch(1);
        framework.adapt(FrameworkStartLevel.class).setStartLevel(lastLevel, event -> {
            if (event.getType() == FrameworkEvent.STARTLEVEL_CHANGED) {
                climbed.countDown();
            }
        });
        awaitStartLevel(climbed, framework, lastLevel);
        retryFailedStarts(early);
        retryFailedStarts(late);
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf(
                "CEC Portal started in %d ms: %s (data: %s, deploy: %s)%n",
                ms,
                settings.httpsEnabled()
                        ? "https://localhost:" + settings.httpsPort() + "/ (http://localhost:" + settings.httpPort()
                                + "/ redirects)"
                        : "http://localhost:" + settings.httpPort() + "/",
                settings.dataDir(),
                settings.home().resolve("deploy"));
        FrameworkEvent stopped = framework.waitForStop(0);
        System.exit(stopped.getType() == FrameworkEvent.ERROR ? 1 : 0);
    }

    /** Installs the bundles of {@code features} at their start levels; returns those to start (no fragments). */
    private static List<Bundle> install(Framework framework, List<Feature> features) throws BundleException {
        List<Bundle> toStart = new ArrayList<>();
        for (Feature feature : features) {
            for (Path jar : feature.bundles()) {
                Bundle b;
                try {
                    b = framework.getBundleContext().installBundle("reference:" + jar.toUri());
                } catch (BundleException e) {
                    if (e.getType() != BundleException.DUPLICATE_BUNDLE_ERROR) {
                        throw e;
                    }
                    System.err.printf(
                            "cec-portal: %s of feature %s is already installed by another feature; skipped%n",
                            jar.getFileName(), feature.name());
                    continue;
                }
                b.adapt(BundleStartLevel.class).setStartLevel(feature.startLevelOf(b.getSymbolicName()));
                if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    toStart.add(b);
                }
            }
        }
        return toStart;
    }

    /**
     * Resolves the bundles just installed, on this thread, before the start-level thread starts them.
     * Left to the start-level thread, each start resolves its bundle while holding that bundle's lock;
     * when another thread resolves at the same moment (an extender or a class load of a running bundle)
     * and needs that bundle's lock, Felix breaks the deadlock by interrupting the start-level thread,
     * which then gives up the start with "Unable to acquire global lock for resolve" and prints a stack
     * trace. This thread holds no bundle lock, so resolving here only waits. A bundle that cannot
     * resolve is reported by its start, as before.
     */
    private static void resolveAll(Framework framework, List<Bundle> bundles) {
        framework.adapt(FrameworkWiring.class).resolveBundles(bundles);
    }

    /** Marks the bundles to be started; they start when the framework reaches their start level. */
    private static void startAll(List<Bundle> bundles) throws BundleException {
        for (Bundle b : bundles) {
            b.start();
        }
    }

    /**
     * Starts again, once, the bundles the framework's start-level thread failed to start. With every
     * bundle resolved beforehand ({@link #resolveAll}) this is a fallback: a bundle whose activator loads
     * a class through a dynamic import can still meet Felix's deadlock breaking described there, which
     * says nothing about the bundle; without a second try it would stay resolved and the portal would
     * never become ready. A bundle that really cannot start fails again, and that is printed.
     */
    private static void retryFailedStarts(List<Bundle> bundles) {
        for (Bundle b : bundles) {
            if (b.getState() == Bundle.INSTALLED || b.getState() == Bundle.RESOLVED) {
                try {
                    b.start();
                    System.err.printf("cec-portal: %s started on a second try%n", b.getSymbolicName());
                } catch (BundleException | IllegalStateException e) {
                    System.err.printf("cec-portal: %s cannot start: %s%n", b.getSymbolicName(), e.getMessage());
                }
            }
        }
    }

    /**
     * Waits (a minute at most) until the start-level thread has finished {@code level}: started every
     * bundle of it and of the levels below. Felix reports the new level as soon as it begins a level,
     * before its bundles have started, so polling the level is not enough: installing, resolving or
     * starting bundles from here while that thread still starts them makes the two threads compete
     * for Felix's locks (see {@link #resolveAll}).
     */
    private static void awaitStartLevel(CountDownLatch done, Framework framework, int level)
            throws InterruptedException {
        if (!done.await(60, TimeUnit.SECONDS)) {
            System.err.printf(
                    "cec-portal: start level %d not reached within a minute (now at %d); going on%n",
                    level, framework.adapt(FrameworkStartLevel.class).getStartLevel());
        }
    }

    static Map<String, String> frameworkProperties(LaunchSettings settings, List<Feature> features) throws IOException {
        Properties merged = new Properties();
        Path base = settings.home().resolve("conf").resolve("config.properties");
        if (Files.exists(base)) {
            try (InputStream in = Files.newInputStream(base)) {
                merged.load(in);
            }
        }
        for (Feature f : features) {
            merged.putAll(f.frameworkProperties());
        }
        Map<String, String> vars = new HashMap<>();
        vars.put("cec.home", settings.home().toString());
        vars.put("cec.data.dir", settings.dataDir().toString());
        vars.put("cec.logs.dir", settings.logsDir().toString());
        vars.put("cec.http.port", Integer.toString(settings.httpPort()));
        Map<String, String> props = new HashMap<>();
        for (String name : merged.stringPropertyNames()) {
            props.put(name, substitute(merged.getProperty(name), vars));
        }
        props.putAll(vars);
        props.put("org.osgi.service.http.port", Integer.toString(settings.httpPort()));
        if (!settings.httpHost().isEmpty()) {
            props.put("org.apache.felix.http.host", settings.httpHost());
        }
        if (settings.keysDir() != null) {
            // cookie keys shared by several nodes (read by the web bundle), instead of <data>/keys
            props.put("cec.keys.dir", settings.keysDir().toString());
        }
        // Read by the web bundle: with HTTPS on, plain HTTP is redirected there.
        props.put("cec.https.port", Integer.toString(settings.httpsPort()));
        int maxLevel = features.stream()
                .mapToInt(f -> f.settings().stringPropertyNames().stream()
                        .filter(k -> k.startsWith("start.level"))
                        .mapToInt(k ->
                                Integer.parseInt(f.settings().getProperty(k).trim()))
                        .max()
                        .orElse(f.startLevel()))
                .max()
                .orElse(1);
        int pagesLevel = Integer.parseInt(props.getOrDefault(PAGES_LEVEL, "3"));
        props.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(Math.min(pagesLevel, maxLevel)));
        props.put(LAST_LEVEL, Integer.toString(maxLevel));
        props.put(
                Constants.FRAMEWORK_STORAGE,
                settings.dataDir().resolve("felix-cache").toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.putIfAbsent("felix.cm.dir", settings.dataDir().resolve("config").toString());
        return props;
    }

    static String substitute(String value, Map<String, String> vars) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String replacement = vars.getOrDefault(m.group(1), System.getProperty(m.group(1), m.group()));
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static void stop(Framework framework) {
        try {
            if (framework.getState() == Bundle.ACTIVE || framework.getState() == Bundle.STARTING) {
                framework.stop();
                framework.waitForStop(30_000);
                System.out.println("CEC Portal stopped.");
            }
        } catch (BundleException | InterruptedException e) {
            System.err.println("cec-portal: clean stop failed: " + e.getMessage());
        }
    }
}
