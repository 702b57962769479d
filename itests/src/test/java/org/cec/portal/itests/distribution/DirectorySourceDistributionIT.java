package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 12, acceptance 8: the csvsource example plugin, installed at runtime into {@code deploy/},
 * adds the contractors of its CSV file to search; a change of the file shows within seconds; removed,
 * its contractors are gone; and the portal answers every request meanwhile.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectorySourceDistributionIT {

    private static final String HEADER = "id,business_name,services,base_zip,latitude,longitude,"
            + "service_radius_miles,served_zips,certifications,licences,insured_until,languages,description,"
            + "website,phone,email,active,last_verified\n";
    private static final String SEARCH = "/api/v1/contractors?zip=94110&radius=25&service=solar-pv";
    private static final String JAR = "org.cec.portal.example.csvsource.jar";

    private static RunningPortal portal;

    @BeforeAll
    static void start() throws Exception {
        portal = RunningPortal.start("directory-source");
    }

    @AfterAll
    static void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    @Order(1)
    void theCertificationChoicesAreThoseOfTheDirectoryFromTheFirstPage() throws Exception {
        // the portal is ready (/health 200) only once the directory has loaded its demonstration
        // contractors and built its index from them; the page takes the names from it, never from what
        // earlier pages happened to show
        String form = get("/contractors").body();
        assertTrue(form.contains("<option value=\"NABCEP PV Installation Professional\""), form);
        assertTrue(form.contains("<option value=\"BPI Building Analyst\""), form);
        assertTrue(get(SEARCH).body().contains("\"id\""), "the demonstration contractors are searchable");
    }

    @Test
    @Order(2)
    void theCsvSourceAddsItsContractorsWhileInstalledAndThePortalAnswersThroughout() throws Exception {
        writeCsv(HEADER
                + "sun-1,Partner Sun Co-op,solar-pv,94110,,,30,,,,,en;es,,https://example.org/sun,,,true,\n"
                + "sun-2,Partner Bay Solar,solar-pv;battery-storage;tidal-power,94103,,,30,,,,,en,,,,,true,\n"
                + "off-1,Partner Inactive,solar-pv,94110,,,30,,,,,en,,,,,false,\n");
        assertTrue(!search().contains("csv:sun-1"), "not there before the plugin is installed");

        AtomicInteger failures = new AtomicInteger();
        AtomicInteger requests = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        Thread poller = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                for (String path : List.of("/contractors?zip=94110", SEARCH, "/request")) {
                    try {
                        HttpResponse<String> r = get(path);
                        requests.incrementAndGet();
                        if (r.statusCode() != 200) {
                            failures.incrementAndGet();
                            firstFailure.compareAndSet(null, path + " " + r.statusCode());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, path + " " + e);
                    }
                }
            }
        });
        poller.start();
        try {
            Path deployed = portal.home.resolve("deploy").resolve(JAR);
            Path tmp = portal.home.resolve(JAR + ".tmp");
            Files.copy(portal.home.resolve("examples").resolve(JAR), tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, deployed, StandardCopyOption.ATOMIC_MOVE);

            String found = await(body -> body.contains("\"id\":\"csv:sun-1\""), "the source's contractors appear");
            assertTrue(found.contains("\"id\":\"csv:sun-2\""), found);
            assertTrue(found.contains("Partner list"), "tagged with the source's label: " + found);
            assertTrue(!found.contains("csv:off-1"), "an inactive contractor never appears");
            String html = get("/contractors?zip=94110&service=solar-pv").body();
            assertTrue(html.contains("Partner Sun Co-op"), "on the search page too");
            assertTrue(get("/contractors/csv:sun-1").statusCode() == 200, "with a profile");
            // staff see them in the console (as the directory holds them, read-only), the inactive one too
            String console = consoleGet("/system/console/contractors?q=Partner");
            assertTrue(console.contains("Partner Sun Co-op") && console.contains("Partner Inactive"), console);
            assertTrue(consoleGet("/system/console/contractors?id=csv:sun-1").contains("Partner Sun Co-op"));
            // a service no plugin offers: named in the log and to staff, never shown to homeowners
            assertFalse(found.contains("tidal-power"), found);
            assertFalse(get("/contractors/csv:sun-2").body().contains("tidal-power"));
            assertTrue(console.contains("(no plugin offers tidal-power"), console);
            assertTrue(
                    portal.output().contains("of the source csv name services that no plugin offers now: tidal-power"),
                    "the operator is told");

            // the file is replaced: the change is read within seconds
            writeCsv(HEADER + "sun-1,Partner Sun Co-op Renamed,solar-pv,94110,,,30,,,,,en,,,,,true,\n");
            String changed = await(
                    body -> body.contains("Partner Sun Co-op Renamed") && !body.contains("csv:sun-2"),
                    "the changed file is read again");
            assertTrue(changed.contains("\"id\":\"csv:sun-1\""), changed);

            Files.delete(deployed);
            await(body -> !body.contains("csv:sun-1"), "the contractors are gone with the plugin");
            assertEquals(404, get("/contractors/csv:sun-1").statusCode(), "and their profile");
        } finally {
            poller.interrupt();
            poller.join(5_000);
        }
        assertTrue(requests.get() > 20, "the poller ran: " + requests.get());
        assertEquals(0, failures.get(), "every request answered 200 meanwhile; first failure: " + firstFailure.get());
    }

    private static String consoleGet(String path) throws Exception {
        HttpResponse<String> r = portal.send(HttpRequest.newBuilder(portal.uri(path))
                .header("Authorization", portal.adminAuthorization())
                .GET());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }

    private static void writeCsv(String csv) throws Exception {
        Path folder = portal.dataDir.resolve("csvsource");
        Files.createDirectories(folder);
        Path tmp = folder.resolve("contractors.csv.tmp");
        Files.writeString(tmp, csv, StandardCharsets.UTF_8);
        Files.move(
                tmp,
                folder.resolve("contractors.csv"),
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static String search() throws Exception {
        HttpResponse<String> r = get(SEARCH);
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static String await(Predicate<String> condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String body = search();
        while (!condition.test(body)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Within 15 s: " + what + "; the last answer was:\n" + body);
            }
            Thread.sleep(100);
            body = search();
        }
        return body;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return portal.http.send(
                HttpRequest.newBuilder(portal.uri(path))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
