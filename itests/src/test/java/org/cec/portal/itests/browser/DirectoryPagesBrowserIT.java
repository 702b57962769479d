package org.cec.portal.itests.browser;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.cec.portal.itests.directorypages.PagesTestSource;
import org.cec.portal.itests.distribution.RunningPortal;
import org.cec.portal.itests.support.TestBundles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The directory's pages in a real browser (headless Chromium) against the running distribution: the search
 * with results, a search with mistakes (400, the error summary takes focus), a profile, the not-found page,
 * and the search-to-profile journey with the keyboard alone. Every page passes axe-core's WCAG 2.1 A and AA
 * rules in every {@link Language} at every {@link Width}; screenshots go to {@code target/screenshots/}.
 * Contractors: the demonstration data and a test source of known contractors ({@link PagesTestSource}).
 */
class DirectoryPagesBrowserIT {

    private static final By BANNER_REJECT = By.cssSelector("#consent-banner button[name=choice][value=reject-all]");
    private static final By ERROR_SUMMARY = By.cssSelector(".error-summary");
    private static final By NEAR = By.cssSelector("#result-list a[href='/contractors/itpages:near']");

    private static RunningPortal portal;
    private static URI base;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeInstalled();
        byte[] jar = TestBundles.bundle("org.cec.portal.itests.directorypages")
                .header("Bundle-Activator", PagesTestSource.class.getName())
                .header(
                        "Import-Package",
                        "org.cec.portal.api.directory;version=\"[1.0,2)\",org.cec.portal.api.geo;version=\"[1.0,2)\","
                                + "org.osgi.framework;version=\"[1.8,2)\"")
                .classes(PagesTestSource.class)
                .build();
        // the test source is in the deploy folder from the start
        portal = RunningPortal.start(
                "directory-browser",
                home -> java.nio.file.Files.write(home.resolve("deploy").resolve("directorypages.jar"), jar));
        base = portal.uri("/");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        while (true) {
            String body = http.send(
                            java.net.http.HttpRequest.newBuilder(portal.uri("/api/v1/contractors?zip=94110&radius=1"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
            if (body.contains("\"itpages:near\"")) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the test source's contractors never appeared: " + body);
            }
            Thread.sleep(200);
        }
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

    /** Rejects the optional purposes in the consent banner, so it does not stand between the pages and the test. */
    private static void dismissBanner(Browser browser) {
        browser.open("/");
        if (browser.present(BANNER_REJECT)) {
            browser.click(BANNER_REJECT);
            browser.awaitPage(path -> path.equals("/"), "the home page after Reject all");
        }
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("screens")
    void searchMistakesProfileAndNotFound(Language language, Width width) throws Exception {
        try (Browser browser = Browser.kept(base, language, width)) {
            dismissBanner(browser);
            browser.open("/contractors");
            browser.check("directory", "search-form");

            browser.open("/contractors?zip=94110&radius=25");
            browser.awaitVisible(By.id("result-list"));
            browser.assertThat(browser.present(NEAR), "the test source's contractor is listed");
            browser.check("directory", "search-results");

            browser.open("/contractors?zip=abc&radius=-5");
            browser.awaitVisible(ERROR_SUMMARY);
            browser.assertThat(browser.isFocused(ERROR_SUMMARY), "the error summary has focus");
            browser.assertThat(
                    "true".equals(browser.find(By.id("f-zip")).getAttribute("aria-invalid")),
                    "the ZIP field is marked invalid");
            browser.assertThat(
                    "abc".equals(browser.find(By.id("f-zip")).getAttribute("value")), "what was typed stays");
            browser.check("directory", "search-errors");

            browser.open("/contractors/itpages:near");
            browser.awaitVisible(By.id("certifications"));
            browser.check("directory", "profile");

            browser.open("/contractors/nobody");
            browser.awaitVisible(By.id("contractor-missing"));
            browser.check("directory", "not-found");
        }
    }

    /** Type a ZIP, send the form with Enter, reach the first profile with Tab and Enter: focus visible throughout. */
    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("screens")
    void fromZipToProfileWithTheKeyboardAlone(Language language, Width width) throws Exception {
        try (Browser browser = Browser.kept(base, language, width)) {
            dismissBanner(browser);
            browser.open("/contractors");
            browser.tabTo(By.id("f-zip"));
            browser.typeHere("94110");
            browser.tabTo(By.id("search-submit"));
            browser.press(Keys.ENTER);
            browser.awaitPage(path -> path.startsWith("/contractors?zip=94110"), "the results");
            browser.awaitVisible(By.id("result-list"));
            browser.assertAccessible("keyboard/results");
            browser.tabTo(NEAR);
            browser.press(Keys.ENTER);
            browser.awaitPage(path -> path.equals("/contractors/itpages:near"), "the profile");
            browser.tabTo(By.id("website"));
            browser.assertAccessible("keyboard/profile");
        }
    }
}
