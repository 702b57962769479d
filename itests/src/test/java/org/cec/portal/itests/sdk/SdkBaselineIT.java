package org.cec.portal.itests.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, acceptance 5: the SDK's build fails when an API package changes incompatibly without a new
 * major version. A copy of the SDK module (with the poms above it and the released SDK kept in
 * {@code sdk/releases}) is changed as a careless commit would change it and built with the SDK's own
 * build configuration: bnd's baseline compares each package with the released SDK.
 */
class SdkBaselineIT {

    private static final String CONSUMER_TYPE = "src/main/java/org/cec/portal/api/consent/PurposeDeclaration.java";
    private static final String PACKAGE_INFO = "src/main/java/org/cec/portal/api/consent/package-info.java";

    private Path copy;
    private Path sdk;

    @BeforeEach
    void copyTheSdk() throws IOException {
        Path sources = Path.of(System.getProperty("sources.root", ".."))
                .toAbsolutePath()
                .normalize();
        copy = Files.createTempDirectory("cec-sdk-baseline-");
        Files.copy(sources.resolve("pom.xml"), copy.resolve("pom.xml"));
        Files.createDirectories(copy.resolve("bundles"));
        Files.copy(sources.resolve("bundles/pom.xml"), copy.resolve("bundles/pom.xml"));
        copyTree(sources.resolve("bundles/org.cec.portal.api"), copy.resolve("bundles/org.cec.portal.api"), "target");
        copyTree(sources.resolve("sdk/releases"), copy.resolve("sdk/releases"), null);
        sdk = copy.resolve("bundles/org.cec.portal.api");
    }

    @AfterEach
    void removeTheCopy() throws IOException {
        try (Stream<Path> files = Files.walk(copy)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void aMethodAddedToAnInterfacePartnersImplementWithoutANewMajorVersionFailsTheBuild() throws Exception {
        // PurposeDeclaration is a @ConsumerType: partners implement it, so a new method breaks their plugins
        addMethod(CONSUMER_TYPE, "    String owner();\n");
        Build build = build();
        assertNotEquals(0, build.exitCode(), "the build must fail:\n" + build.tail());
        assertTrue(build.output().contains("Baseline problems detected"), build.tail());
        // the report's line: the package, a MAJOR change, its version unchanged, the next major suggested
        String version = packageVersion();
        String next = (Integer.parseInt(version.split("\\.")[0]) + 1) + ".0.0";
        String line = "* org.cec.portal.api.consent PACKAGE MAJOR " + version + " " + version + " " + next;
        assertTrue(
                build.output().lines().map(l -> l.replaceAll(" +", " ")).anyMatch(l -> l.contains(line)),
                line + " in\n" + build.tail());
    }

    @Test
    void theSameChangeWithANewMajorVersionOfThePackageBuilds() throws Exception {
        addMethod(CONSUMER_TYPE, "    String owner();\n");
        Path info = sdk.resolve(PACKAGE_INFO);
        String text = Files.readString(info).replaceFirst("@Version\\(\"[0-9.]+\"\\)", "@Version(\"2.0.0\")");
        Files.writeString(info, text);
        Build build = build();
        assertEquals(0, build.exitCode(), "a major version says what changed:\n" + build.tail());
    }

    /** The consent package's version, as its package-info says. */
    private String packageVersion() throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("@Version\\(\"([0-9.]+)\"\\)")
                .matcher(Files.readString(sdk.resolve(PACKAGE_INFO)));
        assertTrue(m.find(), "a @Version in " + PACKAGE_INFO);
        return m.group(1);
    }

    private void addMethod(String file, String method) throws IOException {
        Path source = sdk.resolve(file);
        String text = Files.readString(source);
        int end = text.lastIndexOf('}');
        Files.writeString(source, text.substring(0, end) + method + text.substring(end));
    }

    private record Build(int exitCode, String output) {
        String tail() {
            List<String> lines = output.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        }
    }

    /** {@code mvn verify} of the copied SDK, offline, without the tests and checks that are not the baseline. */
    private Build build() throws Exception {
        Path mvn = Path.of(System.getProperty("maven.home"), "bin", "mvn");
        List<String> command = new ArrayList<>(List.of(
                mvn.toString(),
                "-B",
                "-o",
                "-Daether.offline.protocols=file",
                "-Dmaven.repo.local=" + System.getProperty("maven.repo.local"),
                "-DskipTests",
                "-Dspotless.skip",
                "-Dspotbugs.skip",
                "-Dmaven.javadoc.skip",
                "-Dmaven.source.skip",
                "-f",
                sdk.resolve("pom.xml").toString(),
                "verify"));
        Path log = copy.resolve("mvn.log");
        Process process = new ProcessBuilder(command)
                .directory(sdk.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
        }
        return new Build(process.exitValue(), Files.readString(log));
    }

    private static void copyTree(Path from, Path to, String skip) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(source);
                if (skip != null && relative.startsWith(skip)) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
