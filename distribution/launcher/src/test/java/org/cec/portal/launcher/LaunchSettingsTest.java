package org.cec.portal.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchSettingsTest {

    @TempDir
    Path home;

    private Properties system(String... pairs) {
        Properties p = new Properties();
        p.setProperty("cec.home", home.toString());
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    @Test
    void defaultsArePort8080AndDataInsideTheInstallation() {
        LaunchSettings s = LaunchSettings.from(system(), Map.of());
        assertEquals(8080, s.httpPort());
        assertEquals(home.resolve("data"), s.dataDir());
        assertEquals(home.resolve("logs"), s.logsDir());
    }

    @Test
    void theEnvironmentSetsPortAndDataFolderAndSystemPropertiesWin() {
        LaunchSettings env = LaunchSettings.from(system(), Map.of("CEC_HTTP_PORT", "9090", "CEC_DATA_DIR", "/srv/cec"));
        assertEquals(9090, env.httpPort());
        assertEquals(Path.of("/srv/cec"), env.dataDir());
        LaunchSettings both = LaunchSettings.from(system("cec.http.port", "7070"), Map.of("CEC_HTTP_PORT", "9090"));
        assertEquals(7070, both.httpPort());
    }

    @Test
    void anInvalidPortIsAClearError() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> LaunchSettings.from(system(), Map.of("CEC_HTTP_PORT", "eighty")));
        assertTrue(e.getMessage().contains("CEC_HTTP_PORT"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> LaunchSettings.from(system(), Map.of("CEC_HTTP_PORT", "70000")));
    }

    @Test
    void featuresAreReadInStartLevelOrderAndPropertiesSubstituted() throws Exception {
        Path bundle = home.resolve("bundle");
        for (String[] f : List.of(new String[] {"web", "3"}, new String[] {"boot", "1"}, new String[] {"core", "2"})) {
            Path dir = Files.createDirectories(bundle.resolve(f[0]).resolve("bundles"));
            Files.writeString(dir.getParent().resolve("feature.properties"), "start.level=" + f[1] + "\n");
            Files.writeString(dir.resolve(f[0] + ".jar"), "");
        }
        Files.writeString(bundle.resolve("core/framework.properties"), "felix.fileinstall.dir=${cec.home}/etc\n");
        List<Feature> features = Feature.readAll(bundle);
        assertEquals(
                List.of("boot", "core", "web"),
                features.stream().map(Feature::name).toList());

        LaunchSettings s = LaunchSettings.from(system(), Map.of("CEC_HTTP_PORT", "9191"));
        Map<String, String> props = Main.frameworkProperties(s, features);
        assertEquals(home + "/etc", props.get("felix.fileinstall.dir"));
        assertEquals("9191", props.get("org.osgi.service.http.port"));
        assertEquals("3", props.get("org.osgi.framework.startlevel.beginning"));
        assertEquals(s.dataDir().resolve("felix-cache").toString(), props.get("org.osgi.framework.storage"));
    }
}
