package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Predicate;
import org.cec.portal.itests.distribution.deploy.FailingActivation;
import org.cec.portal.itests.support.TestBundles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an operator reads in the log, and on {@code /health}, when a plugin or a configuration file
 * dropped into deploy/ does not work: the reason, in one line, and the portal keeps what worked before.
 * On {@code /health} (issue 17, acceptance 4), a plugin that cannot resolve is a WARN naming what it
 * misses (200: the node stays in service), one whose component throws a CRITICAL naming the component;
 * removing the plugin clears it.
 */
class DeploymentLogDistributionIT {

    private static RunningPortal portal;

    @BeforeAll
    static void start() throws Exception {
        portal = RunningPortal.start(
                "deployment-log",
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
    void aPluginWithAMissingImportIsLoggedWithThePackageNothingProvides() throws Exception {
        byte[] jar = TestBundles.bundle("test.plugin.missing")
                .header("Import-Package", "com.example.partner.crm;version=\"[1.0,2)\"")
                .build();
        Path deployed = portal.deploy("missing-import.jar", jar);

        String line = awaitLogLine(l -> l.contains("ERROR") && l.contains("test.plugin.missing"));
        assertTrue(line.contains("cannot start"), line);
        assertTrue(line.contains("com.example.partner.crm"), "names the missing package: " + line);
        awaitLogLine(l -> l.contains("INFO") && l.contains("Bundle test.plugin.missing 1.0.0 installed"));

        // a bundle is given ten seconds to resolve before /health counts it as unresolvable
        HttpResponse<String> health = awaitHealth(h -> h.body().contains("cannot be resolved"), "reported");
        assertEquals(200, health.statusCode(), "a WARN: the load balancer keeps the node: " + health.body());
        assertTrue(
                health.body().contains("\"name\":\"Plugin test.plugin.missing\",\"status\":\"WARN\""), health.body());
        assertTrue(
                health.body().contains("missing package com.example.partner.crm, version 1.0.0 to below 2.0.0"),
                health.body());
        assertEquals(200, portal.get("/").statusCode(), "the portal serves on");

        Files.delete(deployed);
        awaitHealth(h -> !h.body().contains("test.plugin.missing"), "removed, its check is gone");
    }

    @Test
    void aComponentThatThrowsOnActivationIsLoggedWithItsExceptionAndStartsAndStopsAreLogged() throws Exception {
        byte[] jar = TestBundles.bundle("test.plugin.failing")
                .header("Service-Component", "OSGI-INF/failing.xml")
                .header(
                        "Require-Capability",
                        "osgi.extender;filter:=\"(&(osgi.extender=osgi.component)(version>=1.4.0)(!(version>=2.0.0)))\"")
                .text(
                        "OSGI-INF/failing.xml",
                        "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.4.0\" name=\"test.Failing\""
                                + " immediate=\"true\" activate=\"activate\"><implementation class=\""
                                + FailingActivation.class.getName() + "\"/></scr:component>")
                .classes(FailingActivation.class)
                .build();
        Path deployed = portal.deploy("failing-activation.jar", jar);

        awaitLogLine(l -> l.contains("INFO") && l.contains("Bundle test.plugin.failing 1.0.0 started"));
        String line = awaitLogLine(l -> l.contains("ERROR") && l.contains("test.Failing"));
        assertTrue(line.contains("failed to activate"), line);
        assertTrue(line.contains("IllegalStateException: the rebates table is missing"), "says why: " + line);
        assertFalse(portal.output().contains("\tat org.cec.portal.itests"), "one line, no stack trace");
        HttpResponse<String> health = awaitHealth(
                h -> h.body().contains("Component test.Failing failed to activate"), "the failure is on /health");
        assertEquals(503, health.statusCode(), health.body());
        assertTrue(
                health.body().contains("\"name\":\"Plugin test.plugin.failing\",\"status\":\"CRITICAL\""),
                health.body());
        assertFalse(health.body().contains("\\tat "), "no stack trace on /health: " + health.body());
        assertEquals(200, portal.get("/contractors").statusCode(), "the portal serves on");

        Files.delete(deployed);
        awaitLogLine(l -> l.contains("INFO") && l.contains("Bundle test.plugin.failing 1.0.0 uninstalled"));
        assertEquals(200, portal.get("/request").statusCode(), "the rest of the portal is unaffected");
        awaitHealth(h -> !h.body().contains("test.plugin.failing"), "removed, its check is gone");
    }

    /**
     * Issue 17: a plugin updated in place (its jar replaced in deploy/) is refreshed alone, the rest of
     * the portal untouched, and the log says which bundles the framework refreshed.
     */
    @Test
    void aPluginUpdatedInPlaceRefreshesOnlyItselfAndTheLogSaysWhich() throws Exception {
        Path jar = portal.home.resolve("examples/org.cec.portal.example.rebates.jar");
        Path deployed = portal.deploy("rebates.jar", Files.readAllBytes(jar));
        awaitLogLine(l -> l.contains("Bundle org.cec.portal.example.rebates") && l.contains(" started "));
        Thread.sleep(2_500); // the log's checks of the new bundle
        assertFalse(
                portal.output().lines().anyMatch(l -> l.contains("ERROR") && l.contains("example.rebates")),
                "a plugin that starts is never reported as broken:\n" + portal.output());
        int before = portal.output().length();

        // a new build of the same plugin: the same name, a newer file
        Path next = deployed.resolveSibling("rebates.jar.tmp");
        Files.copy(jar, next, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(
                next, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        Files.move(next, deployed, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        String refreshed = awaitLogLine(l -> l.contains("Refreshed") && l.contains("org.cec.portal.example.rebates"));
        assertTrue(refreshed.contains("the rest of the portal untouched"), refreshed);
        java.util.List<String> list = java.util.List.of(
                refreshed.substring(refreshed.lastIndexOf(": ") + 2).strip().split(", "));
        assertTrue(list.contains("org.cec.portal.example.rebates"), refreshed);
        String after = portal.output().substring(before);
        assertTrue(after.contains("Bundle org.cec.portal.example.rebates"), after);
        for (String module : new String[] {"org.cec.portal.intake", "org.cec.portal.web", "org.cec.portal.api"}) {
            assertFalse(
                    after.lines().anyMatch(l -> l.contains("Bundle " + module + " ") && l.contains(" stopped ")),
                    module + " was not restarted:\n" + after);
            assertFalse(list.contains(module), module + " was not refreshed: " + refreshed);
        }
        assertEquals(200, portal.get("/request").statusCode());
        Files.delete(deployed);
    }

    @Test
    void aComponentWaitingForAServiceNobodyProvidesIsLoggedOnceOnlyAfterItHasWaitedAWhile() throws Exception {
        byte[] jar = TestBundles.bundle("test.plugin.waiting")
                .header("Service-Component", "OSGI-INF/waiting.xml")
                .header(
                        "Require-Capability",
                        "osgi.extender;filter:=\"(&(osgi.extender=osgi.component)(version>=1.4.0)(!(version>=2.0.0)))\"")
                .text(
                        "OSGI-INF/waiting.xml",
                        "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.4.0\" name=\"test.Waiting\""
                                + " immediate=\"true\"><implementation class=\"" + FailingActivation.class.getName()
                                + "\"/><reference name=\"crm\" interface=\"com.example.partner.Crm\"/></scr:component>")
                .classes(FailingActivation.class)
                .build();
        long deployedAt = System.nanoTime();
        portal.deploy("waiting-component.jar", jar);

        awaitLogLine(l -> l.contains("INFO") && l.contains("Bundle test.plugin.waiting 1.0.0 started"));
        Thread.sleep(3_000);
        assertFalse(portal.output().contains("test.Waiting"), "not yet: services may take a moment to come");
        String line = awaitLogLine(l -> l.contains("WARN") && l.contains("test.Waiting"), Duration.ofSeconds(40));
        assertTrue(line.contains("is waiting for service com.example.partner.Crm"), line);
        assertTrue(System.nanoTime() - deployedAt >= Duration.ofSeconds(15).toNanos(), "after the wait: " + line);
        Thread.sleep(2_500);
        assertEquals(
                1,
                portal.output().lines().filter(l -> l.contains("test.Waiting")).count(),
                "logged once");
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedWithPidPropertyAndTypeAndThePreviousConfigurationStays() throws Exception {
        // A valid file first: request bodies above 2,000 bytes are refused with 413.
        Path cfg = writeConfig("org.cec.portal.intake.cfg.json", "{ \"maxBodyBytes\": 2000 }");
        try {
            awaitStatus(bigPost(), 413);

            writeConfig("org.cec.portal.intake.cfg.json", "{ \"maxBodyBytes\": \"lots\" }");
            String line = awaitLogLine(l -> l.contains("ERROR") && l.contains("\"lots\""));
            assertTrue(line.contains("org.cec.portal.intake"), "names the PID: " + line);
            assertTrue(line.contains("'maxBodyBytes'"), "names the property: " + line);
            assertTrue(line.contains("must be an integer"), "names the type: " + line);

            // The intake pages did not disappear, and still work with the previous configuration.
            assertEquals(200, portal.get("/request").statusCode());
            assertEquals(413, portal.send(bigPost()).statusCode(), "the previous limit is still in effect");
        } finally {
            Files.delete(cfg);
        }
        awaitStatus(bigPost(), 403); // back to the default limit: the post gets as far as the CSRF check
    }

    @Test
    void aFeatureFolderInstallsAsOneUnitAndRemovedLeavesNothingBehind() throws Exception {
        // a partner's feature: an API bundle, a bundle that needs it, a page (the hello example) and its configuration
        Path staged = Files.createDirectories(portal.home.resolve("workshops-feature"));
        Files.write(
                staged.resolve("test.feature.api.jar"),
                TestBundles.bundle("test.feature.api")
                        .header("Export-Package", "test.feature.api;version=\"1.0.0\"")
                        .build());
        Files.write(
                staged.resolve("test.feature.impl.jar"),
                TestBundles.bundle("test.feature.impl")
                        .header("Import-Package", "test.feature.api;version=\"[1.0,2)\"")
                        .build());
        Files.copy(
                portal.home.resolve("examples/org.cec.portal.example.hello.jar"),
                staged.resolve("org.cec.portal.example.hello.jar"));
        Files.writeString(
                staged.resolve("org.cec.portal.example.hello.HelloPage.cfg.json"),
                "{ \"partner.name\": \"Feature Folder Co-op\" }");
        Path deployed = portal.home.resolve("deploy/workshops-feature");
        Files.move(staged, deployed, StandardCopyOption.ATOMIC_MOVE);

        awaitHealth(
                h -> h.body().contains("\"name\":\"Plugin test.feature.impl\",\"status\":\"OK\"")
                        && h.body().contains("\"name\":\"Plugin test.feature.api\",\"status\":\"OK\"")
                        && h.body().contains("\"name\":\"Module org.cec.portal.example.hello\",\"status\":\"OK\""),
                "the feature's bundles are up, the one needing the other resolved with it");
        awaitBody("/partner/hello", body -> body.contains("Feature Folder Co-op"), "the feature's configuration");

        // removed at once (moved out, as an operator's mv would), then deleted
        Path removed = portal.home.resolve("workshops-feature-removed");
        Files.move(deployed, removed, StandardCopyOption.ATOMIC_MOVE);
        awaitStatus(HttpRequest.newBuilder(portal.uri("/partner/hello")), 404);
        awaitHealth(
                h -> !h.body().contains("Plugin test.feature") && !h.body().contains("example.hello"), "nothing left");

        // its configuration went with it: the page alone has its default again
        Path alone = portal.deploy(
                "org.cec.portal.example.hello.jar",
                Files.readAllBytes(removed.resolve("org.cec.portal.example.hello.jar")));
        awaitBody(
                "/partner/hello", body -> body.contains("Example Energy Nonprofit"), "the page's default partner name");
        assertFalse(portal.get("/partner/hello").body().contains("Feature Folder Co-op"));
        Files.delete(alone);
        awaitStatus(HttpRequest.newBuilder(portal.uri("/partner/hello")), 404);
    }

    private static void awaitBody(String path, Predicate<String> until, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String body = portal.get(path).body();
        while (!until.test(body)) {
            assertTrue(System.nanoTime() < deadline, what + ": " + body);
            Thread.sleep(200);
            body = portal.get(path).body();
        }
    }

    private static HttpRequest.Builder bigPost() {
        return HttpRequest.newBuilder(portal.uri("/request"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("x=" + "a".repeat(3000)));
    }

    private static Path writeConfig(String name, String json) throws Exception {
        Path tmp = portal.home.resolve(name + ".tmp");
        Files.writeString(tmp, json);
        Path target = portal.home.resolve("deploy").resolve(name);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private static String awaitLogLine(Predicate<String> matches) throws Exception {
        return awaitLogLine(matches, Duration.ofSeconds(15));
    }

    private static String awaitLogLine(Predicate<String> matches, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : portal.output().split("\n")) {
                if (matches.test(line)) {
                    return line;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No such line in the log within " + timeout + ":\n" + portal.output());
    }

    private static void awaitStatus(HttpRequest.Builder request, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = portal.send(request);
            last = response.statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Answered " + last + ", not " + status);
    }

    private static HttpResponse<String> awaitHealth(Predicate<HttpResponse<String>> until, String what)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> h = portal.get("/health");
        while (!until.test(h)) {
            assertTrue(System.nanoTime() < deadline, what + ": " + h.body());
            Thread.sleep(500);
            h = portal.get("/health");
        }
        return h;
    }
}
