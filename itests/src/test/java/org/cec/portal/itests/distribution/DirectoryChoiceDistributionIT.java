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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cec.portal.itests.leadmail.LeadMailModule;
import org.cec.portal.itests.support.OpenApiContract;
import org.cec.portal.itests.support.PostgresSchema;
import org.cec.portal.itests.support.TestBundles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 12, acceptance 5 and 6, over real HTTP against the distribution on H2: a homeowner submits a
 * request, the confirmation page offers the contractors near its ZIP, choosing shares it with exactly
 * those (one disclosure and one {@code directory.contact-requested} event each), a fourth is refused,
 * the same twice shares once, the address is left out after an address-sharing opt-out, forged and
 * malformed links get a kind 404; a contractor reports an outcome through its lead link (page and
 * JSON API), stored with one {@code directory.lead-updated} event and shown on the homeowner's page;
 * a forged lead token changes nothing.
 *
 * <p>Contractors come from the csvsource example (a known list at ZIP 94110; demonstration data off).
 * The events, and the lead links, are seen through the test plugin {@link LeadMailModule}, which plays
 * the email module against the SDK. When the class is done the portal is stopped and its database is
 * checked directly: exactly the disclosures and events the tests caused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectoryChoiceDistributionIT {

    private static final String HEADER = "id,business_name,services,base_zip,latitude,longitude,"
            + "service_radius_miles,served_zips,certifications,licences,insured_until,languages,description,"
            + "website,phone,email,active,last_verified\n";
    private static final String CSV = HEADER
            + "s1,Choice Test Solar One,solar-pv,94110,,,30,,,,,en;es,,,,,true,\n"
            + "s2,Choice Test Solar Two,solar-pv,94110,,,30,,,,,en,,,,,true,\n"
            + "s3,Choice Test Solar Three,solar-pv,94110,,,30,,,,,en,,,,,true,\n"
            + "s4,Choice Test Solar Four,solar-pv;battery-storage,94110,,,30,,,,,en,,,,,true,\n"
            + "off,Choice Test Inactive,solar-pv,94110,,,30,,,,,en,,,,,false,\n"
            + "heat,Choice Test Heat Only,heat-pump,94110,,,30,,,,,en,,,,,true,\n";
    private static final String JAR = "org.cec.portal.example.csvsource.jar";
    private static final Pattern ACTION = Pattern.compile("action=\"(/contractors/choose/[A-Za-z0-9_-]{43})\"");
    private static final Pattern REFERENCE = Pattern.compile("id=\"reference\">([0-9A-Z-]{24})<");

    private static final String LEAD_API = "/api/v1/leads/{token}";
    private RunningPortal portal;
    private PostgresSchema db;

    /** The database the portal runs on: {@code h2} here, {@code postgresql} in the subclass. */
    String kind() {
        return "h2";
    }
    /** The choose path of the first request. */
    private String choosePath;

    private String reference;
    private int disclosures;
    private int leadUpdates;

    @BeforeAll
    void start() throws Exception {
        db = kind().equals("h2") ? null : PostgresSchema.create("dirchoice");
        portal = RunningPortal.start("directory-choice-" + kind(), home -> {
            Files.writeString(home.resolve("etc/org.cec.portal.directory.cfg"), "demo.enabled=false\n");
            if (db != null) {
                Files.writeString(home.resolve("etc/org.cec.portal.platform.database.cfg"), db.platformConfiguration());
            }
        });
        Path folder = portal.dataDir.resolve("csvsource");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("contractors.csv"), CSV, StandardCharsets.UTF_8);
        Path tmp = portal.home.resolve(JAR + ".tmp");
        Files.copy(portal.home.resolve("examples").resolve(JAR), tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, portal.home.resolve("deploy").resolve(JAR), StandardCopyOption.ATOMIC_MOVE);
        portal.deploy(
                "leadmail.jar",
                TestBundles.bundle("org.cec.portal.itests.leadmail")
                        .header("Bundle-Activator", LeadMailModule.class.getName())
                        .header(
                                "Import-Package",
                                "org.cec.portal.api.directory;version=\"[1.0,2)\","
                                        + "org.cec.portal.api.events;version=\"[1.0,2)\","
                                        + "org.osgi.framework;version=\"[1.8,2)\",org.osgi.util.tracker;version=\"[1.5,2)\"")
                        .classes(LeadMailModule.bundleClasses())
                        .build());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        // The source read its file; the directory's index has its contractors within a second after.
        while (!portal.output().contains("Source csv: 6 contractors read")
                || !portal.output().contains("org.cec.portal.itests.leadmail 1.0.0 started")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The csvsource contractors did not appear:\n" + portal.output());
            }
            Thread.sleep(200);
        }
        Thread.sleep(1500);
    }

    @AfterAll
    void stopAndCheckTheDatabase() throws Exception {
        if (portal == null) {
            return;
        }
        try {
            assertEquals(143, portal.terminate(Duration.ofSeconds(60)), "stopped cleanly by SIGTERM");
            try (Connection c = db != null ? db.connect() : portal.h2()) {
                assertEquals(disclosures, count(c, "SELECT COUNT(*) FROM directory_disclosure"), "disclosures");
                assertEquals(
                        disclosures,
                        count(c, "SELECT COUNT(*) FROM platform_event WHERE type = 'directory.contact-requested'"),
                        "one contact-requested event per disclosure");
                assertEquals(
                        leadUpdates,
                        count(c, "SELECT COUNT(*) FROM platform_event WHERE type = 'directory.lead-updated'"),
                        "one lead-updated event per report");
                assertEquals(leadUpdates, count(c, "SELECT COUNT(*) FROM directory_lead_outcome"), "outcomes");
                assertEquals(
                        0,
                        count(c, "SELECT COUNT(*) FROM directory_choice_token WHERE LENGTH(token_hash) <> 43"),
                        "only SHA-256 hashes of tokens");
            }
        } finally {
            portal.close();
            if (db != null) {
                db.drop();
            }
        }
    }

    // ---- acceptance 5 ------------------------------------------------------------------------------

    @Test
    @Order(8)
    void anExpiredChooseLinkGetsAKind404AndSharesNothing() throws Exception {
        // Only on PostgreSQL can the test reach into the running portal's database to age a request.
        Assumptions.assumeTrue(db != null, "on PostgreSQL only");
        FormVisitor v = new FormVisitor(portal);
        HttpResponse<String> done = v.submit("Old Homeowner", "old.choice@example.com", "2 Mission St");
        String path = match(ACTION, done.body());
        String ref = match(REFERENCE, done.body());
        assertEquals(200, v.get(path).statusCode(), "valid while fresh");
        try (Connection c = db.connect();
                java.sql.PreparedStatement s = c.prepareStatement(
                        "UPDATE directory_choice_token SET created_at = created_at - INTERVAL '31 days',"
                                + " expires_at = expires_at - INTERVAL '30 days' WHERE request_reference = ?")) {
            s.setString(1, ref);
            assertTrue(s.executeUpdate() >= 1, "the request's choose links aged by 30 days");
        }
        HttpResponse<String> expired = v.get(path);
        assertEquals(404, expired.statusCode());
        assertTrue(expired.body().contains("This link does not work"), expired.body());
        int before = outbox("directory.contact-requested").size();
        HttpResponse<String> post = v.post(path, "contractor=csv%3As1");
        assertEquals(404, post.statusCode());
        assertEquals(before, outbox("directory.contact-requested").size(), "nothing shared through an expired link");
    }

    @Test
    @Order(1)
    void theConfirmationPageOffersTheContractorsNearTheRequestWithAFormToChoose() throws Exception {
        FormVisitor v = new FormVisitor(portal);
        HttpResponse<String> done = v.submit("Ada Homeowner", "ada.choice@example.com", "1 Mission St");
        String html = done.body();
        reference = match(REFERENCE, html);
        assertTrue(html.contains("id=\"choose-offer\""), html);
        for (String id : List.of("csv:s1", "csv:s2", "csv:s3", "csv:s4")) {
            assertTrue(html.contains("name=\"contractor\" value=\"" + id + "\""), id + " offered:\n" + html);
        }
        assertFalse(html.contains("csv:off"), "an inactive contractor is never offered");
        assertFalse(html.contains("csv:heat"), "nor one without the request's service");
        assertTrue(html.contains("name=\"_csrf\""), "the form carries its CSRF token");
        choosePath = match(ACTION, html);
        assertEquals(0, outbox("directory.contact-requested").size(), "nothing shared before choosing");

        HttpResponse<String> page = v.get(choosePath);
        assertEquals(200, page.statusCode());
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(page.body().contains("csv:s1") && !page.body().contains("id=\"chosen\""), page.body());
    }

    @Test
    @Order(2)
    void choosingTwoSharesExactlyTwiceAndTheHomeownerSeesWhomAndWhen() throws Exception {
        FormVisitor v = new FormVisitor(portal);
        v.get(choosePath);
        HttpResponse<String> chosen = v.post(choosePath, "contractor=csv%3As1&contractor=csv%3As2");
        assertEquals(303, chosen.statusCode(), chosen.body());
        disclosures += 2;
        HttpResponse<String> page =
                v.get(chosen.headers().firstValue("Location").orElseThrow());
        assertTrue(page.body().contains("Your request was sent to the 2 contractors you chose."), page.body());
        assertTrue(page.body().contains("Choice Test Solar One") && page.body().contains("Choice Test Solar Two"));
        assertTrue(page.body().contains("Chosen on"), page.body());
        assertTrue(page.body().contains("data-status=\"shared\""), page.body());
        List<String[]> events = awaitOutbox("directory.contact-requested", 2);
        assertEquals(2, events.size(), "exactly two contact requests");
        assertTrue(events.get(0)[2].contains("\"contractor\":\"csv:s1\""), events.get(0)[2]);
        assertTrue(events.get(1)[2].contains("\"contractor\":\"csv:s2\""), events.get(1)[2]);
        assertTrue(events.get(0)[2].contains("\"reference\":\"" + reference + "\""), events.get(0)[2]);
        assertTrue(events.get(0)[2].contains("\"address\""), "the address, without an opt-out: " + events.get(0)[2]);
        assertFalse(events.get(0)[2].contains("Ada"), "the event names fields, never their values");
    }

    @Test
    @Order(3)
    void aFourthIsRefusedAndTheSameContractorTwiceSharesOnce() throws Exception {
        FormVisitor v = new FormVisitor(portal);
        v.get(choosePath);
        HttpResponse<String> tooMany = v.post(choosePath, "contractor=csv%3As3&contractor=csv%3As4");
        assertEquals(400, tooMany.statusCode(), tooMany.body());
        assertTrue(tooMany.body().contains("You can choose at most 3 contractors"), tooMany.body());
        assertTrue(tooMany.body().contains("Nothing was sent"), tooMany.body());

        HttpResponse<String> again = v.post(choosePath, "contractor=csv%3As1");
        assertEquals(303, again.statusCode(), again.body());
        assertTrue(v.get(again.headers().firstValue("Location").orElseThrow())
                .body()
                .contains("nothing was sent again"));

        HttpResponse<String> third = v.post(choosePath, "contractor=csv%3As3&contractor=csv%3As1");
        assertEquals(303, third.statusCode(), third.body());
        disclosures += 1;
        HttpResponse<String> fourth = v.post(choosePath, "contractor=csv%3As4");
        assertEquals(400, fourth.statusCode(), fourth.body());
        HttpResponse<String> unknown = v.post(choosePath, "contractor=csv%3Aheat");
        assertEquals(400, unknown.statusCode(), "only contractors offered for the request");
        String page = v.get(choosePath).body();
        assertTrue(page.contains("id=\"choose-full\""), page);
        assertEquals(3, awaitOutbox("directory.contact-requested", 3).size());
        Thread.sleep(1500); // a late fourth event would show by now
        assertEquals(3, outbox("directory.contact-requested").size(), "nothing of the refused choices");
    }

    @Test
    @Order(4)
    void forgedOrMalformedChooseLinksGetAKind404AndShareNothing() throws Exception {
        FormVisitor v = new FormVisitor(portal);
        for (String path : List.of(
                "/contractors/choose/" + "A".repeat(43),
                "/contractors/choose/abc",
                "/contractors/choose/" + "A".repeat(44),
                "/contractors/choose/")) {
            HttpResponse<String> r = v.get(path);
            assertEquals(404, r.statusCode(), path);
            assertTrue(r.body().contains("This link does not work"), path + ":\n" + r.body());
        }
        v.get("/privacy/choices");
        HttpResponse<String> post = v.post("/contractors/choose/" + "B".repeat(43), "contractor=csv%3As4");
        assertEquals(404, post.statusCode());
        assertEquals(3, outbox("directory.contact-requested").size());
    }

    @Test
    @Order(5)
    void theAddressIsLeftOutAfterAnAddressSharingOptOut() throws Exception {
        FormVisitor v = new FormVisitor(portal);
        v.get("/privacy/choices");
        HttpResponse<String> optOut =
                v.post("/privacy/opt-out", Http.form("email", "bea.choice@example.com", "address-sharing", "yes"));
        assertTrue(optOut.statusCode() == 303 || optOut.statusCode() == 200, optOut.body());
        HttpResponse<String> done = v.submit("Bea Homeowner", "Bea.Choice@example.com", "2 Valencia St");
        String path = match(ACTION, done.body());
        assertEquals(303, v.post(path, "contractor=csv%3As4").statusCode());
        disclosures += 1;
        List<String[]> events = awaitOutbox("directory.contact-requested", 4);
        String payload = events.get(3)[2];
        assertTrue(payload.contains("\"contractor\":\"csv:s4\""), payload);
        assertFalse(payload.contains("\"address\""), "no address after the opt-out: " + payload);
        assertTrue(payload.contains("\"zip\""), payload);
        String page = v.get(path).body();
        assertFalse(page.contains("street address"), "the homeowner's page says what was shared: " + page);
        assertTrue(page.contains("ZIP code"), page);
    }

    // ---- acceptance 6 ------------------------------------------------------------------------------

    @Test
    @Order(6)
    void aLeadOutcomeThroughItsLinkIsStoredWithOneEventAndShownToTheHomeowner() throws Exception {
        String leadPath = awaitOutbox("directory.contact-requested", 4).get(0)[3];
        assertTrue(leadPath.matches("/leads/[A-Za-z0-9_-]{43}"), leadPath);
        FormVisitor contractor = new FormVisitor(portal);
        HttpResponse<String> lead = contractor.get(leadPath);
        assertEquals(200, lead.statusCode(), lead.body());
        assertTrue(lead.body().contains("Choice Test Solar One"), lead.body());
        for (String personal : List.of("Ada Homeowner", "ada.choice@example.com", "1 Mission St", "555", reference)) {
            assertFalse(lead.body().contains(personal), "the lead page shows no data of the homeowner: " + personal);
        }
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        HttpResponse<String> bad = contractor.post(leadPath, Http.form("status", "won", "date", today));
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("Choose what happened."), bad.body());
        HttpResponse<String> reported = contractor.post(leadPath, Http.form("status", "contacted", "date", today));
        assertEquals(303, reported.statusCode(), reported.body());
        leadUpdates += 1;
        assertTrue(contractor
                .get(reported.headers().firstValue("Location").orElseThrow())
                .body()
                .contains("your report was saved"));
        List<String[]> updates = awaitOutbox("directory.lead-updated", 1);
        assertEquals(1, updates.size());
        assertTrue(updates.get(0)[2].contains("\"status\":\"contacted\""), updates.get(0)[2]);
        assertTrue(updates.get(0)[2].contains("\"contractor\":\"csv:s1\""), updates.get(0)[2]);

        String homeowner = new FormVisitor(portal).get(choosePath).body();
        assertTrue(homeowner.contains("data-status=\"contacted\""), "the homeowner sees it: " + homeowner);

        // The JSON API for contractors' own systems.
        String token = leadPath.substring("/leads/".length());
        HttpResponse<String> api = api(token, "{\"status\":\"job-done\",\"servicesPerformed\":[\"solar-pv\"]}");
        assertEquals(200, api.statusCode(), api.body());
        assertTrue(api.body().contains("\"status\":\"job-done\""), api.body());
        // the answers are those the portal's OpenAPI document gives (issue 17)
        OpenApiContract contract =
                new OpenApiContract(portal.get("/api/v1/openapi.json").body());
        contract.assertRequestBody("POST", LEAD_API, "{\"status\":\"job-done\",\"servicesPerformed\":[\"solar-pv\"]}");
        contract.assertAnswer("POST", LEAD_API, api);
        leadUpdates += 1;
        for (String body : List.of(
                "{",
                "[]",
                "{\"status\":\"job-done\"}",
                "{\"status\":\"contacted\",\"date\":\"yesterday\"}",
                "{\"status\":\"contacted\",\"unknown\":1}",
                "{\"status\":\"contacted\",\"status\":\"declined\"}",
                "{\"status\":7}",
                "{\"status\":\"contacted\",\"note\":\"" + "x".repeat(600) + "\"}",
                "{\"status\":\"contacted\",\"note\":\"" + "x".repeat(5000) + "\"}")) {
            HttpResponse<String> r = api(token, body);
            assertEquals(400, r.statusCode(), body + " -> " + r.body());
            assertTrue(r.body().contains("\"error\":"), r.body());
            contract.assertAnswer("POST", LEAD_API, r);
        }
        assertEquals(2, awaitOutbox("directory.lead-updated", 2).size());
        assertTrue(new FormVisitor(portal).get(choosePath).body().contains("data-status=\"job-done\""));
    }

    @Test
    @Order(7)
    void aForgedLeadTokenChangesNothing() throws Exception {
        FormVisitor v = new FormVisitor(portal);
        String forged = "C".repeat(43);
        HttpResponse<String> page = v.get("/leads/" + forged);
        assertEquals(404, page.statusCode());
        assertTrue(page.body().contains("This lead link does not work"), page.body());
        assertEquals(404, v.get("/leads/abc").statusCode());
        v.get("/privacy/choices");
        assertEquals(
                404, v.post("/leads/" + forged, Http.form("status", "declined")).statusCode());
        HttpResponse<String> api = api(forged, "{\"status\":\"declined\"}");
        assertEquals(404, api.statusCode(), api.body());
        Thread.sleep(1500);
        assertEquals(2, outbox("directory.lead-updated").size(), "no report of a forged token");
        assertTrue(new FormVisitor(portal).get(choosePath).body().contains("data-status=\"job-done\""), "unchanged");
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private HttpResponse<String> api(String token, String json) throws Exception {
        return portal.send(HttpRequest.newBuilder(portal.uri("/api/v1/leads/" + token))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The outbox lines of the test plugin of one event type: id, type, payload, lead path. */
    private List<String[]> outbox(String type) throws Exception {
        Path file = portal.dataDir.resolve(LeadMailModule.OUTBOX);
        Map<String, String[]> byId = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.split("\t", -1);
                if (parts.length == 4 && parts[1].equals(type)) {
                    byId.putIfAbsent(parts[0], parts); // delivery is at least once
                }
            }
        }
        return new ArrayList<>(byId.values());
    }

    private List<String[]> awaitOutbox(String type, int atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String[]> lines = outbox(type);
        while (lines.size() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Within 20 s: " + atLeast + " " + type + " events, got " + lines.size());
            }
            Thread.sleep(100);
            lines = outbox(type);
        }
        return lines;
    }

    private static String match(Pattern p, String html) {
        Matcher m = p.matcher(html);
        assertTrue(m.find(), p + " in:\n" + html);
        return m.group(1);
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
