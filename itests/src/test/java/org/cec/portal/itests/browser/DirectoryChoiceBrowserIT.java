package org.cec.portal.itests.browser;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.cec.portal.itests.distribution.RunningPortal;
import org.cec.portal.itests.leadmail.LeadMailModule;
import org.cec.portal.itests.support.TestBundles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;

/**
 * Choosing contractors and reporting a lead in a real browser, in every {@link Language} at every {@link
 * Width}: the confirmation page with the contractors offered, the choose page after choosing two, and a
 * contractor's lead page (with a mistake, then a report). Every page passes axe-core's WCAG 2.1 A and AA
 * rules and is photographed. Contractors come from the csvsource example; the lead link from the test
 * plugin {@link LeadMailModule}, which plays the email module.
 */
class DirectoryChoiceBrowserIT {

    private static final By ERROR_SUMMARY = By.cssSelector(".error-summary");
    private static final By CONTACT_CONTINUE = By.cssSelector("form[action='/request'] button[type=submit]");
    private static final String CSV = "id,business_name,services,base_zip,latitude,longitude,"
            + "service_radius_miles,served_zips,certifications,licences,insured_until,languages,description,"
            + "website,phone,email,active,last_verified\n"
            + "b1,Browser Test Solar One,solar-pv,94110,,,30,,,,,en;es,,,,,true,\n"
            + "b2,Browser Test Solar Two,solar-pv;battery-storage,94110,,,30,,,,,en,,,,,true,\n"
            + "b3,Browser Test Solar Three,solar-pv,94110,,,30,,,,,es,,,,,true,\n";

    private static RunningPortal portal;
    private static Path outbox;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeInstalled();
        portal = RunningPortal.start("directory-choice-browser", home -> {
            // RunningPortal's data folder is beside the installation.
            Path data = home.getParent().resolve("data");
            outbox = data.resolve(LeadMailModule.OUTBOX);
            Files.createDirectories(data.resolve("csvsource"));
            Files.writeString(data.resolve("csvsource/contractors.csv"), CSV, StandardCharsets.UTF_8);
            Files.writeString(home.resolve("etc/org.cec.portal.directory.cfg"), "demo.enabled=false\n");
            Files.writeString(
                    home.resolve("etc/org.cec.portal.intake.cfg"),
                    "rateLimit.posts=1000\nrateLimit.windowSeconds=600\n");
            Files.copy(
                    home.resolve("examples/org.cec.portal.example.csvsource.jar"),
                    home.resolve("deploy/org.cec.portal.example.csvsource.jar"));
            Files.write(
                    home.resolve("deploy/leadmail.jar"),
                    TestBundles.bundle("org.cec.portal.itests.leadmail")
                            .header("Bundle-Activator", LeadMailModule.class.getName())
                            .header(
                                    "Import-Package",
                                    "org.cec.portal.api.directory;version=\"[1.0,2)\","
                                            + "org.cec.portal.api.events;version=\"[1.0,2)\","
                                            + "org.osgi.framework;version=\"[1.8,2)\","
                                            + "org.osgi.util.tracker;version=\"[1.5,2)\"")
                            .classes(LeadMailModule.bundleClasses())
                            .build());
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!portal.output().contains("Source csv: 3 contractors read")
                || !portal.output().contains("Event consumer itests.leadmail seen")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The test's contractors and plugin did not start:\n" + portal.output());
            }
            Thread.sleep(200);
        }
        Thread.sleep(1500);
    }

    @AfterAll
    static void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    static Stream<Arguments> screens() {
        return Arrays.stream(Language.values())
                .flatMap(language -> Arrays.stream(Width.values()).map(width -> Arguments.of(language, width)));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("screens")
    void chooseTwoContractorsThenReportTheOutcomeOfALead(Language language, Width width) throws Exception {
        try (Browser browser = Browser.kept(portal.uri("/"), language, width)) {
            browser.open("/");
            browser.click(By.cssSelector("#consent-banner button[name=choice][value=accept-all]"));
            browser.awaitPage(path -> path.equals("/"), "back on the home page after Accept all");

            browser.open("/request");
            browser.type(By.id("f-name"), "Rosa Diaz");
            browser.type(By.id("f-email"), "rosa." + language.tag + width.label() + "@example.com");
            browser.type(By.id("f-phone"), "(415) 555-0134");
            browser.type(By.id("f-city"), "San Francisco");
            browser.type(By.id("f-zip"), "94110");
            browser.click(By.cssSelector("input[name=age][value='13-or-older']"));
            browser.click(CONTACT_CONTINUE);
            browser.awaitVisible(By.name("services"));
            browser.click(By.cssSelector("input[name=services][value=solar-pv]"));
            browser.click(By.cssSelector("button[name=go][value=next]"));
            browser.awaitVisible(By.cssSelector("button[name=go][value=submit]"));
            browser.click(By.cssSelector("button[name=go][value=submit]"));
            browser.awaitVisible(By.id("choose-offer"));
            browser.assertThat(
                    browser.findAll(By.cssSelector("#choose-offer input[name=contractor]"))
                                    .size()
                            == 3,
                    "the three contractors are offered");
            browser.check("choose", "confirmation");

            int before = lines();
            browser.click(By.id("c-0"));
            browser.click(By.id("c-1"));
            browser.click(By.id("choose-submit"));
            browser.awaitPage(path -> path.startsWith("/contractors/choose/"), "the choose page after choosing");
            browser.assertThat(browser.present(By.id("choose-shared")), "it says the request was sent");
            browser.assertThat(browser.findAll(By.cssSelector("#chosen > li")).size() == 2, "whom they chose");
            browser.check("choose", "chosen");

            String lead = awaitLeadLink(before);
            browser.open(lead);
            browser.assertThat(browser.present(By.id("lead-summary")), "the lead page");
            browser.check("lead", "page");
            browser.click(By.id("lead-submit"));
            browser.awaitVisible(ERROR_SUMMARY);
            browser.assertThat(browser.isFocused(ERROR_SUMMARY), "the error summary has focus");
            browser.check("lead", "errors");
            browser.click(By.id("status-contacted"));
            browser.click(By.id("lead-submit"));
            browser.awaitPage(path -> path.endsWith("?reported=1"), "the lead page after the report");
            browser.assertThat(browser.present(By.id("lead-reported")), "it says the report was saved");
            browser.check("lead", "reported");
        }
    }

    private static int lines() throws Exception {
        return Files.exists(outbox) ? Files.readAllLines(outbox).size() : 0;
    }

    /** The lead link of the first contact request written after line {@code after} of the outbox. */
    private static String awaitLeadLink(int after) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(outbox)) {
                List<String> all = Files.readAllLines(outbox, StandardCharsets.UTF_8);
                for (String line : all.subList(Math.min(after, all.size()), all.size())) {
                    String[] parts = line.split("\t", -1);
                    if (parts.length == 4 && parts[1].equals("directory.contact-requested")) {
                        return parts[3];
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No lead link in the outbox within 20 s");
    }
}
