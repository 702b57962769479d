package org.cec.portal.itests.browser;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cec.portal.itests.distribution.FormVisitor;
import org.cec.portal.itests.distribution.RunningPortal;
import org.cec.portal.itests.support.TestSmtp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;

/**
 * The privacy pages (issue 16) in a real browser, in every {@link Language} at every {@link Width}: a person
 * with a request finds "My data" in the site navigation, asks for their link on {@code /privacy/my-data} (a bad address first), opens the link that
 * arrives by email (a real SMTP server), sees their data, tries to delete it without the confirmation, then
 * with it, and finds the link used. Every page passes axe-core's WCAG 2.1 A and AA rules and is photographed.
 */
class PrivacyPagesBrowserIT {

    private static final Pattern LINK = Pattern.compile("http://localhost:8080(/privacy/my-data/[A-Za-z0-9_.-]+)\\s");

    private static TestSmtp smtp;
    private static RunningPortal portal;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeInstalled();
        smtp = TestSmtp.start();
        portal = RunningPortal.start("privacy-browser", home -> smtp.writeConfig(home.resolve("etc")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
        if (smtp != null) {
            smtp.close();
        }
    }

    static Stream<Arguments> screens() {
        return Arrays.stream(Language.values())
                .flatMap(language -> Arrays.stream(Width.values()).map(width -> Arguments.of(language, width)));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("screens")
    void aPersonAsksSeesAndDeletesTheirData(Language language, Width width) throws Exception {
        String email = "petra." + language.tag + width.label() + "@example.org";
        new FormVisitor(portal).submit("Petra Privat", email, "3 Privacy Way", "solar-pv");
        awaitMail(email, 1);

        try (Browser browser = Browser.kept(portal.uri("/"), language, width)) {
            browser.open("/");
            browser.click(By.cssSelector(".site-nav a[href='/privacy/my-data']"));
            browser.awaitPage(p -> p.equals("/privacy/my-data"), "the page, through its navigation entry");
            browser.check("privacy", "ask");
            browser.type(By.id("email"), "petra-at-example");
            browser.click(By.cssSelector("form[action='/privacy/my-data'] button[type=submit]"));
            browser.awaitPage(p -> p.startsWith("/privacy/my-data"), "the form with the reason");
            browser.assertThat(browser.present(By.id("email-error")), "the reason for the bad address");
            browser.check("privacy", "ask-error");
            browser.type(By.id("email"), email);
            browser.click(By.cssSelector("form[action='/privacy/my-data'] button[type=submit]"));
            browser.awaitPage(p -> p.equals("/privacy/my-data?sent"), "the same answer for every address");
            browser.assertThat(browser.present(By.id("link-sent")), "the answer");
            browser.check("privacy", "sent");

            String link = match(LINK, TestSmtp.text(awaitMail(email, 2).get(1)));
            browser.open(link);
            browser.assertThat(browser.present(By.id("area-intake")), "the requests area");
            browser.assertThat(browser.present(By.id("download")), "the download link");
            browser.check("privacy", "data");
            browser.click(By.cssSelector("#erase button[type=submit]"));
            browser.awaitPage(p -> p.endsWith("/erase"), "the form with the confirmation's reason");
            browser.assertThat(browser.present(By.id("confirm-error")), "the confirmation's reason");
            browser.check("privacy", "erase-unconfirmed");
            browser.click(By.id("confirm"));
            browser.click(By.cssSelector("#erase button[type=submit]"));
            browser.awaitPage(p -> p.endsWith("/erase"), "the erased page");
            browser.assertThat(browser.present(By.id("erased")), "what was erased");
            browser.check("privacy", "erased");
            browser.open(link);
            browser.assertThat(browser.present(By.id("link-used")), "the used link's page");
            browser.check("privacy", "used");
        }
    }

    private static List<MimeMessage> awaitMail(String to, int count) throws Exception {
        return smtp.awaitTo(to, count, Duration.ofSeconds(30));
    }

    private static String match(Pattern p, String s) {
        Matcher m = p.matcher(s);
        if (!m.find()) {
            throw new AssertionError("no " + p + " in:\n" + s);
        }
        return m.group(1);
    }
}
