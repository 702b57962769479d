package org.cec.portal.itests.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cec.portal.itests.distribution.RunningPortal;
import org.cec.portal.plugintest.ConsoleSignIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Issue 15's pages in a real browser, in every {@link Language} at every {@link Width}: a new admin
 * account (created on the Staff page) signs in as a person does, through a refused password, the
 * choice of its own password (a refused one first), the enrolment of its second factor (the code
 * computed from the secret the page shows, as an authenticator app would) and its recovery codes, to
 * the console; then every console page of the portal's modules, each in the browser's language
 * (its fragment's {@code lang}, no message key left as text: the Felix frame around it stays English).
 * Every page passes axe-core's WCAG 2.1 A and AA rules (on the console pages, their content) and is
 * photographed.
 */
class StaffSignInBrowserIT {

    private static final String INITIAL = "Initial-kettle-2026";
    private static final String OWN = "Violet-harbour-Pass-2026";
    /** The labels of the portal's console pages (each fragment is {@code <div id="<label>-page" lang>}). */
    private static final String[] CONSOLE_PAGES = {
        "staff", "audit", "events", "consent", "privacy", "requests", "contractors", "email", "analytics"
    };
    /** A message key shown instead of its text ({@code console.events.heading}). */
    private static final Pattern RAW_KEY = Pattern.compile("\\bconsole\\.[a-z]+\\.[a-zA-Z.]+");

    private static RunningPortal portal;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeInstalled();
        portal = RunningPortal.start("staff-browser");
    }

    @AfterAll
    static void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    /** Waits for the element {@code id}, failing with the page's path and main content. */
    private static void awaitId(Browser browser, String id) {
        try {
            browser.awaitVisible(By.id(id));
        } catch (org.openqa.selenium.TimeoutException e) {
            String page = browser.driver().getPageSource();
            int main = page.indexOf("<main");
            throw new AssertionError("No #" + id + " on " + browser.path() + ":\n"
                    + page.substring(Math.max(0, main), Math.min(page.length(), Math.max(0, main) + 3000)));
        }
    }

    static Stream<Arguments> screens() {
        return Arrays.stream(Language.values())
                .flatMap(language -> Arrays.stream(Width.values()).map(width -> Arguments.of(language, width)));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("screens")
    void aNewAdminSignsInChoosesAPasswordEnrolsItsSecondFactorAndOpensEveryConsolePage(Language language, Width width)
            throws Exception {
        String user = "b-" + language.tag + "-" + width.label();
        HttpResponse<String> created = portal.send(HttpRequest.newBuilder(portal.uri("/system/console/staff"))
                .header("Authorization", portal.adminAuthorization())
                .header("Origin", "http://127.0.0.1:" + portal.uri("/").getPort())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(ConsoleSignIn.form(
                        "action", "create", "username", user, "roles", "admin", "password", INITIAL))));
        if (created.statusCode() != 200) {
            throw new AssertionError("account not created: " + created.statusCode() + "\n" + created.body());
        }

        try (Browser browser = Browser.kept(portal.uri("/"), language, width)) {
            browser.open("/system/sign-in");
            browser.check("staff", "sign-in");

            browser.type(By.id("f-username"), user);
            browser.type(By.id("f-password"), "not-the-password");
            browser.click(By.id("sign-in"));
            browser.awaitPage(p -> p.startsWith("/system/sign-in"), "the refused sign-in");
            awaitId(browser, ("signin-error"));
            browser.assertThat(
                    user.equals(
                            browser.driver().findElement(By.id("f-username")).getAttribute("value")),
                    "the user name is kept");
            browser.check("staff", "sign-in-refused");

            browser.type(By.id("f-password"), INITIAL);
            browser.click(By.id("sign-in"));
            browser.awaitPage(p -> p.startsWith("/system/sign-in/password"), "the new password page");
            browser.check("staff", "new-password");

            browser.type(By.id("f-password"), "short");
            browser.click(By.id("save-password"));
            browser.awaitPage(p -> p.startsWith("/system/sign-in/password"), "the refused password");
            awaitId(browser, ("signin-error"));
            browser.check("staff", "new-password-refused");

            browser.type(By.id("f-password"), OWN);
            browser.click(By.id("save-password"));
            browser.awaitPage(p -> p.startsWith("/system/sign-in/totp"), "the enrolment of the second factor");
            awaitId(browser, ("totp-secret"));
            browser.assertThat(browser.present(By.cssSelector(".totp-qr svg[role=img]")), "the QR code");
            browser.check("staff", "enrol");

            String secret =
                    browser.driver().findElement(By.id("totp-secret")).getText().strip();
            browser.type(By.id("f-code"), ConsoleSignIn.freshCode(secret));
            browser.click(By.id("verify-code"));
            browser.awaitPage(p -> p.startsWith("/system/sign-in/totp"), "the recovery codes");
            awaitId(browser, ("recovery-codes"));
            browser.check("staff", "recovery-codes");

            for (String page : CONSOLE_PAGES) {
                browser.driver().get(portal.uri("/system/console/" + page).toString());
                awaitId(browser, page + "-page");
                WebElement fragment = browser.driver().findElement(By.id(page + "-page"));
                assertEquals(language.tag, fragment.getAttribute("lang"), "the language of console/" + page);
                String text = fragment.getText();
                assertFalse(
                        RAW_KEY.matcher(text).find(),
                        "a message key instead of its text on console/" + page + ": " + text);
                browser.screenshot("staff-console-" + page);
                browser.assertAccessibleWithin("#" + page + "-page", "console/" + page);
            }
        }
    }
}
