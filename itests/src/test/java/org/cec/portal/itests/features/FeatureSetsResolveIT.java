package org.cec.portal.itests.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Each feature of the distribution resolves together with the features it builds on (those of
 * lower start levels) and nothing else: no feature silently depends on a bundle that only a later
 * feature brings. The bundle sets are read from the assembled distribution, the same files the
 * launcher starts.
 */
class FeatureSetsResolveIT {

    @TempDir
    Path storage;

    record Feature(String name, int startLevel, List<Path> bundles) {}

    static List<Feature> features() throws IOException {
        Path bundleDir =
                Path.of(System.getProperty("portal.distribution", "../distribution/target/cec-portal"), "bundle");
        List<Feature> features = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(bundleDir)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(dir.resolve("feature.properties"))) {
                    p.load(in);
                }
                try (Stream<Path> jars = Files.list(dir.resolve("bundles"))) {
                    features.add(new Feature(
                            dir.getFileName().toString(),
                            Integer.parseInt(p.getProperty("start.level").trim()),
                            jars.filter(j -> j.toString().endsWith(".jar"))
                                    .sorted()
                                    .toList()));
                }
            }
        }
        features.sort(Comparator.comparingInt(Feature::startLevel).thenComparing(Feature::name));
        return features;
    }

    @TestFactory
    Stream<DynamicTest> everyFeatureResolvesWithTheFeaturesBelowIt() throws IOException {
        List<Feature> all = features();
        assertFalse(all.isEmpty(), "the distribution has features");
        return all.stream()
                .map(feature -> DynamicTest.dynamicTest(feature.name(), () -> {
                    List<Feature> set = all.stream()
                            .filter(f -> f.startLevel() < feature.startLevel() || f == feature)
                            .toList();
                    assertResolves(feature.name(), set);
                }));
    }

    private void assertResolves(String name, List<Feature> set) throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, storage.resolve(name).toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        Framework framework = new FrameworkFactory().newFramework(props);
        framework.init();
        try {
            List<Bundle> installed = new ArrayList<>();
            for (Feature f : set) {
                for (Path jar : f.bundles()) {
                    installed.add(framework.getBundleContext().installBundle("reference:" + jar.toUri()));
                }
            }
            framework.adapt(FrameworkWiring.class).resolveBundles(null);
            List<String> unresolved = new ArrayList<>();
            for (Bundle b : installed) {
                if (b.getState() == Bundle.INSTALLED) {
                    unresolved.add(b.getSymbolicName() + ": " + reason(b, installed, framework));
                }
            }
            assertEquals(List.of(), unresolved, "feature set up to " + name + " must resolve");
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    /** The mandatory requirements of {@code b} that no installed bundle (or the framework) provides. */
    private static String reason(Bundle b, List<Bundle> installed, Framework framework) {
        List<BundleCapability> capabilities = new ArrayList<>();
        List<Bundle> providers = new ArrayList<>(installed);
        providers.add(framework);
        for (Bundle p : providers) {
            capabilities.addAll(p.adapt(BundleRevision.class).getDeclaredCapabilities(null));
        }
        List<String> missing = new ArrayList<>();
        for (BundleRequirement req : b.adapt(BundleRevision.class).getDeclaredRequirements(null)) {
            String filter = req.getDirectives().get("filter");
            boolean optional = "optional".equals(req.getDirectives().get("resolution"))
                    || req.getNamespace().equals("osgi.service")
                    || req.getNamespace().equals("osgi.ee");
            if (optional || filter == null) {
                continue;
            }
            boolean satisfied = capabilities.stream()
                    .filter(c -> c.getNamespace().equals(req.getNamespace()))
                    .anyMatch(req::matches);
            if (!satisfied) {
                missing.add(req.getNamespace() + " " + filter);
            }
        }
        return missing.isEmpty() ? "unresolved (a provider is itself unresolved)" : "missing " + missing;
    }
}
