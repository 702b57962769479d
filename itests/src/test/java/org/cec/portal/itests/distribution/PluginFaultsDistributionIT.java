package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.cec.portal.itests.pluginfaults.FailingComponent;
import org.cec.portal.itests.support.TestBundles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, acceptance 4, against the running distribution: a partner's bundle that cannot resolve (it
 * imports a package nobody exports) and one whose component throws on activation, each dropped into
 * {@code deploy/}. The first is a WARN on {@code /health} naming the missing package (200: the node stays
 * in service), the second CRITICAL naming the component; the portal's pages answer throughout, and
 * removing each bundle clears what it caused.
 */
class PluginFaultsDistributionIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static RunningPortal portal;

    @BeforeAll
    static void start() throws Exception {
        portal = RunningPortal.start(
                "plugin-faults",
                home -> Files.writeString(
                        home.resolve("etc/org.cec.portal.web.health.cfg.json"),
                        "{ \"details.allowedAddresses\": [\"127.0.0.1\", \"::1\"] }"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void anUnresolvableBundleIsAWarningNamingWhatItMissesAndTheNodeStaysInService() throws Exception {
        byte[] jar = TestBundles.bundle("org.example.partner.unresolvable")
                .header("Import-Package", "org.example.missing;version=\"[1.0,2)\"")
                .build();
        Path deployed = portal.deploy("unresolvable.jar", jar);
        // a bundle is given ten seconds to resolve before it counts as unresolvable
        HttpResponse<String> health =
                awaitHealth(h -> h.body().contains("cannot be resolved"), "the bundle is reported as unresolvable");
        assertEquals(200, health.statusCode(), "a WARN: the load balancer keeps the node: " + health.body());
        assertTrue(health.body().startsWith("{\"status\":\"WARN\""), health.body());
        assertTrue(health.body().contains("\"name\":\"Plugin org.example.partner.unresolvable\""), health.body());
        assertTrue(
                health.body().contains("missing package org.example.missing, version 1.0.0 to below 2.0.0"),
                health.body());
        assertEquals(200, portal.get("/").statusCode(), "the portal serves on");
        assertEquals(200, portal.get("/request").statusCode());

        Files.delete(deployed);
        HttpResponse<String> cleared =
                awaitHealth(h -> !h.body().contains("org.example.partner.unresolvable"), "removed, it is gone");
        assertTrue(cleared.body().startsWith("{\"status\":\"OK\""), cleared.body());
    }

    @Test
    void aComponentThatThrowsOnActivationIsCriticalNamingItAndThePagesStillAnswer() throws Exception {
        byte[] jar = TestBundles.bundle("org.example.partner.failing")
                .header("Service-Component", "OSGI-INF/failing.xml")
                .text(
                        "OSGI-INF/failing.xml",
                        "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\""
                                + FailingComponent.NAME + "\" immediate=\"true\"><implementation class=\""
                                + FailingComponent.class.getName() + "\"/></scr:component>")
                .classes(FailingComponent.class)
                .build();
        Path deployed = portal.deploy("failing.jar", jar);
        HttpResponse<String> health = awaitHealth(
                h -> h.body().contains("Component " + FailingComponent.NAME + " failed to activate"),
                "the component's failure is reported");
        assertEquals(503, health.statusCode(), health.body());
        assertTrue(health.body().startsWith("{\"status\":\"CRITICAL\""), health.body());
        assertTrue(health.body().contains("\"name\":\"Plugin org.example.partner.failing\""), health.body());
        assertFalse(health.body().contains("at org.cec"), "no stack trace: " + health.body());
        assertEquals(200, portal.get("/").statusCode(), "the portal serves on");
        assertEquals(200, portal.get("/contractors").statusCode());

        Files.delete(deployed);
        HttpResponse<String> cleared =
                awaitHealth(h -> h.statusCode() == 200 && !h.body().contains("org.example.partner.failing"), "removed");
        assertTrue(cleared.body().startsWith("{\"status\":\"OK\""), cleared.body());
    }

    private static HttpResponse<String> awaitHealth(Predicate<HttpResponse<String>> until, String what)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> h = portal.get("/health");
        while (!until.test(h)) {
            assertTrue(System.nanoTime() < deadline, what + ": " + h.body());
            Thread.sleep(500);
            h = portal.get("/health");
        }
        return h;
    }
}
