package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cec.portal.itests.partnerdata.WorkshopSignups;
import org.cec.portal.itests.support.PostgresSchema;
import org.cec.portal.itests.support.TestBundles;
import org.cec.portal.itests.support.TestSmtp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 16 (privacy requests), over real HTTP against the distribution with a real SMTP server
 * (GreenMail) and H2: a person with a request, an unfinished request (a draft), two contractors who
 * received the request and the outcome one of them reported, an opt-out, the email sent to her and a
 * sign-up held by a partner's plugin ({@link WorkshopSignups}, deployed as a partner would) asks for her
 * data at {@code /privacy/my-data}; the answer is the same as for an unknown address; the link that
 * arrives lists all of it, in the words of the module holding each part and in Spanish too, and nothing
 * of another person, in the page and in the JSON download; forged and altered links are refused kindly;
 * erasure needs the confirmation, then leaves none of her data in any table (nor in the plugin) except
 * the documented opt-out, asks each of the two contractors once to delete it, and makes the link open
 * nothing; every view, download and erasure is in the audit log; her address never reaches the log.
 * {@link PrivacyRequestsPostgresDistributionIT} runs the same on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrivacyRequestsDistributionIT {

    private static final String HEADER = "id,business_name,services,base_zip,latitude,longitude,"
            + "service_radius_miles,served_zips,certifications,licences,insured_until,languages,description,"
            + "website,phone,email,active,last_verified\n";
    private static final String CSV = HEADER
            + "p1,Privacy Solar One,solar-pv,94110,,,30,,,,,en,,,,one@privacy-contractors.test,true,\n"
            + "p2,Privacy Solar Two,solar-pv,94110,,,30,,,,,en,,,,two@privacy-contractors.test,true,\n";
    private static final String ADA = "ada.privacy@example.com";
    private static final String ADA_NAME = "Ada Privacy";
    private static final String BOB = "bob.privacy@example.com";
    private static final String BOB_NAME = "Bob Keeps";
    private static final String CLEO = "cleo.privacy@example.com";
    private static final String CLEO_NAME = "Cleo Calls";
    private static final String DORA = "dora.privacy@example.com";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern REFERENCE = Pattern.compile("id=\"reference\">([0-9A-Z-]{24})<");
    private static final Pattern CHOOSE =
            Pattern.compile("http://localhost:8080(/contractors/choose/[A-Za-z0-9_-]{43})\\s");
    private static final Pattern LINK = Pattern.compile("http://localhost:8080(/privacy/my-data/[A-Za-z0-9_.-]+)\\s");
    private static final Pattern LEAD = Pattern.compile("http://localhost:8080(/leads/[A-Za-z0-9_-]{43})\\s");
    private static final String LINK_SUBJECT = "Your link to see or delete your data";
    private static final String OUTCOME_NOTE = "Called back, visit on Friday";

    private TestSmtp smtp;
    private PostgresSchema db;
    private RunningPortal portal;
    private String adaReference;
    private String bobReference;
    private String link;

    /** The database the portal runs on: {@code h2} here, {@code postgresql} in the subclass. */
    String kind() {
        return "h2";
    }

    @BeforeAll
    void start() throws Exception {
        smtp = TestSmtp.start();
        db = kind().equals("h2") ? null : PostgresSchema.create("privacy");
        portal = RunningPortal.start("privacy-requests-" + kind(), home -> {
            if (db != null) {
                Files.writeString(home.resolve("etc/org.cec.portal.platform.database.cfg"), db.platformConfiguration());
            }
            Files.writeString(home.resolve("etc/org.cec.portal.directory.cfg"), "demo.enabled=false\n");
            // the timing test asks 20 times from one client, 10 times for one address
            Files.writeString(
                    home.resolve("etc/org.cec.portal.privacy.cfg"),
                    "links.perClientPerHour=60\nlinks.perAddressPerDay=12\n");
            smtp.writeConfig(home.resolve("etc"));
        });
        Path folder = portal.dataDir.resolve("csvsource");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("contractors.csv"), CSV, StandardCharsets.UTF_8);
        Path tmp = portal.home.resolve("csvsource.jar.tmp");
        Files.copy(
                portal.home.resolve("examples/org.cec.portal.example.csvsource.jar"),
                tmp,
                StandardCopyOption.REPLACE_EXISTING);
        Files.move(
                tmp,
                portal.home.resolve("deploy/org.cec.portal.example.csvsource.jar"),
                StandardCopyOption.ATOMIC_MOVE);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!portal.output().contains("Source csv: 2 contractors read")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The csvsource contractors did not appear:\n" + portal.output());
            }
            Thread.sleep(200);
        }
        Thread.sleep(1500); // the directory's index has them within a second
        deployPartnerPlugin();
    }

    /** A partner's plugin holding workshop sign-ups of Ada and Bob, with its own texts in two languages. */
    private void deployPartnerPlugin() throws Exception {
        byte[] jar = TestBundles.bundle("org.cec.portal.itests.partnerdata")
                .header("Bundle-Activator", WorkshopSignups.class.getName())
                .header(WorkshopSignups.SIGNUPS, ADA + "," + BOB)
                .header(
                        "Import-Package",
                        "org.cec.portal.api.privacy;version=\"[1.1,2)\",jakarta.servlet;version=\"[5.0,7)\","
                                + "jakarta.servlet.http;version=\"[5.0,7)\",org.osgi.framework;version=\"[1.8,2)\"")
                .classes(WorkshopSignups.class)
                .text(
                        "messages/messages.properties",
                        "privacy.area.workshops=Workshops you signed up for\n"
                                + "privacy.kind.workshops.signup=Workshop sign-up\n"
                                + "privacy.field.workshop=Workshop\n"
                                + "privacy.field.contact-method=How to reach you\n"
                                + "privacy.value.contact-method.phone=by phone\n")
                .text(
                        "messages/messages_es.properties",
                        "privacy.area.workshops=Talleres en los que se inscribi\u00f3\n"
                                + "privacy.kind.workshops.signup=Inscripci\u00f3n en un taller\n"
                                + "privacy.field.workshop=Taller\n")
                .build();
        portal.deploy("partnerdata.jar", jar);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (portal.get(WorkshopSignups.PATH).statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "the partner's plugin is deployed");
            Thread.sleep(200);
        }
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (portal != null) {
                portal.close();
            }
            if (smtp != null) {
                smtp.close();
            }
        } finally {
            if (db != null) {
                db.drop();
            }
        }
    }

    @Test
    @Order(1)
    void aPersonWithDataInEveryModuleAsksAndGetsTheSameAnswerAsAnUnknownAddress() throws Exception {
        FormVisitor ada = new FormVisitor(portal);
        adaReference =
                match(REFERENCE, ada.submit(ADA_NAME, ADA, "1 Privacy St").body());
        String choosePath = match(CHOOSE, TestSmtp.text(awaitTo(ADA, 1).get(0)));
        ada.get(choosePath);
        assertEquals(
                303,
                ada.post(choosePath, "contractor=csv%3Ap1&contractor=csv%3Ap2").statusCode());
        String leadPath = match(
                LEAD, TestSmtp.text(awaitTo("one@privacy-contractors.test", 1).get(0)));
        awaitTo("two@privacy-contractors.test", 1);
        FormVisitor contractor = new FormVisitor(portal);
        assertEquals(200, contractor.get(leadPath).statusCode());
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        HttpResponse<String> outcome =
                contractor.post(leadPath, Http.form("status", "contacted", "date", today, "note", OUTCOME_NOTE));
        assertEquals(303, outcome.statusCode(), outcome.body());

        FormVisitor drafting = new FormVisitor(portal);
        drafting.get("/request");
        String contact = Http.form(
                "name", ADA_NAME,
                "email", ADA,
                "phone", "415.555.0177",
                "city", "San Francisco",
                "zip", "94110",
                "address", "",
                "age", "13-or-older");
        assertEquals(200, drafting.post("/request", contact + "&step=contact").statusCode());
        HttpResponse<String> draft = drafting.post("/request", contact + "&step=services&services=heat-pump&go=draft");
        assertTrue(draft.body().contains("id=\"draft-sent\""), draft.body());
        awaitMail(ADA, m -> TestSmtp.text(m).contains("/request/draft/"));

        ada.get("/privacy/choices");
        HttpResponse<String> optOut = ada.post("/privacy/opt-out", Http.form("email", ADA, "marketing-email", "yes"));
        assertTrue(optOut.statusCode() == 303 || optOut.statusCode() == 200, optOut.body());

        FormVisitor bob = new FormVisitor(portal);
        bobReference = match(REFERENCE, bob.submit(BOB_NAME, BOB, "2 Other St").body());
        awaitTo(BOB, 1);

        FormVisitor asking = new FormVisitor(portal);
        HttpResponse<String> form = asking.get("/privacy/my-data");
        assertEquals(200, form.statusCode());
        assertTrue(form.body().contains("<label for=\"email\">"), form.body());
        HttpResponse<String> known = asking.post("/privacy/my-data", Http.form("email", "  Ada.Privacy@Example.com "));
        HttpResponse<String> unknown =
                asking.post("/privacy/my-data", Http.form("email", "nobody.privacy@example.com"));
        assertEquals(303, known.statusCode(), known.body());
        assertEquals(known.statusCode(), unknown.statusCode());
        assertEquals(known.headers().firstValue("location"), unknown.headers().firstValue("location"));
        assertEquals(known.body(), unknown.body(), "the answer tells nothing about the address");
        HttpResponse<String> sent = asking.get("/privacy/my-data?sent");
        assertTrue(sent.body().contains("id=\"link-sent\""), sent.body());

        MimeMessage mail = awaitMail(ADA, m -> LINK_SUBJECT.equals(m.getSubject()));
        link = match(LINK, TestSmtp.text(mail));
        Thread.sleep(2000);
        assertEquals(
                0, smtp.to("nobody.privacy@example.com").size(), "no link for an address the portal does not know");
    }

    @Test
    @Order(2)
    void theAnswerTakesAsLongForAKnownAddressAsForAnUnknownOne() throws Exception {
        FormVisitor v = new FormVisitor(portal);
        v.get("/privacy/my-data");
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            known.add(timed(v, ADA));
            unknown.add(timed(v, "unknown" + i + ".privacy@example.com"));
        }
        long difference = Math.abs(median(known) - median(unknown));
        assertTrue(difference < 10_000_000L, "medians " + median(known) + " and " + median(unknown) + " ns");
    }

    private static long timed(FormVisitor v, String email) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = v.post("/privacy/my-data", Http.form("email", email));
        long took = System.nanoTime() - t0;
        assertEquals(303, r.statusCode(), r.body());
        return took;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    @Test
    @Order(3)
    void aBadAddressIsShownAgainWithTheReason() throws Exception {
        FormVisitor v = new FormVisitor(portal);
        v.get("/privacy/my-data");
        HttpResponse<String> r = v.post("/privacy/my-data", Http.form("email", "not-an-address<b>"));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("id=\"email-error\""), r.body());
        assertTrue(r.body().contains("value=\"not-an-address&lt;b&gt;\""), "kept as typed, escaped:\n" + r.body());

        // an address may be asked for links.perAddressPerDay (here 12) times a day, by anyone: then a readable 429
        for (int i = 0; i < 12; i++) {
            assertEquals(
                    303,
                    v.post("/privacy/my-data", Http.form("email", "limit.privacy@example.com"))
                            .statusCode());
        }
        HttpResponse<String> limited = v.post("/privacy/my-data", Http.form("email", "limit.privacy@example.com"));
        assertEquals(429, limited.statusCode());
        assertTrue(limited.headers().firstValue("retry-after").isPresent(), "says when to try again");
        assertFalse(limited.body().contains("Exception"), limited.body());
    }

    @Test
    @Order(4)
    void theLinkListsEverythingOfThePersonAndNothingOfAnother() throws Exception {
        HttpResponse<String> page = portal.get(link);
        assertEquals(200, page.statusCode(), page.body());
        String body = page.body();
        for (String expected : List.of(
                adaReference,
                ADA_NAME,
                ADA,
                "Privacy Solar One",
                "Privacy Solar Two",
                "marketing-email",
                "Your service requests and unfinished requests",
                "Unfinished request",
                "Your email choices and opt-outs",
                "Contractors who received your request, and what they reported",
                "What the contractor reported",
                "contacted you",
                OUTCOME_NOTE,
                "Email we sent you",
                "Records of what happened",
                "Workshops you signed up for",
                "Workshop sign-up",
                "<dt>How to reach you</dt><dd>by phone</dd>",
                "Heat pumps 101",
                "<dt>ZIP code</dt>")) {
            assertTrue(body.contains(expected), "the page shows " + expected + ":\n" + body);
        }
        for (String other : List.of(bobReference, BOB_NAME, BOB)) {
            assertFalse(body.contains(other), "nothing of another person: " + other);
        }
        assertEquals("no-store", page.headers().firstValue("cache-control").orElse(""));

        HttpResponse<String> spanish = portal.send(
                java.net.http.HttpRequest.newBuilder(portal.uri(link)).header("Accept-Language", "es"));
        for (String expected : List.of(
                "Talleres en los que se inscribi\u00f3",
                "Inscripci\u00f3n en un taller",
                "<dt>Taller</dt>",
                "<dt>How to reach you</dt>",
                "Solicitud sin terminar",
                "<dt>C\u00f3digo postal</dt>",
                "Lo que inform\u00f3 el contratista")) {
            assertTrue(spanish.body().contains(expected), "in Spanish, each module's own words: " + expected);
        }

        HttpResponse<String> json = portal.get(link + ".json");
        assertEquals(200, json.statusCode());
        assertTrue(json.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        assertTrue(json.headers().firstValue("content-disposition").orElse("").contains("attachment"));
        JsonObject doc;
        try (JsonReader reader = Json.createReader(new StringReader(json.body()))) {
            doc = reader.readObject();
        }
        Map<String, Integer> records = new TreeMap<>();
        for (JsonValue a : doc.getJsonArray("areas")) {
            JsonObject area = a.asJsonObject();
            assertTrue(area.getBoolean("complete"), area.toString());
            records.put(area.getString("area"), area.getJsonArray("records").size());
        }
        for (String area : List.of("intake", "consent", "directory", "email", "events", "workshops")) {
            assertTrue(records.getOrDefault(area, 0) > 0, "the download has " + area + ": " + records);
        }
        assertTrue(json.body().contains(adaReference) && json.body().contains(ADA_NAME));
        for (String kind : List.of("intake.draft", "directory.lead-outcome", "workshops.signup")) {
            assertTrue(json.body().contains("\"kind\":\"" + kind + "\""), "the download has a " + kind);
        }
        assertFalse(json.body().contains(BOB) || json.body().contains(bobReference), "nothing of Bob");

        HttpResponse<String> print = portal.get(link + "?print");
        assertEquals(200, print.statusCode());
        assertFalse(print.body().contains("id=\"erase\""), "the printable page has no form");
        assertTrue(print.body().contains(adaReference));
    }

    @Test
    @Order(5)
    void forgedAlteredAndMalformedLinksAreRefusedKindly() throws Exception {
        String token = link.substring("/privacy/my-data/".length());
        // a character in the middle (the last one of base64 may carry unused bits only)
        int i = token.length() / 2;
        char c = token.charAt(i);
        String altered = "/privacy/my-data/" + token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
        for (String path : List.of(altered, "/privacy/my-data/garbage", "/privacy/my-data/a/b", altered + ".json")) {
            HttpResponse<String> r = portal.get(path);
            assertTrue(r.statusCode() == 404 || r.statusCode() == 400, path + " -> " + r.statusCode());
            assertFalse(r.body().contains(ADA_NAME), "nothing shown for " + path);
        }
        assertTrue(portal.get(altered).body().contains("id=\"link-invalid\""));
    }

    @Test
    @Order(6)
    void erasureNeedsTheConfirmationThenAsksEachContractorOnceAndTheLinkOpensNothing() throws Exception {
        FormVisitor v = new FormVisitor(portal);
        HttpResponse<String> page = v.get(link);
        HttpResponse<String> unconfirmed = v.post(link + "/erase", "");
        assertEquals(400, unconfirmed.statusCode());
        assertTrue(unconfirmed.body().contains("id=\"confirm-error\""), unconfirmed.body());
        assertEquals(200, portal.get(link).statusCode(), "nothing was erased");

        HttpResponse<String> noToken = portal.send(java.net.http.HttpRequest.newBuilder(portal.uri(link + "/erase"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("confirm=yes")));
        assertEquals(403, noToken.statusCode(), "the CSRF check guards the erasure");
        assertEquals(200, portal.get(link).statusCode(), "nothing was erased");

        assertNotNull(page);
        HttpResponse<String> erased = v.post(link + "/erase", "confirm=yes");
        assertEquals(200, erased.statusCode(), erased.body());
        assertTrue(erased.body().contains("id=\"erased\""), erased.body());
        assertTrue(erased.body().contains("id=\"contractors-asked\""), erased.body());
        assertTrue(erased.body().contains("id=\"kept\""), erased.body());

        for (String contractor : List.of("one@privacy-contractors.test", "two@privacy-contractors.test")) {
            MimeMessage ask = awaitTo(contractor, 2).get(1);
            assertEquals("Please delete a homeowner's data", ask.getSubject());
            String text = TestSmtp.text(ask);
            assertTrue(text.contains(adaReference), text);
            assertFalse(text.contains(ADA) || text.contains(ADA_NAME), "the request names nobody:\n" + text);
        }
        Thread.sleep(2000);
        assertEquals(2, smtp.to("one@privacy-contractors.test").size(), "one deletion request per contractor");
        assertEquals(2, smtp.to("two@privacy-contractors.test").size(), "one deletion request per contractor");

        assertEquals(BOB, portal.get(WorkshopSignups.PATH).body(), "the partner's plugin erased Ada, kept Bob");

        HttpResponse<String> again = portal.get(link);
        assertEquals(410, again.statusCode());
        assertTrue(again.body().contains("id=\"link-used\""), again.body());
        assertEquals(410, portal.get(link + ".json").statusCode());
        assertEquals(410, v.post(link + "/erase", "confirm=yes").statusCode(), "a used link erases nothing again");
    }

    @Test
    @Order(7)
    void staffOpenARequestForAPersonWhoCalledSeeExportAndEraseTheirDataAllAudited() throws Exception {
        new FormVisitor(portal).submit(CLEO_NAME, CLEO, "5 Phone Rd");
        awaitTo(CLEO, 1);

        HttpResponse<String> list =
                portal.send(java.net.http.HttpRequest.newBuilder(portal.uri("/system/console/privacy"))
                        .header("Authorization", portal.adminAuthorization()));
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(list.body().contains("id=\"privacy-requests\""), list.body());
        assertTrue(list.body().contains(">self<") && list.body().contains(">erased<"), "Ada's request is listed");

        HttpResponse<String> noCheck = console("action=open&email=" + CLEO + "&identityCheck=");
        assertEquals(400, noCheck.statusCode(), "the identity check must be noted");
        HttpResponse<String> opened =
                console("action=open&email=" + CLEO + "&identityCheck=called+back+on+the+phone+number+of+the+request");
        assertEquals(200, opened.statusCode(), opened.body());
        assertTrue(opened.body().contains(CLEO_NAME), opened.body());
        assertFalse(opened.body().contains(BOB_NAME), "nothing of another person");
        Matcher id = Pattern.compile("Request (\\d+): what the portal holds").matcher(opened.body());
        assertTrue(id.find(), opened.body());
        String request = id.group(1);

        HttpResponse<String> json = console("action=export&id=" + request + "&email=" + CLEO);
        assertEquals(200, json.statusCode());
        assertTrue(json.headers().firstValue("content-disposition").orElse("").contains("attachment"));
        assertTrue(json.body().contains(CLEO_NAME), json.body());

        assertEquals(
                400, console("action=erase&id=" + request + "&email=" + CLEO).statusCode(), "needs the confirmation");
        HttpResponse<String> erased = console("action=erase&id=" + request + "&email=" + CLEO + "&confirm=yes");
        assertEquals(200, erased.statusCode(), erased.body());
        assertTrue(erased.body().contains("id=\"privacy-erased\""), erased.body());
        HttpResponse<String> again = console("action=show&id=" + request + "&email=" + CLEO);
        assertEquals(400, again.statusCode(), "an erased request is closed");

        HttpResponse<String> markup = console("action=open&email=" + BOB + "&identityCheck="
                + java.net.URLEncoder.encode("<script>alert(1)</script>", StandardCharsets.UTF_8));
        assertEquals(200, markup.statusCode(), markup.body());
        assertFalse(markup.body().contains("<script>alert(1)</script>"), "the stored note is shown escaped");
        assertTrue(markup.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), markup.body());
    }

    private HttpResponse<String> console(String form) throws Exception {
        return portal.send(java.net.http.HttpRequest.newBuilder(portal.uri("/system/console/privacy"))
                .header("Authorization", portal.adminAuthorization())
                .header("Origin", "http://127.0.0.1:" + portal.port)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)));
    }

    @Test
    @Order(8)
    void retentionErasesAPersonInactiveLongerThanTheConfiguredAgeAndNobodyYounger() throws Exception {
        new FormVisitor(portal).submit("Dora Young", DORA, "6 New St");
        awaitTo(DORA, 1);
        assertEquals(143, portal.terminate(Duration.ofSeconds(60)));
        String log = portal.output().toLowerCase(Locale.ROOT);
        for (String address : List.of(ADA, CLEO, BOB, DORA)) {
            assertFalse(log.contains(address), "no address reaches the log: " + address);
        }
        try (Connection c = database();
                Statement s = c.createStatement()) {
            // Bob's request last changed three years ago (the default age is 24 months)
            String threeYearsEarlier = db == null ? "DATEADD('YEAR', -3, %s)" : "%s - INTERVAL '3 years'";
            assertEquals(
                    1,
                    s.executeUpdate("UPDATE intake_request SET updated_at = "
                            + String.format(threeYearsEarlier, "updated_at") + ", created_at = "
                            + String.format(threeYearsEarlier, "created_at") + " WHERE email = '" + BOB + "'"));
        }
        portal = portal.restart();

        HttpResponse<String> page = console("action=retention");
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("id=\"privacy-retention-last\""), page.body());
        assertTrue(page.body().contains("<td>intake</td>"), page.body());
        assertTrue(page.body().contains("<td>email</td>"), page.body());
        assertTrue(page.body().contains("Next daily run: 20"), "the daily run is scheduled:\n" + page.body());
    }

    @Test
    @Order(9)
    void afterTheStopNoTableHoldsThePersonExceptTheOptOutAndTheAuditHasEveryStep() throws Exception {
        assertEquals(143, portal.terminate(Duration.ofSeconds(60)), "stopped cleanly by SIGTERM");
        String log = portal.output();
        assertFalse(log.toLowerCase(Locale.ROOT).contains(ADA), "the address never reaches the log");
        try (Connection c = database()) {
            List<String> holding = tablesHolding(
                    c, List.of(ADA, ADA_NAME.toLowerCase(Locale.ROOT), CLEO, CLEO_NAME.toLowerCase(Locale.ROOT)));
            assertEquals(List.of("CONSENT_OPT_OUT"), holding, "only the opt-out is kept (documented)");
            assertEquals(
                    List.of(),
                    tablesHolding(c, List.of(BOB, BOB_NAME.toLowerCase(Locale.ROOT))),
                    "retention erased Bob");
            assertFalse(tablesHolding(c, List.of(DORA)).isEmpty(), "Dora's young request is kept");
            List<String> actions = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT action FROM audit_entry WHERE module = 'privacy' AND actor = 'self-service' ORDER BY seq")) {
                while (rs.next()) {
                    actions.add(rs.getString(1));
                }
            }
            assertTrue(
                    actions.contains("view") && actions.contains("export") && actions.contains("delete"),
                    "audited: " + actions);
        }
    }

    private Connection database() throws java.sql.SQLException {
        return portal.database(db);
    }

    /** The tables of the portal with a column holding any of {@code needles} (lower-case), by upper-case name. */
    private List<String> tablesHolding(Connection c, List<String> needles) throws Exception {
        List<String> tables = new ArrayList<>();
        String schemas =
                db == null ? "table_schema NOT IN ('INFORMATION_SCHEMA')" : "table_schema = '" + db.schema() + "'";
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT table_schema, table_name FROM information_schema.tables"
                        + " WHERE table_type = 'BASE TABLE' AND " + schemas)) {
            while (rs.next()) {
                tables.add(rs.getString(1) + "." + rs.getString(2));
            }
        }
        List<String> holding = new ArrayList<>();
        for (String table : tables) {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                int columns = rs.getMetaData().getColumnCount();
                boolean found = false;
                while (rs.next() && !found) {
                    for (int i = 1; i <= columns && !found; i++) {
                        Object value = rs.getObject(i);
                        if (value == null) {
                            continue;
                        }
                        String text =
                                value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : value.toString();
                        String lower = text.toLowerCase(Locale.ROOT);
                        found = needles.stream().anyMatch(lower::contains);
                    }
                }
                if (found) {
                    holding.add(table.substring(table.indexOf('.') + 1).toUpperCase(Locale.ROOT));
                }
            }
        }
        return holding;
    }

    /** The first message to {@code address} that {@code which} accepts, once it arrived. */
    private MimeMessage awaitMail(String address, MailTest which) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            for (MimeMessage m : smtp.to(address)) {
                if (which.test(m)) {
                    return m;
                }
            }
            assertTrue(System.nanoTime() < deadline, "no such message to " + address);
            Thread.sleep(200);
        }
    }

    @FunctionalInterface
    private interface MailTest {
        boolean test(MimeMessage m) throws Exception;
    }

    private List<MimeMessage> awaitTo(String address, int count) throws Exception {
        return smtp.awaitTo(address, count, WAIT);
    }

    private static String match(Pattern p, String s) {
        Matcher m = p.matcher(s);
        assertTrue(m.find(), "no " + p + " in:\n" + s);
        return m.group(1);
    }
}
