package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cec.portal.itests.support.TestSmtp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 13, acceptance 1 and the mailfile part of 2, over real HTTP against the distribution with a real
 * SMTP server (GreenMail): one submission yields exactly one confirmation, in the request's language
 * (English and Spanish), with the absolute link to choose contractors; choosing two contractors through
 * that link yields exactly two leads, holding only the disclosed fields (the address is left out after an
 * address-sharing opt-out) and their outcome links, and one note to the homeowner naming both; a draft's
 * finish link arrives by email and the page no longer shows it; and the mailfile example, deployed while
 * confirmations flow, takes over from SMTP without losing or doubling a message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmailJourneyDistributionIT {

    private static final String HEADER = "id,business_name,services,base_zip,latitude,longitude,"
            + "service_radius_miles,served_zips,certifications,licences,insured_until,languages,description,"
            + "website,phone,email,active,last_verified\n";
    private static final String CSV = HEADER
            + "s1,Mail Test Solar One,solar-pv,94110,,,30,,,,,en;es,,https://one.example,(415) 555-0101,"
            + "one@contractors.test,true,\n"
            + "s2,Mail Test Solar Two,solar-pv,94110,,,30,,,,,en,,,,two@contractors.test,true,\n"
            + "s3,Mail Test Solar Quiet,solar-pv,94110,,,30,,,,,en,,,,,true,\n";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern REFERENCE = Pattern.compile("id=\"reference\">([0-9A-Z-]{24})<");
    private static final Pattern CHOOSE =
            Pattern.compile("http://localhost:8080(/contractors/choose/[A-Za-z0-9_-]{43})\\s");
    private static final Pattern LEAD = Pattern.compile("http://localhost:8080(/leads/[A-Za-z0-9_-]{43})\\s");
    private static final Pattern FINISH = Pattern.compile("http://localhost:8080(/request/draft/[A-Za-z0-9_-]{43})\\s");

    private TestSmtp smtp;
    private RunningPortal portal;
    private String beaReference;
    private String beaChoosePath;

    @BeforeAll
    void start() throws Exception {
        smtp = TestSmtp.start();
        portal = RunningPortal.start("email-journey", home -> {
            Files.writeString(home.resolve("etc/org.cec.portal.directory.cfg"), "demo.enabled=false\n");
            // about 80 form posts from one address: above the default limit of 60 in 10 minutes
            Files.writeString(home.resolve("etc/org.cec.portal.intake.cfg"), "rateLimit.posts=500\n");
            smtp.writeConfig(home.resolve("etc"));
        });
        Path folder = portal.dataDir.resolve("csvsource");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("contractors.csv"), CSV, StandardCharsets.UTF_8);
        deployExample("org.cec.portal.example.csvsource.jar");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!portal.output().contains("Source csv: 3 contractors read")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The csvsource contractors did not appear:\n" + portal.output());
            }
            Thread.sleep(200);
        }
        Thread.sleep(1500); // the directory's index has them within a second
    }

    private void deployExample(String jar) throws Exception {
        Path tmp = portal.home.resolve(jar + ".tmp");
        Files.copy(portal.home.resolve("examples").resolve(jar), tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, portal.home.resolve("deploy").resolve(jar), StandardCopyOption.ATOMIC_MOVE);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (portal != null) {
                assertEquals(143, portal.terminate(Duration.ofSeconds(60)), "stopped cleanly by SIGTERM");
                String log = portal.output();
                for (String secret : List.of("ada.mail@example.com", "bea.mail@example.com", "Mission St")) {
                    assertFalse(log.contains(secret), "no personal data in the log: " + secret);
                }
            }
        } finally {
            if (portal != null) {
                portal.close();
            }
            if (smtp != null) {
                smtp.close();
            }
        }
    }

    // ---- acceptance 1: confirmations ----------------------------------------------------------------

    @Test
    @Order(1)
    void aSubmissionInEnglishYieldsExactlyOneConfirmationWithTheAbsoluteChooseLink() throws Exception {
        FormVisitor v = new FormVisitor(portal);
        String reference = match(
                REFERENCE,
                v.submit("Ada Mail", "ada.mail@example.com", "1 Mission St").body());
        MimeMessage mail = only("ada.mail@example.com");
        assertEquals("Your request " + reference + " is in: choose who contacts you", mail.getSubject());
        String text = text(mail);
        assertTrue(text.startsWith("Hello Ada Mail,"), text);
        assertTrue(text.contains("Your reference is " + reference), text);
        assertTrue(text.contains("- Rooftop solar (PV)"), text);
        String path = match(CHOOSE, text);
        assertEquals(200, v.get(path).statusCode(), "the link works");
        String html = html(mail);
        assertTrue(html.contains("<html lang=\"en\">"), html);
        assertTrue(html.contains("href=\"http://localhost:8080" + path + "\""), html);
        assertTrue(mail.getMessageID() != null && !mail.getMessageID().isBlank());
    }

    @Test
    @Order(2)
    void aSpanishSubmissionYieldsExactlyOneConfirmationInSpanish() throws Exception {
        FormVisitor v = new FormVisitor(portal);
        v.get("/request?lang=es");
        // Bea does not want her street address passed on: the leads must leave it out.
        v.get("/privacy/choices");
        HttpResponse<String> optOut =
                v.post("/privacy/opt-out", Http.form("email", "bea.mail@example.com", "address-sharing", "yes"));
        assertTrue(optOut.statusCode() == 303 || optOut.statusCode() == 200, optOut.body());
        beaReference = match(
                REFERENCE,
                v.submit("Bea Mail", "bea.mail@example.com", "2 Mission St").body());
        MimeMessage mail = only("bea.mail@example.com");
        assertEquals("Recibimos su solicitud " + beaReference + ": elija quién le contacta", mail.getSubject());
        String text = text(mail);
        assertTrue(text.startsWith("Hola, Bea Mail:"), text);
        assertTrue(html(mail).contains("<html lang=\"es\">"));
        beaChoosePath = match(CHOOSE, text);
    }

    // ---- acceptance 1: leads and the note -----------------------------------------------------------

    @Test
    @Order(3)
    void choosingTwoContractorsYieldsTwoLeadsWithOnlyTheDisclosedFieldsAndOneNoteNamingThem() throws Exception {
        FormVisitor v = new FormVisitor(portal);
        v.get(beaChoosePath);
        HttpResponse<String> chosen = v.post(beaChoosePath, "contractor=csv%3As1&contractor=csv%3As2");
        assertEquals(303, chosen.statusCode(), chosen.body());

        MimeMessage one = only("one@contractors.test");
        MimeMessage two = only("two@contractors.test");
        assertEquals("Un propietario eligió a Mail Test Solar One: solicitud " + beaReference, one.getSubject());
        assertEquals(
                "A homeowner chose Mail Test Solar Two: request " + beaReference,
                two.getSubject(),
                "in English for a contractor who speaks only English");
        for (MimeMessage lead : List.of(one, two)) {
            String text = text(lead);
            assertTrue(text.contains("Bea Mail"), text);
            assertTrue(text.contains("bea.mail@example.com"), text);
            assertTrue(text.contains("94110"), text);
            assertTrue(text.contains("San Francisco"), text);
            assertFalse(text.contains("2 Mission St"), "the address was not disclosed:\n" + text);
            assertFalse(html(lead).contains("2 Mission St"), "nor in the HTML part");
            String leadPath = match(LEAD, text);
            assertEquals(200, v.get(leadPath).statusCode(), "the outcome link works");
        }
        assertFalse(text(two).contains("Address"), text(two));

        List<MimeMessage> toBea = awaitTo("bea.mail@example.com", 2);
        MimeMessage note = toBea.get(1);
        assertEquals("Su solicitud " + beaReference + " se envió a 2 contratistas", note.getSubject());
        String text = text(note);
        assertTrue(text.contains("Mail Test Solar One") && text.contains("Mail Test Solar Two"), text);
        assertTrue(text.contains("(415) 555-0101"), "the contractor's public phone:\n" + text);
        assertFalse(text.contains("Mail Test Solar Quiet"), text);

        Thread.sleep(3000); // nothing more comes
        assertEquals(1, smtp.to("one@contractors.test").size(), "exactly one lead each");
        assertEquals(1, smtp.to("two@contractors.test").size());
        assertEquals(2, smtp.to("bea.mail@example.com").size(), "the confirmation and one note");
        assertEquals(1, smtp.to("ada.mail@example.com").size(), "still one confirmation");
    }

    // ---- drafts --------------------------------------------------------------------------------------

    @Test
    @Order(4)
    void aDraftsFinishLinkArrivesByEmailAndThePageNoLongerShowsIt() throws Exception {
        FormVisitor v = new FormVisitor(portal);
        v.get("/request?lang=es");
        String contact = Http.form(
                "name", "Dora Mail",
                "email", "dora.mail@example.com",
                "phone", "415.555.0134",
                "city", "San Francisco",
                "zip", "94110",
                "address", "",
                "age", "13-or-older");
        assertEquals(200, v.post("/request", contact + "&step=contact").statusCode());
        HttpResponse<String> saved = v.post("/request", contact + "&step=services&services=solar-pv&go=draft");
        assertEquals(200, saved.statusCode(), saved.body());
        assertTrue(saved.body().contains("id=\"draft-sent\""), saved.body());
        assertFalse(saved.body().contains("/request/draft/"), "the link goes by email only:\n" + saved.body());

        MimeMessage mail = only("dora.mail@example.com");
        assertEquals("Su solicitud guardada: el enlace para terminarla", mail.getSubject());
        String path = match(FINISH, text(mail));
        String resumed = new FormVisitor(portal).get(path).body();
        assertTrue(resumed.contains("Dora Mail"), resumed);
    }

    // ---- acceptance 2: the mailfile example swapped in while messages flow ---------------------------

    @Test
    @Order(5)
    void theMailfileExampleDeployedWhileConfirmationsFlowTakesOverWithoutLossOrDuplicates() throws Exception {
        // Confirmations flow through SMTP; the example is dropped into deploy/ meanwhile, and the
        // submissions go on until it is running, then a few more go through it.
        int total = 0;
        for (; total < 6; total++) {
            new FormVisitor(portal).submit("Swap " + total, "swap" + total + "@example.com", "");
        }
        awaitTo("swap0@example.com", 1); // SMTP carried the first ones
        deployExample("org.cec.portal.example.mailfile.jar");
        long until = System.nanoTime() + WAIT.toNanos();
        while (!portal.output().contains("Mail is written as .eml files into") && System.nanoTime() < until) {
            new FormVisitor(portal).submit("Swap " + total, "swap" + total + "@example.com", "");
            total++;
        }
        for (int more = 0; more < 6; more++, total++) {
            new FormVisitor(portal).submit("Swap " + total, "swap" + total + "@example.com", "");
        }
        Path folder = portal.dataDir.resolve("mailfile");
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, List<String>> byRecipient = new HashMap<>();
        Map<String, Integer> byMessageId = new HashMap<>();
        int viaSmtp = 0;
        int viaFile = 0;
        while (true) {
            byRecipient.clear();
            byMessageId.clear();
            viaSmtp = 0;
            viaFile = 0;
            for (int i = 0; i < total; i++) {
                for (MimeMessage m : smtp.to("swap" + i + "@example.com")) {
                    byRecipient
                            .computeIfAbsent("swap" + i, k -> new ArrayList<>())
                            .add("smtp");
                    byMessageId.merge(m.getMessageID(), 1, Integer::sum);
                    viaSmtp++;
                }
            }
            for (MimeMessage m : files(folder)) {
                String to = m.getAllRecipients()[0].toString().toLowerCase(Locale.ROOT);
                Matcher swap = Pattern.compile("(swap\\d+)@example\\.com").matcher(to);
                if (swap.find()) {
                    byRecipient
                            .computeIfAbsent(swap.group(1), k -> new ArrayList<>())
                            .add("file");
                    byMessageId.merge(m.getMessageID(), 1, Integer::sum);
                    viaFile++;
                }
            }
            if (viaSmtp + viaFile >= total || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(250);
        }
        Thread.sleep(2000);
        assertEquals(total, byRecipient.size(), "every confirmation arrived once: " + byRecipient);
        for (Map.Entry<String, List<String>> e : byRecipient.entrySet()) {
            assertEquals(1, e.getValue().size(), "none twice: " + e);
        }
        assertEquals(total, byMessageId.size(), "one Message-ID each");
        assertTrue(viaSmtp >= 1, "SMTP carried the first ones");
        assertTrue(viaFile >= 1, "the mailfile transport took over: " + byRecipient);
        assertTrue(portal.output().contains("Mail is written as .eml files into"), "the example logged its folder");
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private List<MimeMessage> awaitTo(String address, int count) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<MimeMessage> found = smtp.to(address);
            if (found.size() >= count) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Expected " + count + " messages to " + address + ", got " + found.size()
                        + "\n" + portal.output());
            }
            Thread.sleep(100);
        }
    }

    /** The one message to {@code address}, after making sure no second one follows. */
    private MimeMessage only(String address) throws Exception {
        MimeMessage first = awaitTo(address, 1).get(0);
        Thread.sleep(1500);
        assertEquals(1, smtp.to(address).size(), "exactly one message to " + address);
        return first;
    }

    private static List<MimeMessage> files(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<MimeMessage> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p :
                    s.filter(f -> f.getFileName().toString().endsWith(".eml")).toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    out.add(new MimeMessage(Session.getInstance(new Properties()), in));
                }
            }
        }
        return out;
    }

    static String text(MimeMessage m) throws Exception {
        return TestSmtp.text(m);
    }

    static String html(MimeMessage m) throws Exception {
        return TestSmtp.html(m);
    }

    private static String match(Pattern p, String s) {
        Matcher m = p.matcher(s);
        assertTrue(m.find(), p + " in:\n" + s);
        return m.group(1);
    }
}
