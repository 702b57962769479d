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

/**
 * Whether the portal has finished starting: the framework has reached the last start level the
 * launcher set ({@code cec.launcher.last.level}), every bundle of every feature (those the launcher
 * installed from {@code bundle/}) is active, and every configuration file in {@code etc/} and
 * {@code deploy/} ({@code *.cfg}, {@code *.cfg.json}) has a configuration that names it (so FileInstall
 * or the {@code .cfg.json} installer has applied it). Once ready, it stays ready: later changes are the
 * health checks' business. Without the launcher's properties (a test framework) only what is known is checked.
 */
@Component(service = Readiness.class)
public final class Readiness {

    /** Framework property set by the launcher: the highest start level of any feature. */
    static final String LAST_LEVEL = "cec.launcher.last.level";

    private static final String FILEINSTALL_FILE = "felix.fileinstall.filename";
    private static final String JSON_CONFIG_FILE = "cec.config.file";

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;
    private volatile boolean ready;

    @Activate
    public Readiness(BundleContext context, @Reference ConfigurationAdmin configAdmin) {
        this.context = context;
        this.configAdmin = configAdmin;
    }

    /** Empty once the portal has started; otherwise what it is still waiting for. */
    Optional<String> pending() {
        if (ready) {
            return Optional.empty();
        }
        Optional<String> waiting = level().or(this::inactiveBundle).or(this::unappliedFile);
        if (waiting.isEmpty()) {
            ready = true;
        }
        return waiting;
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
        Path home = home();
        if (home == null) {
            return Optional.empty();
        }
        String features = home.resolve("bundle").toUri().toString();
        String prefix = "reference:" + (features.endsWith("/") ? features : features + "/");
        for (Bundle b : context.getBundles()) {
            if (b.getLocation().startsWith(prefix)
                    && b.getHeaders("").get(Constants.FRAGMENT_HOST) == null
                    && b.getState() != Bundle.ACTIVE) {
                return Optional.of("bundle " + b.getSymbolicName() + " is not active yet");
            }
        }
        return Optional.empty();
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
