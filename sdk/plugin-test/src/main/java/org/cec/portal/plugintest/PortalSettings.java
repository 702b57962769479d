package org.cec.portal.plugintest;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the test kit starts, from system properties (the defaults suit a Maven project whose parent is
 * {@code cec-portal-plugin-parent}):
 *
 * <ul>
 *   <li>{@code cec.portal.home}: the unpacked distribution (default {@code target/cec-portal});
 *   <li>{@code cec.portal.plugins}: the jars to deploy, separated by the path separator (default: the
 *       jars in {@code target/}, without sources, javadoc and test jars);
 *   <li>{@code cec.portal.work}: where each started portal gets its copy and data folder (default
 *       {@code target/portal-tests});
 *   <li>{@code cec.portal.startTimeout}: seconds to wait for the portal and the plugins (default 120);
 *   <li>{@code cec.portal.etc}: a folder whose {@code <PID>.cfg.json} files configure the portal under
 *       test, your plugin's PIDs or the portal's (default {@code src/test/portal-etc}, if it exists).
 * </ul>
 *
 * @param home the unpacked distribution, with {@code bin/cec-portal}
 * @param plugins the plugin jars dropped into {@code deploy/} before the start
 * @param work the folder under which each portal gets its own copy
 * @param startTimeout how long to wait for the portal and its plugins
 * @param configurations configuration files written into the copy's {@code etc/} before the start:
 *     PID to the JSON of its {@code <PID>.cfg.json}
 */
public record PortalSettings(
        Path home, List<Path> plugins, Path work, Duration startTimeout, Map<String, String> configurations) {

    private static final String CFG_JSON = ".cfg.json";

    public PortalSettings {
        plugins = List.copyOf(plugins);
        configurations = Map.copyOf(configurations);
    }

    /** These settings with the configuration {@code pid} set to {@code json} (a {@code .cfg.json} file's text). */
    public PortalSettings withConfiguration(String pid, String json) {
        Map<String, String> all = new LinkedHashMap<>(configurations);
        all.put(pid, json);
        return new PortalSettings(home, plugins, work, startTimeout, all);
    }

    /** The settings given by the system properties above. */
    public static PortalSettings fromSystemProperties() throws IOException {
        Path home = Path.of(System.getProperty("cec.portal.home", "target/cec-portal"));
        String given = System.getProperty("cec.portal.plugins", "");
        List<Path> plugins = new ArrayList<>();
        if (given.isBlank()) {
            plugins.addAll(builtJars(Path.of("target")));
        } else {
            for (String path : given.split(File.pathSeparator)) {
                if (!path.isBlank()) {
                    plugins.add(Path.of(path.strip()));
                }
            }
        }
        Path work = Path.of(System.getProperty("cec.portal.work", "target/portal-tests"));
        Duration timeout = Duration.ofSeconds(Long.parseLong(System.getProperty("cec.portal.startTimeout", "120")));
        Map<String, String> configurations = new LinkedHashMap<>();
        Path etc = Path.of(System.getProperty("cec.portal.etc", "src/test/portal-etc"));
        if (Files.isDirectory(etc)) {
            try (Stream<Path> files = Files.list(etc)) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(CFG_JSON)) {
                        configurations.put(
                                name.substring(0, name.length() - CFG_JSON.length()), Files.readString(file));
                    }
                }
            }
        }
        return new PortalSettings(home, plugins, work, timeout, configurations);
    }

    private static List<Path> builtJars(Path target) throws IOException {
        if (!Files.isDirectory(target)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> {
                        String name = f.getFileName().toString();
                        return name.endsWith(".jar")
                                && !name.endsWith("-sources.jar")
                                && !name.endsWith("-javadoc.jar")
                                && !name.endsWith("-tests.jar");
                    })
                    .sorted()
                    .toList();
        }
    }
}
