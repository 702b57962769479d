package org.cec.portal.itests.browser;

import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.cec.portal.itests.distribution.RunningPortal;
import org.cec.portal.itests.mailunsub.MailQueueClient;
import org.cec.portal.itests.support.TestSmtp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;

/**
 * The unsubscribe page in a real browser, in every {@link Language} at every {@link Width}: the link of a
 * commercial message (queued by the test plugin, received by a real SMTP server) opens the confirmation, and an
 * altered link the page that says it does not work. Both pass axe-core's WCAG 2.1 A and AA rules and are
 * photographed.
 */
class EmailUnsubscribeBrowserIT {

    private static TestSmtp smtp;
    private static RunningPortal portal;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeInstalled();
        smtp = TestSmtp.start();
        portal = RunningPortal.start("email-unsubscribe-browser", home -> {
            smtp.writeConfig(home.resolve("etc"));
            MailQueueClient.writeEmailSettings(home.resolve("etc"));
            Files.write(home.resolve("deploy/mailunsub.jar"), MailQueueClient.plugin());
        });
        MailQueueClient.awaitPlugin(portal.uri("/"));
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
    void theLinkOfACommercialMessageUnsubscribesAndAnAlteredOneSaysItDoesNotWork(Language language, Width width)
            throws Exception {
        String to = "ursula." + language.tag + width.label() + "@example.org";
        int status = MailQueueClient.queue(portal.uri("/"), "commercial", to, language.tag)
                .statusCode();
        if (status != 200) {
            throw new AssertionError("the commercial message was not queued: " + status);
        }
        String path = MailQueueClient.unsubscribePath(awaitOne(to));

        try (Browser browser = Browser.kept(portal.uri("/"), language, width)) {
            browser.open(path);
            browser.assertThat(browser.present(By.id("unsubscribed")), "the confirmation");
            browser.assertThat(
                    browser.present(By.cssSelector("a[href='/privacy/choices']")), "a link to the privacy choices");
            browser.check("unsubscribe", "done");

            String token = path.substring("/email/unsubscribe/".length());
            browser.open("/email/unsubscribe/" + token.substring(0, token.length() / 2));
            browser.assertThat(browser.present(By.id("unsubscribe-invalid")), "the page of a link that does not work");
            browser.check("unsubscribe", "invalid");
        }
        int again = MailQueueClient.queue(portal.uri("/"), "commercial", to, language.tag)
                .statusCode();
        if (again != 409) {
            throw new AssertionError("a commercial message after the visit must be refused, got " + again);
        }
    }

    private static MimeMessage awaitOne(String to) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<MimeMessage> found = smtp.to(to);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No message to " + to + " within 30 s");
    }
}
