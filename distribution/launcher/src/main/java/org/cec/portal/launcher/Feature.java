package org.cec.portal.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * One feature folder of {@code bundle/}: {@code feature.properties} (its start level),
 * {@code framework.properties} (framework properties it needs) and {@code bundles/*.jar}.
 */
record Feature(String name, int startLevel, Properties frameworkProperties, List<Path> bundles, Properties settings) {

    /**
     * The start level of the bundle {@code symbolicName} of this feature: the feature's, unless
     * {@code feature.properties} moves it with {@code start.level.<symbolic name>=N}, for example to
     * start a bundle that no page needs after the pages are up.
     */
    int startLevelOf(String symbolicName) {
        String own = settings.getProperty("start.level." + symbolicName);
        return own == null ? startLevel : Integer.parseInt(own.trim());
    }

    static Feature read(Path dir) throws IOException {
        Properties feature = load(dir.resolve("feature.properties"));
        String level = feature.getProperty("start.level");
        if (level == null) {
            throw new IOException("Feature " + dir.getFileName() + " has no start.level in feature.properties");
        }
        List<Path> jars;
        Path bundles = dir.resolve("bundles");
        if (Files.isDirectory(bundles)) {
            try (Stream<Path> s = Files.list(bundles)) {
                jars = s.filter(p -> p.getFileName().toString().endsWith(".jar"))
                        .sorted()
                        .toList();
            }
        } else {
            jars = List.of();
        }
        return new Feature(
                dir.getFileName().toString(),
                Integer.parseInt(level.trim()),
                load(dir.resolve("framework.properties")),
                jars,
                feature);
    }

    /** The feature folders under {@code bundleDir}, in start order. */
    static List<Feature> readAll(Path bundleDir) throws IOException {
        try (Stream<Path> s = Files.list(bundleDir)) {
            List<Path> dirs = s.filter(Files::isDirectory).sorted().toList();
            List<Feature> features = new java.util.ArrayList<>();
            for (Path d : dirs) {
                if (Files.exists(d.resolve("feature.properties"))) {
                    features.add(read(d));
                }
            }
            features.sort(java.util.Comparator.comparingInt(Feature::startLevel).thenComparing(Feature::name));
            return features;
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
        }
        return p;
    }
}
