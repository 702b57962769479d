package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cec.portal.itests.analyticsprobe.RecordingProbe;
import org.cec.portal.itests.directorypages.PagesTestSource;
import org.cec.portal.itests.support.TestBundles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The public page {@code /impact} (issue 14, acceptance 6) over real HTTP against the assembled
 * distribution: 12 requests for one service and 3 for another, submitted through the real form, show as
 * 12 and as "fewer than 10" ("menos de 10" in Spanish), the totals leave the hidden 3 out, and "Our
 * impact" is in the navigation. The counts come from the event log only (the analytics module's
 * consumer of {@code intake.submitted}). With the analytics module installed, the directory's search
 * page and API and the request form's steps work as before (the modules' analytics hooks).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImpactDistributionIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern SERVICE_COLUMN = Pattern.compile("<th scope=\"col\" data-service=\"([a-z0-9-]+)\">");
    private static final Pattern CELL = Pattern.compile("<td>(.*?)</td>", Pattern.DOTALL);

    private RunningPortal portal;

    @BeforeAll
    void start() throws Exception {
        // 15 requests of three posts each from 127.0.0.1: more than the default limit per client and window.
        portal = RunningPortal.start(
                "impact",
                home -> Files.writeString(
                        home.resolve("etc/org.cec.portal.intake.cfg"),
                        "rateLimit.posts=1000\nrateLimit.windowSeconds=600\n"));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (portal.get("/request").statusCode() != 200
                || portal.get("/impact").statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "the form and the impact page are up");
            Thread.sleep(200);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(portal.uri(path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return portal.send(request);
    }

    /** The services of the requests table, in column order, and the cells of its newest month. */
    private static List<String> columns(String page) {
        List<String> ids = new ArrayList<>();
        Matcher m = SERVICE_COLUMN.matcher(page);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static List<String> newestMonth(String page) {
        int table = page.indexOf("id=\"impact-requests\"");
        assertTrue(table > 0, "the requests table:\n" + page);
        int body = page.indexOf("<tbody>", table);
        int end = page.indexOf("</tr>", body);
        List<String> cells = new ArrayList<>();
        Matcher m = CELL.matcher(page.substring(body, end));
        while (m.find()) {
            cells.add(m.group(1).replaceAll("<[^>]+>", "").strip());
        }
        return cells;
    }

    @Test
    @Order(1)
    void thePageAndItsNavigationEntryAreThereInEnglishAndSpanish() throws Exception {
        HttpResponse<String> page = get("/impact");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<h1>Our impact</h1>"), page.body());
        assertTrue(page.body().contains("id=\"impact-note\""), page.body());
        String home = get("/").body();
        assertTrue(home.contains("href=\"/impact\""), "the navigation links to /impact:\n" + home);
        assertTrue(home.contains("Our impact"), home);
        String spanish = get("/?page-lang=es").body();
        assertTrue(spanish.contains("Nuestro impacto"), spanish);
    }

    @Test
    @Order(2)
    void twelveRequestsForOneServiceShowAndThreeForAnotherAreSuppressedInEnglishAndSpanish() throws Exception {
        for (int i = 0; i < 12; i++) {
            new FormVisitor(portal).submit("Sol " + i, "sol" + i + "@example.org", "1 Solar Way", "solar-pv");
        }
        for (int i = 0; i < 3; i++) {
            new FormVisitor(portal).submit("Heat " + i, "heat" + i + "@example.org", "2 Pump Street", "heat-pump");
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        String page = get("/impact").body();
        while (!(columns(page).contains("solar-pv")
                && columns(page).contains("heat-pump")
                && newestMonth(page).get(columns(page).indexOf("solar-pv")).equals("12"))) {
            assertTrue(System.nanoTime() < deadline, "12 solar requests are counted:\n" + page);
            Thread.sleep(500);
            page = get("/impact").body();
        }
        List<String> columns = columns(page);
        List<String> cells = newestMonth(page);
        assertEquals(columns.size() + 1, cells.size(), "a cell per service and the month's total: " + cells);
        assertEquals("12", cells.get(columns.indexOf("solar-pv")));
        assertEquals("fewer than 10", cells.get(columns.indexOf("heat-pump")), "3 heat pumps are hidden");
        assertEquals("12", cells.get(cells.size() - 1), "the total leaves the hidden 3 out (not 15)");
        assertFalse(page.contains(">3<") || page.contains(">15<"), "neither 3 nor 15 is shown:\n" + page);
        assertTrue(page.contains("<caption id=\"requests-caption\">"), page);
        assertTrue(page.contains("<th scope=\"row\">"), page);
        assertFalse(page.contains("sol0@example.org") || page.contains("94110"), "nothing personal:\n" + page);

        String spanish = get("/impact?page-lang=es").body();
        assertTrue(spanish.contains("<html lang=\"es\""), spanish);
        assertTrue(spanish.contains("<h1>Nuestro impacto</h1>"), spanish);
        List<String> es = newestMonth(spanish);
        assertEquals("12", es.get(columns(spanish).indexOf("solar-pv")));
        assertEquals("menos de 10", es.get(columns(spanish).indexOf("heat-pump")));
        assertTrue(spanish.contains("Solicitudes por servicio y mes"), spanish);

        String viaHeader = get("/impact", "Accept-Language", "es").body();
        assertTrue(viaHeader.contains("menos de 10"), viaHeader);
    }

    @Test
    @Order(3)
    void thePageIsOnlyRead() throws Exception {
        FormVisitor v = new FormVisitor(portal);
        v.get("/request");
        HttpResponse<String> post = v.post("/impact", "x=1");
        assertNotEquals(200, post.statusCode(), post.body());
        assertTrue(post.statusCode() == 405 || post.statusCode() == 403, "GET only: " + post.statusCode());
    }

    @Test
    @Order(4)
    void withTheAnalyticsModuleInstalledSearchesTheFormAndNotFoundPagesWorkAsBefore() throws Exception {
        HttpResponse<String> search = get("/contractors?zip=94110&radius=25&service=solar-pv");
        assertEquals(200, search.statusCode(), search.body());
        HttpResponse<String> api = get("/api/v1/contractors?zip=94110");
        assertEquals(200, api.statusCode(), api.body());
        HttpResponse<String> wrong = get("/contractors?zip=abc");
        assertEquals(400, wrong.statusCode());

        FormVisitor v = new FormVisitor(portal);
        assertEquals(200, v.get("/request").statusCode());
        HttpResponse<String> mistake = v.post("/request", Http.form("name", "", "email", "x") + "&step=contact");
        assertEquals(400, mistake.statusCode(), mistake.body());
        assertEquals(
                200,
                v.submit("Step Walker", "walker@example.org", "3 Form Road").statusCode());

        HttpResponse<String> missing = get("/no-such-page/12345?token=abc");
        assertEquals(404, missing.statusCode());
        assertFalse(missing.body().contains("Exception"), missing.body());
    }

    /**
     * The hooks for real: a test bundle registers a recording {@code AnalyticsRecorder} (of high rank, so it
     * is the one the modules bind, dynamically, while they run) and lists what it was given. Removing it
     * again leaves the pages working.
     */
    @Test
    @Order(5)
    void theModulesReportSearchesClicksTheFormsStepsAndErrorsAndNotFoundPathsToTheRecorder() throws Exception {
        byte[] jar = TestBundles.bundle("org.cec.portal.itests.analyticsprobe")
                .header("Bundle-Activator", RecordingProbe.class.getName())
                .header(
                        "Import-Package",
                        "org.cec.portal.api.analytics;version=\"[1.0,2)\",jakarta.servlet;version=\"[5.0,7)\","
                                + "jakarta.servlet.http;version=\"[5.0,7)\",org.osgi.framework;version=\"[1.8,2)\"")
                .classes(RecordingProbe.class)
                .build();
        java.nio.file.Path deployed = portal.deploy("analyticsprobe.jar", jar);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (get(RecordingProbe.PATH).statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "the probe is deployed");
            Thread.sleep(200);
        }
        // the hooks bind the probe as it comes (dynamic, greedy): search until one is seen
        String seen = "";
        while (!seen.contains("directory.search")) {
            assertTrue(System.nanoTime() < deadline, "the search is reported: " + seen);
            get("/contractors?zip=94110&radius=25&service=solar-pv");
            Thread.sleep(200);
            seen = get(RecordingProbe.PATH).body();
        }
        assertTrue(seen.contains("directory.search {radius=25, results="), seen);
        assertTrue(seen.contains("service=solar-pv, zip3=941}"), seen);
        assertFalse(seen.contains("94110"), "never the full ZIP: " + seen);

        // a contractor with a website: the directory pages' test source
        portal.deploy(
                "directorypages.jar",
                TestBundles.bundle("org.cec.portal.itests.directorypages")
                        .header("Bundle-Activator", PagesTestSource.class.getName())
                        .header(
                                "Import-Package",
                                "org.cec.portal.api.directory;version=\"[1.0,2)\","
                                        + "org.cec.portal.api.geo;version=\"[1.0,2)\",org.osgi.framework;version=\"[1.8,2)\"")
                        .classes(PagesTestSource.class)
                        .build());
        while (!get("/api/v1/contractors?zip=94110&radius=1").body().contains("\"itpages:near\"")) {
            assertTrue(System.nanoTime() < deadline, "the test source's contractors are searched");
            Thread.sleep(200);
        }
        HttpResponse<String> click = java.net.http.HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(portal.uri("/out/itpages:near"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(302, click.statusCode(), click.body());
        String contractor = "itpages:near";

        FormVisitor v = new FormVisitor(portal);
        v.get("/request");
        String contact = Http.form(
                "name", "Probe Person",
                "email", "probe.example.org",
                "phone", "415.555.0134",
                "city", "San Francisco",
                "zip", "94110",
                "address", "5 Probe Street",
                "age", "13-or-older");
        assertEquals(400, v.post("/request", contact + "&step=contact").statusCode());
        v.submit("Probe Person", "probe@example.org", "5 Probe Street", "heat-pump");
        get("/contractors/no-such-contractor-anywhere/choose/AbC123xyz?secret=1");
        get("/this/is/7a6b5c4d3e2f1a0b9c8d/missing?email=probe@example.org");

        String all = get(RecordingProbe.PATH).body();
        assertTrue(all.contains("directory.outbound-click {contractor=" + contractor + "}"), all);
        assertTrue(all.contains("form.step {form=request, step=contact}"), all);
        assertTrue(all.contains("form.error {field=email, form=request, step=contact}"), all);
        assertTrue(all.contains("form.step {form=request, step=services}"), all);
        assertTrue(all.contains("form.step {form=request, step=review}"), all);
        assertTrue(all.contains("form.submitted {form=request, service=heat-pump}"), all);
        assertTrue(all.contains("not-found {path=/this/is/{token}/missing}"), all);
        for (String secret : List.of(
                "probe.example.org",
                "probe@example.org",
                "Probe Person",
                "Probe Street",
                "AbC123xyz",
                "7a6b5c4d3e2f1a0b9c8d",
                "secret")) {
            assertFalse(all.contains(secret), secret + " reached the recorder:\n" + all);
        }

        java.nio.file.Files.delete(deployed);
        while (get(RecordingProbe.PATH).statusCode() != 404) {
            assertTrue(System.nanoTime() < deadline, "the probe is gone");
            Thread.sleep(200);
        }
        assertEquals(200, get("/contractors?zip=94110").statusCode());
        assertEquals(200, new FormVisitor(portal).get("/request").statusCode());
        assertEquals(404, get("/still-missing").statusCode());
    }
}
