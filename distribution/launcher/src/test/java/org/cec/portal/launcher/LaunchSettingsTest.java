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

    @Test
    void hostHttpsPortAndSharedKeysAreReadAndPassedToFelixHttp() throws Exception {
        LaunchSettings s = LaunchSettings.from(
                system(), Map.of("CEC_HTTP_HOST", "127.0.0.1", "CEC_HTTPS_PORT", "8443", "CEC_KEYS_DIR", "/srv/keys"));
        assertEquals("127.0.0.1", s.httpHost());
        assertEquals(8443, s.httpsPort());
        assertTrue(s.httpsEnabled());
        Map<String, String> props = Main.frameworkProperties(s, List.of());
        assertEquals("127.0.0.1", props.get("org.apache.felix.http.host"));
        assertEquals("8443", props.get("cec.https.port"));
        assertEquals("/srv/keys", props.get("cec.keys.dir"));

        LaunchSettings plain = LaunchSettings.from(system(), Map.of());
        assertEquals("", plain.httpHost());
        assertEquals(0, plain.httpsPort());
        Map<String, String> defaults = Main.frameworkProperties(plain, List.of());
        assertTrue(!defaults.containsKey("org.apache.felix.http.host"), "every interface by default");
        assertTrue(!defaults.containsKey("cec.keys.dir"), "keys in the data folder by default");
    }

    @Test
    void badTlsSettingsAreClearErrors() {
        for (Map<String, String> env : List.of(
                Map.of("CEC_HTTPS_PORT", "https"),
                Map.of("CEC_HTTPS_PORT", "8080"),
                Map.of("CEC_HTTP_HOST", "a host; rm -rf"),
                Map.of("CEC_TLS_CERTIFICATE", "cert.pem"),
                Map.of("CEC_TLS_KEYSTORE", "a.p12", "CEC_TLS_CERTIFICATE", "c.pem", "CEC_TLS_KEY", "k.pem"))) {
            assertThrows(IllegalArgumentException.class, () -> LaunchSettings.from(system(), env), env.toString());
        }
    }

    @Test
    void aSelfSignedCertificateIsGeneratedOnceForOwnerOnlyAndAPemPairBecomesAKeystore() throws Exception {
        LaunchSettings s = LaunchSettings.from(system(), Map.of("CEC_HTTPS_PORT", "8443"));
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        TlsKeystore generated = TlsKeystore.prepare(s, Map.of(), new java.io.PrintStream(log, true));
        assertTrue(log.toString().contains("generated a self-signed certificate"), log.toString());
        assertEquals(
                "rw-------",
                java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(generated.file)));
        Map<String, String> props = generated.frameworkProperties(s);
        String password = props.get("org.apache.felix.https.keystore.password");
        assertTrue(password.length() >= 32);
        assertTrue(!generated.toString().contains(password) && !log.toString().contains(password));
        assertEquals("8443", props.get("org.osgi.service.http.port.secure"));
        assertEquals("true", props.get("org.apache.felix.https.enable"));

        java.io.ByteArrayOutputStream again = new java.io.ByteArrayOutputStream();
        TlsKeystore reused = TlsKeystore.prepare(s, Map.of(), new java.io.PrintStream(again, true));
        assertTrue(!again.toString().contains("generated"), "the second start reuses it: " + again);
        assertEquals(password, reused.frameworkProperties(s).get("org.apache.felix.https.keystore.password"));

        // the generated pair, as PEM files an operator would have
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (java.io.InputStream in = Files.newInputStream(generated.file)) {
            store.load(in, password.toCharArray());
        }
        java.util.Base64.Encoder b64 = java.util.Base64.getMimeEncoder();
        Path key = home.resolve("key.pem");
        Files.writeString(
                key,
                "-----BEGIN PRIVATE KEY-----\n"
                        + b64.encodeToString(store.getKey("cec-portal", password.toCharArray())
                                .getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
        Path cert = s.dataDir().resolve("tls/self-signed.crt");
        LaunchSettings pem = LaunchSettings.from(
                system(),
                Map.of(
                        "CEC_HTTPS_PORT",
                        "8443",
                        "CEC_TLS_CERTIFICATE",
                        cert.toString(),
                        "CEC_TLS_KEY",
                        key.toString()));
        TlsKeystore converted = TlsKeystore.prepare(pem, Map.of(), new java.io.PrintStream(log, true));
        assertEquals(s.dataDir().resolve("tls/portal.p12"), converted.file);
        java.security.KeyStore p12 = java.security.KeyStore.getInstance("PKCS12");
        try (java.io.InputStream in = Files.newInputStream(converted.file)) {
            p12.load(
                    in,
                    converted
                            .frameworkProperties(pem)
                            .get("org.apache.felix.https.keystore.password")
                            .toCharArray());
        }
        assertTrue(p12.isKeyEntry("cec-portal"));

        Files.writeString(key, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> TlsKeystore.prepare(pem, Map.of(), new java.io.PrintStream(log, true)));
        assertTrue(e.getMessage().contains("openssl pkcs8"), e.getMessage());
    }
}
