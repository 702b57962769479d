package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The assembled distribution, started with bin/cec-portal, answering real HTTP. */
class PortalDistributionIT {

    private static RunningPortal portal;

    @BeforeAll
    static void start() throws Exception {
        portal = RunningPortal.start("distribution");
    }

    @AfterAll
    static void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    static void assertSecurityHeaders(HttpResponse<?> response) {
        String csp = response.headers().firstValue("content-security-policy").orElse(null);
        assertNotNull(csp, "Content-Security-Policy on " + response.uri());
        assertFalse(csp.contains("unsafe-inline"), csp);
        assertFalse(csp.contains("http:") || csp.contains("https:"), "no other origin in " + csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertEquals(
                "nosniff",
                response.headers().firstValue("x-content-type-options").orElse(null));
        assertEquals("DENY", response.headers().firstValue("x-frame-options").orElse(null));
        assertTrue(response.headers().firstValue("referrer-policy").isPresent(), "Referrer-Policy");
    }

    @Test
    void homeHealthAndStaticAssetAnswer200WithSecurityHeaders() throws Exception {
        HttpResponse<String> home = portal.get("/");
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains("qualified"), "the home page says what the portal does");
        assertTrue(home.body().contains("href=\"/privacy\""), "footer links to the privacy policy");
        assertSecurityHeaders(home);

        HttpResponse<String> health = portal.get("/health");
        assertEquals(200, health.statusCode());
        assertTrue(health.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        for (String check : List.of(
                "\"Framework\"",
                "\"HTTP\"",
                "\"Module org.cec.portal.web\"",
                "\"Module org.cec.portal.admin\"",
                "\"Directory\"")) {
            assertTrue(health.body().contains(check), check + " in " + health.body());
        }
        assertTrue(health.body().startsWith("{\"status\":\"OK\""), health.body());
        assertSecurityHeaders(health);

        HttpResponse<String> css = portal.get("/static/portal.css");
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("cache-control").orElse("").contains("max-age="));
        assertTrue(css.headers().firstValue("content-type").orElse("").startsWith("text/css"));
        assertSecurityHeaders(css);
    }

    @Test
    void unknownPathAnswersHtml404PageWithoutStackTrace() throws Exception {
        HttpResponse<String> missing = portal.get("/no/such/page");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertTrue(missing.body().contains("Page not found"), missing.body());
        assertFalse(missing.body().contains("Exception") || missing.body().contains("at org."), missing.body());
        assertSecurityHeaders(missing);

        HttpResponse<String> missingAsset = portal.get("/static/no-such.css");
        assertEquals(404, missingAsset.statusCode());
        assertSecurityHeaders(missingAsset);

        // Jetty itself refuses a path that climbs out of the site, before any portal code runs.
        HttpResponse<String> climbing = portal.get("/static/../../etc/passwd");
        assertEquals(400, climbing.statusCode());
        assertFalse(climbing.body().contains("root:"), "no file outside the site is served");
        assertFalse(climbing.body().contains("Exception"), climbing.body());
    }

    @Test
    void consoleSendsAnonymousToTheSignInRefusesTheDefaultPasswordAndAdmitsTheSignedInAdmin() throws Exception {
        HttpResponse<String> anonymous = portal.get("/system/console/bundles");
        assertEquals(303, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("Location").orElse("").startsWith("/system/sign-in"));
        assertSecurityHeaders(anonymous);

        HttpResponse<String> basic = portal.send(HttpRequest.newBuilder(portal.uri("/system/console/bundles"))
                .header("Authorization", Http.basic("admin", "admin")));
        assertEquals(303, basic.statusCode(), "HTTP basic is not a way in");
        assertEquals(401, Http.signIn(portal, "admin", "admin").statusCode(), "no default password");

        HttpResponse<String> signedIn = portal.send(HttpRequest.newBuilder(portal.uri("/system/console/bundles"))
                .header("Authorization", portal.adminAuthorization()));
        assertEquals(200, signedIn.statusCode());
        assertTrue(signedIn.body().contains("org.cec.portal.web"), "the console lists the portal bundles");
        assertSecurityHeaders(signedIn);
    }

    @Test
    void consoleRefusesCrossSiteChanges() throws Exception {
        HttpResponse<String> crossSite = portal.send(HttpRequest.newBuilder(portal.uri("/system/console/bundles"))
                .header("Authorization", portal.adminAuthorization())
                .header("Origin", "https://evil.example")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=refreshPackages")));
        assertEquals(403, crossSite.statusCode());
    }

    @Test
    void postWithoutCsrfTokenIsRefusedAndWithTokenPasses() throws Exception {
        Path deployed = deployExample();
        try {
            awaitStatus("/partner/hello", 200, Duration.ofSeconds(10));
            HttpResponse<String> noToken = portal.send(HttpRequest.newBuilder(portal.uri("/partner/hello"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(Http.form("name", "Ada"))));
            assertEquals(403, noToken.statusCode());
            assertTrue(
                    noToken.body().contains("security token") || noToken.body().contains("security cookie"),
                    noToken.body());
            assertSecurityHeaders(noToken);

            HttpResponse<String> form = portal.get("/partner/hello");
            String cookie = Http.cookies(form);
            String token = Http.csrfToken(form.body());
            HttpResponse<String> withToken = portal.send(HttpRequest.newBuilder(portal.uri("/partner/hello"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Cookie", cookie)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            Http.form("_csrf", token, "name", "<script>alert(1)</script>"))));
            assertEquals(200, withToken.statusCode());
            assertTrue(withToken.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), withToken.body());
            assertFalse(withToken.body().contains("<script>alert(1)"), "the value is escaped");
        } finally {
            Files.deleteIfExists(deployed);
        }
    }

    @Test
    void examplePluginDroppedIntoDeployAppearsAndDisappearsWhileThePortalKeepsAnswering() throws Exception {
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger probes = new AtomicInteger();
        List<String> firstFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread prober = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    probes.incrementAndGet();
                    for (String path : List.of("/", "/health")) {
                        HttpResponse<String> r = portal.get(path);
                        if (r.statusCode() != 200) {
                            failures.incrementAndGet();
                            if (firstFailures.size() < 3) {
                                firstFailures.add(path + " " + r.statusCode() + " " + r.body());
                            }
                        }
                    }
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    failures.incrementAndGet();
                    if (firstFailures.size() < 3) {
                        firstFailures.add(e.toString());
                    }
                }
            }
        });
        prober.start();
        try {
            Path deployed = deployExample();
            awaitStatus("/partner/hello", 200, Duration.ofSeconds(3));
            HttpResponse<String> page = portal.get("/partner/hello");
            assertTrue(page.body().contains("class=\"site-header\""), "rendered inside the portal layout");
            assertTrue(page.body().contains("Hello from a partner"));
            awaitBody("/", body -> body.contains("href=\"/partner/hello\""), Duration.ofSeconds(3));

            Files.delete(deployed);
            awaitStatus("/partner/hello", 404, Duration.ofSeconds(3));
            awaitBody("/", body -> !body.contains("href=\"/partner/hello\""), Duration.ofSeconds(3));
        } finally {
            prober.interrupt();
            prober.join();
        }
        assertTrue(probes.get() > 5, "the portal was probed while the plugin came and went");
        assertEquals(0, failures.get(), "the rest of the portal answered throughout: " + firstFailures);
    }

    @Test
    void aCfgJsonFileDroppedIntoDeployReconfiguresAComponentAndDeletingItRestoresTheDefault() throws Exception {
        Path cfg = portal.home.resolve("deploy/org.cec.portal.web.internal.Pages.cfg.json");
        Path tmp = portal.home.resolve("pages.cfg.json.tmp");
        Files.writeString(tmp, "{ \"site.name\": \"Solar <Friends>\", \"operator\": \"Solar Friends Inc.\" }");
        Files.move(tmp, cfg, StandardCopyOption.ATOMIC_MOVE);
        try {
            awaitBody("/", body -> body.contains("Solar &lt;Friends&gt;"), Duration.ofSeconds(5));
        } finally {
            Files.delete(cfg);
        }
        awaitBody("/", body -> body.contains("Clean Energy Connect") && !body.contains("Solar"), Duration.ofSeconds(5));
    }

    @Test
    void thePortalNeverRewritesTheOperatorsConfigurationFiles() throws Exception {
        Path dist = Path.of(System.getProperty("portal.distribution", "../distribution/target/cec-portal"));
        String file = "etc/org.apache.felix.fileinstall-deploy.cfg";
        assertEquals(Files.readString(dist.resolve(file)), Files.readString(portal.home.resolve(file)));
    }

    private Path deployExample() throws Exception {
        Path jar = portal.home.resolve("examples/org.cec.portal.example.hello.jar");
        Path target = portal.home.resolve("deploy/org.cec.portal.example.hello.jar");
        Path tmp = portal.home.resolve("hello.jar.tmp");
        Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private void awaitStatus(String path, int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = portal.get(path).statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(path + " answered " + last + ", not " + status + ", within " + timeout);
    }

    private void awaitBody(String path, Predicate<String> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.test(portal.get(path).body())) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(path + " did not reach the expected content within " + timeout);
    }
}
