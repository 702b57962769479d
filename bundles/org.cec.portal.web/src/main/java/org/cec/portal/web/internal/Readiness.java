package org.cec.portal.web.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the portal has finished starting: the framework has reached the last start level the
 * launcher set ({@code cec.launcher.last.level}), every bundle of every feature (those the launcher
 * installed from {@code bundle/}) is active, and every configuration file in {@code etc/} and
 * {@code deploy/} ({@code *.cfg}, {@code *.cfg.json}) has a configuration that names it (so FileInstall
 * or the {@code .cfg.json} installer has applied it), and no component of a feature bundle waits for a
 * service or is still activating, and that has held for {@link #SETTLE_NANOS} (a configuration just
 * applied may still restart its components). Once ready, it stays ready: later changes are the
 * health checks' business. Without the launcher's properties (a test framework) only what is known is checked.
 */
@Component(service = Readiness.class)
public final class Readiness {

    /** Framework property set by the launcher: the highest start level of any feature. */
    static final String LAST_LEVEL = "cec.launcher.last.level";

    /** How long starting may take before the log says what the portal still waits for (and again as often). */
    static final long SLOW_START_NANOS = 30_000_000_000L;

    /** How long nothing may be waited for before the portal counts as started. */
    static final long SETTLE_NANOS = 500_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);
    private static final String FILEINSTALL_FILE = "felix.fileinstall.filename";
    private static final String JSON_CONFIG_FILE = "cec.config.file";

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;
    private final ServiceComponentRuntime scr;
    private volatile boolean ready;
    /** Since when nothing was waited for (0: something was, at the last look). */
    private volatile long clearSince;

    private final long activatedAt = System.nanoTime();
    private long nextSlowStartLog = activatedAt + SLOW_START_NANOS;

    @Activate
    public Readiness(
            BundleContext context, @Reference ConfigurationAdmin configAdmin, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.configAdmin = configAdmin;
        this.scr = scr;
    }

    /** Empty once the portal has started; otherwise what it is still waiting for. */
    Optional<String> pending() {
        if (ready) {
            return Optional.empty();
        }
        Optional<String> waiting =
                level().or(this::inactiveBundle).or(this::unappliedFile).or(this::waitingComponent);
        long now = System.nanoTime();
        if (waiting.isPresent()) {
            clearSince = 0;
            logIfSlow(waiting.get());
            return waiting;
        }
        // A configuration applied a moment ago may still restart its components (Declarative Services
        // reconfigures them asynchronously): ready only when nothing was waited for during SETTLE_NANOS.
        if (clearSince == 0) {
            clearSince = now;
        }
        if (now - clearSince < SETTLE_NANOS) {
            return Optional.of("the components settling after their configuration");
        }
        ready = true;
        return Optional.empty();
    }

    /** Once starting has taken long, says in the log (not on /health) what it waits for, every so often. */
    private synchronized void logIfSlow(String waitingFor) {
        long now = System.nanoTime();
        if (now - nextSlowStartLog < 0) {
            return;
        }
        nextSlowStartLog = now + SLOW_START_NANOS;
        LOG.warn(
                "The portal is still starting after {} s: {} (the health checks in the console say more)",
                (now - activatedAt) / 1_000_000_000L,
                waitingFor);
    }

    private Optional<String> level() {
        String last = context.getProperty(LAST_LEVEL);
        if (last == null) {
            return Optional.empty();
        }
        int now = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION)
                .adapt(FrameworkStartLevel.class)
                .getStartLevel();
        int target = Integer.parseInt(last.trim());
        return now >= target ? Optional.empty() : Optional.of("start level " + now + " of " + target);
    }

    private Optional<String> inactiveBundle() {
        for (Bundle b : featureBundles()) {
            if (b.getState() != Bundle.ACTIVE) {
                return Optional.of("bundle " + b.getSymbolicName() + " is not active yet");
            }
        }
        return Optional.empty();
    }

    /**
     * A component of a feature bundle that still waits for a service (the database a module's pages
     * need, say). A component waiting for a configuration that nobody gave it is not waited for.
     */
    private Optional<String> waitingComponent() {
        List<Bundle> bundles = featureBundles();
        if (bundles.isEmpty()) {
            return Optional.empty();
        }
        for (Bundle b : bundles) {
            // SCR reads a bundle's components after the bundle started: until then it knows none.
            if (b.getHeaders("").get("Service-Component") != null
                    && scr.getComponentDescriptionDTOs(b).isEmpty()) {
                return Optional.of("the components of " + b.getSymbolicName() + " are not loaded yet");
            }
        }
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(bundles.toArray(new Bundle[0]))) {
            if (!scr.isComponentEnabled(d)) {
                continue;
            }
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                    return Optional.of("component " + d.name + " waits for a service");
                }
                if (activating(d, c)) {
                    return Optional.of("component " + d.name + " is still activating");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * An immediate component that is satisfied but not active yet is in its activation: loading data
     * (the directory's demonstration contractors), building an index. Until it returns, what it serves
     * is not there.
     */
    static boolean activating(ComponentDescriptionDTO d, ComponentConfigurationDTO c) {
        return c.state == ComponentConfigurationDTO.SATISFIED && d.immediate && d.factory == null;
    }

    /** The bundles the launcher installed from the features (not fragments); none without the launcher. */
    private List<Bundle> featureBundles() {
        Path home = home();
        if (home == null) {
            return List.of();
        }
        Path features = home.resolve("bundle");
        List<Bundle> bundles = new java.util.ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getHeaders("").get(Constants.FRAGMENT_HOST) == null && isIn(b.getLocation(), features)) {
                bundles.add(b);
            }
        }
        return bundles;
    }

    /** Whether {@code location} is {@code reference:file:...} of a file under {@code folder}. */
    private static boolean isIn(String location, Path folder) {
        if (!location.startsWith("reference:file:")) {
            return false;
        }
        try {
            return Path.of(URI.create(location.substring("reference:".length())))
                    .toAbsolutePath()
                    .normalize()
                    .startsWith(folder);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException notAFile) {
            return false;
        }
    }

    private Optional<String> unappliedFile() {
        Path home = home();
        if (home == null) {
            return Optional.empty();
        }
        Set<Path> applied;
        try {
            applied = appliedFiles();
        } catch (IOException | InvalidSyntaxException e) {
            return Optional.of("configurations cannot be listed: " + e.getMessage());
        }
        for (Path folder : List.of(home.resolve("etc"), home.resolve("deploy"))) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(folder)) {
                Optional<Path> missing = files.filter(Files::isRegularFile)
                        .filter(f -> {
                            String n = f.getFileName().toString();
                            return n.endsWith(".cfg") || n.endsWith(".cfg.json");
                        })
                        .map(f -> f.toAbsolutePath().normalize())
                        .filter(f -> !applied.contains(f))
                        .findFirst();
                if (missing.isPresent()) {
                    return Optional.of("configuration file " + home.relativize(missing.get()) + " is not applied yet");
                }
            } catch (IOException | RuntimeException e) {
                return Optional.of("cannot list " + folder + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** The files that the configurations in ConfigurationAdmin came from. */
    private Set<Path> appliedFiles() throws IOException, InvalidSyntaxException {
        Set<Path> files = new HashSet<>();
        Configuration[] all = configAdmin.listConfigurations(null);
        if (all == null) {
            return files;
        }
        for (Configuration c : all) {
            var props = c.getProperties();
            if (props == null) {
                continue;
            }
            Object json = props.get(JSON_CONFIG_FILE);
            if (json instanceof String path) {
                files.add(Path.of(path).toAbsolutePath().normalize());
            }
            Object fileInstall = props.get(FILEINSTALL_FILE);
            if (fileInstall instanceof String uri) {
                try {
                    files.add(Path.of(URI.create(uri)).toAbsolutePath().normalize());
                } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException notAFile) {
                    // not a file URI: not one of ours
                }
            }
        }
        return files;
    }

    private Path home() {
        String home = context.getProperty("cec.home");
        return home == null ? null : Path.of(home).toAbsolutePath().normalize();
    }
}
