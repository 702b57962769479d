package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 §7 and the data folder's modes of §12, against the distribution started with {@code
 * CEC_HTTPS_PORT} and no certificate (so it generates a self-signed one), under umask 022: a form
 * sent over real TLS with a client that trusts only that certificate, plain HTTP redirected (except
 * {@code /health/live}), every cookie {@code Secure}, HSTS, TLS below 1.2 refused, and every file of
 * the data folder for the portal's user only.
 */
class TlsDistributionIT {

    private static final Set<PosixFilePermission> GROUP_AND_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private static RunningPortal portal;

    @BeforeAll
    static void start() throws Exception {
        portal = RunningPortal.start(
                "tls", home -> {}, Map.of("CEC_HTTPS_PORT", Integer.toString(RunningPortal.freePort())));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (new Browser()
                        .send(HttpRequest.newBuilder(portal.secureUri("/request")))
                        .statusCode()
                != 200) {
            assertTrue(System.nanoTime() < deadline, "the form did not answer over HTTPS within 60 s");
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void theLogSaysASelfSignedCertificateWasGeneratedAndNoPasswordIsLogged() throws Exception {
        String out = portal.output();
        assertTrue(out.contains("generated a self-signed certificate"), out);
        String password = Files.readString(portal.dataDir.resolve("tls/self-signed.password"))
                .strip();
        assertFalse(out.contains(password), "the keystore password is not logged");
        assertTrue(out.contains("https://localhost:" + portal.httpsPort + "/"), "the start line names HTTPS");
    }

    @Test
    void aFormIsSentOverTlsAndEveryCookieIsSecureWithHsts() throws Exception {
        Browser b = new Browser();
        HttpResponse<String> choices = b.get("/privacy/choices");
        assertHsts(choices);
        assertEquals(303, b.post("/privacy/choices", "choice=accept-all").statusCode());
        assertTrue(b.jar.containsKey("cec_consent"), "the consent cookie was set over HTTPS");
        b.get("/request");
        String contact = Http.form(
                "name", "Tia Tls",
                "email", "tia@example.com",
                "phone", "415.555.0134",
                "city", "San Francisco",
                "zip", "94110",
                "age", "13-or-older");
        assertEquals(200, b.post("/request", contact + "&step=contact").statusCode());
        assertEquals(
                200,
                b.post("/request", contact + "&step=services&services=heat-pump&go=next")
                        .statusCode());
        HttpResponse<String> done = b.post("/request", contact + "&step=review&services=heat-pump&go=submit");
        assertEquals(200, done.statusCode(), done.body());
        assertTrue(done.body().contains("id=\"reference\""), "a reference over HTTPS:\n" + done.body());
        assertHsts(done);
        assertFalse(b.setCookies.isEmpty());
        for (String cookie : b.setCookies) {
            assertTrue(List.of(cookie.toLowerCase(Locale.ROOT).split(";\\s*")).contains("secure"), "Secure: " + cookie);
        }
        assertTrue(b.setCookies.stream().anyMatch(c -> c.startsWith("cec_csrf=")), "the CSRF cookie is among them");
    }

    @Test
    void plainHttpIsRedirectedToHttpsExceptLiveness() throws Exception {
        HttpResponse<String> get = portal.get("/request?x=1");
        assertEquals(301, get.statusCode());
        assertEquals(
                "https://127.0.0.1:" + portal.httpsPort + "/request?x=1",
                get.headers().firstValue("location").orElse(null));
        assertTrue(get.headers().allValues("set-cookie").isEmpty(), "no cookie over plain HTTP");
        assertFalse(get.headers().firstValue("strict-transport-security").isPresent(), "HSTS only over HTTPS");
        PortalDistributionIT.assertSecurityHeaders(get);
        HttpResponse<String> post = portal.send(HttpRequest.newBuilder(portal.uri("/request"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("step=contact")));
        assertEquals(308, post.statusCode(), "a form keeps its method");
        assertEquals(301, portal.get("/system/console").statusCode(), "the console too");
        HttpResponse<String> live = portal.get("/health/live");
        assertNotEquals(301, live.statusCode(), "liveness answers over HTTP");
        assertFalse(live.headers().firstValue("location").isPresent());
    }

    @Test
    void tls12And13AreSpokenAndOlderProtocolsRefused() throws Exception {
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            try (SSLSocket socket = (SSLSocket) RunningPortal.trusting(portal.dataDir.resolve("tls/self-signed.crt"))
                    .getSocketFactory()
                    .createSocket("localhost", portal.httpsPort)) {
                socket.setEnabledProtocols(new String[] {protocol});
                socket.startHandshake();
                assertEquals(protocol, socket.getSession().getProtocol());
            }
        }
        // Java's own client refuses TLS 1.1 before it asks; OpenSSL asks the server for real.
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        for (String old : List.of("-tls1_1", "-tls1")) {
            String answer = openssl(old);
            assertTrue(answer.contains("alert protocol version") || answer.contains("no protocols available"), answer);
            assertFalse(answer.matches("(?s).*Cipher is (?!\\(NONE\\)).*"), old + " negotiated a cipher:\n" + answer);
        }
        String tls12 = openssl("-tls1_2");
        assertTrue(tls12.contains("Protocol: TLSv1.2") || tls12.contains("Protocol  : TLSv1.2"), tls12);
    }

    @Test
    void everyFolderAndFileOfTheDataFolderIsForTheOwnerOnlyAfterAStartUnderUmask022() throws Exception {
        List<String> loose = new ArrayList<>();
        try (Stream<Path> files = Files.walk(portal.dataDir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                if (perms.stream().anyMatch(GROUP_AND_OTHERS::contains)) {
                    loose.add(java.nio.file.attribute.PosixFilePermissions.toString(perms) + " " + p);
                }
            }
        }
        assertTrue(loose.isEmpty(), "readable or writable by others: " + loose);
        assertTrue(Files.exists(portal.dataDir.resolve("db")), "the embedded database is in the data folder");
        assertEquals(
                "rwx------",
                java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(portal.dataDir)));
        assertEquals(
                "rw-------",
                java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(portal.dataDir.resolve("tls/self-signed.p12"))));
    }

    private static String openssl(String protocol) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        "/usr/bin/openssl",
                        "s_client",
                        "-connect",
                        "127.0.0.1:" + portal.httpsPort,
                        "-servername",
                        "localhost",
                        protocol,
                        "-cipher",
                        "DEFAULT@SECLEVEL=0")
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void assertHsts(HttpResponse<?> response) {
        String hsts = response.headers().firstValue("strict-transport-security").orElse("");
        assertTrue(hsts.startsWith("max-age=") && !hsts.startsWith("max-age=0"), "HSTS on " + response.uri());
    }

    /** A browser over HTTPS: its cookie jar, every Set-Cookie it received, and the form's CSRF token. */
    private static final class Browser {
        final Map<String, String> jar = new LinkedHashMap<>();
        final List<String> setCookies = new ArrayList<>();
        String token;

        HttpResponse<String> get(String path) throws Exception {
            HttpResponse<String> r = send(HttpRequest.newBuilder(portal.secureUri(path)));
            assertEquals(200, r.statusCode(), r.body());
            token = Http.csrfToken(r.body());
            return r;
        }

        HttpResponse<String> post(String path, String body) throws Exception {
            return send(HttpRequest.newBuilder(portal.secureUri(path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + token + "&" + body)));
        }

        HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            if (!jar.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                jar.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "; ")
                        .append(k)
                        .append('=')
                        .append(v));
                request.header("Cookie", sb.toString());
            }
            HttpResponse<String> r = portal.https()
                    .send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            for (String set : r.headers().allValues("set-cookie")) {
                setCookies.add(set);
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String value = pair.substring(eq + 1).strip();
                if (value.isEmpty() || set.toLowerCase(Locale.ROOT).contains("max-age=0")) {
                    jar.remove(pair.substring(0, eq).strip());
                } else {
                    jar.put(pair.substring(0, eq).strip(), value);
                }
            }
            return r;
        }
    }
}
