package org.cec.portal.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a partner does, outside this source tree and offline: {@code mvn archetype:generate} from this
 * archetype in a temporary folder, then {@code mvn verify} in the generated project. Its build
 * resolves the SDK, the BOM, the plugin parent, the test kit and the distribution from a repository
 * that holds only what this build installed there ({@code target/sdk-repository}), and every other
 * artifact from this machine's Maven repository, as a partner's machine would from Maven Central.
 *
 * <p>The generated project's own integration test ({@code PartnerPageIT}) runs in that build with the
 * test kit: the distribution starts with the new plugin deployed, and its page, form (CSRF, 400 with a
 * message), Spanish texts, navigation entry, request-form section and purpose declaration are checked
 * over HTTP. This test checks that those tests ran and passed, and what the project holds.
 */
class PluginArchetypeIT {

    private static final String PACKAGE = "org.example.sunnyvalley.workshops";
    private static Path outside;
    private static Path project;
    private static boolean passed;

    @BeforeAll
    static void generateAndBuild() throws Exception {
        outside = Files.createTempDirectory("cec-partner-");
        Path settings = outside.resolve("settings.xml");
        Files.writeString(
                settings,
                """
                <settings>
                  <mirrors>
                    <mirror><id>this-machine</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                </settings>
                """
                        .formatted(
                                Path.of(System.getProperty("maven.repository")).toUri()));
        String[] archetype = System.getProperty("archetype.coordinates").split(":");
        maven(
                outside,
                settings,
                System.getProperty("archetype.plugin") + ":generate",
                "-DinteractiveMode=false",
                "-DarchetypeGroupId=" + archetype[0],
                "-DarchetypeArtifactId=" + archetype[1],
                "-DarchetypeVersion=" + archetype[2],
                "-DgroupId=org.example.sunnyvalley",
                "-DartifactId=workshops",
                "-Dversion=1.0.0-SNAPSHOT",
                "-Dpackage=" + PACKAGE,
                "-DpartnerName=Sunny Valley Energy Co-op");
        project = outside.resolve("workshops");
        maven(project, settings, "verify");
    }

    @AfterAll
    static void removeTheProject() throws IOException {
        if (passed && outside != null) {
            try (Stream<Path> files = Files.walk(outside)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void theGeneratedPluginsTestsRanAgainstARealPortalAndPassed() throws IOException {
        assertTests("surefire-reports/TEST-" + PACKAGE + ".PartnerSectionTest.xml", 3);
        assertTests("failsafe-reports/TEST-" + PACKAGE + ".PartnerPageIT.xml", 5);
        String portalLog = portalLog();
        assertTrue(portalLog.contains("CEC Portal started in"), portalLog);
        passed = true;
    }

    @Test
    void theProjectIsABundleWithTextsConfigurationAndNoParentOfOurs() throws IOException {
        String pom = Files.readString(project.resolve("pom.xml"));
        assertTrue(pom.contains("<artifactId>cec-portal-plugin-parent</artifactId>"), pom);
        assertTrue(pom.contains("<relativePath/>"), "the parent comes from the repository, not from a folder");
        assertTrue(Files.exists(project.resolve("src/main/resources/messages/messages_es.properties")));
        String config = Files.readString(project.resolve("etc/" + PACKAGE + ".PartnerPage.cfg.json"));
        assertTrue(config.contains("\"partner.name\": \"Sunny Valley Energy Co-op\""), config);
        try (JarFile jar = new JarFile(
                project.resolve("target/workshops-1.0.0-SNAPSHOT.jar").toFile())) {
            var manifest = jar.getManifest().getMainAttributes();
            assertEquals("workshops", manifest.getValue("Bundle-SymbolicName"));
            assertTrue(
                    manifest.getValue("Import-Package").contains("org.cec.portal.api.intake"),
                    manifest.getValue("Import-Package"));
            assertTrue(jar.getEntry("OSGI-INF/" + PACKAGE + ".PartnerPage.xml") != null, "a DS component");
            assertTrue(jar.getEntry("OSGI-INF/metatype/" + PACKAGE + ".PartnerPage$Config.xml") != null, "metatype");
        }
    }

    private static void assertTests(String report, int count) throws IOException {
        Path file = project.resolve("target").resolve(report);
        assertTrue(Files.exists(file), "no report " + file);
        String xml = Files.readString(file);
        Matcher m = Pattern.compile("<testsuite [^>]*").matcher(xml);
        assertTrue(m.find(), xml);
        String suite = m.group();
        assertTrue(suite.contains("tests=\"" + count + "\""), suite);
        assertTrue(suite.contains("failures=\"0\""), suite);
        assertTrue(suite.contains("errors=\"0\""), suite);
        assertTrue(suite.contains("skipped=\"0\""), suite);
    }

    private static String portalLog() throws IOException {
        try (Stream<Path> files = Files.walk(project.resolve("target/portal-tests"))) {
            Path log = files.filter(f -> f.getFileName().toString().equals("portal.out"))
                    .findFirst()
                    .orElseThrow();
            return Files.readString(log);
        }
    }

    /** Runs Maven offline in {@code dir}, as a partner would; fails with the end of its output. */
    private static void maven(Path dir, Path settings, String... args) throws Exception {
        Path mvn = Path.of(System.getProperty("maven.home"), "bin", "mvn");
        List<String> command = new ArrayList<>(List.of(
                mvn.toString(),
                "-B",
                "-o",
                "-s",
                settings.toString(),
                "-Dmaven.repo.local=" + System.getProperty("sdk.repository"),
                // offline, yet this machine's repository (a file: URL) serves what is not staged
                "-Daether.offline.protocols=file"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(outside, "mvn-", ".log");
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        if (process.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log);
            throw new AssertionError("mvn " + String.join(" ", args) + " failed in " + dir + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 150), lines.size())));
        }
    }
}
