package org.cec.portal.itests.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.cec.portal.itests.distribution.FormVisitor;
import org.cec.portal.itests.distribution.RunningPortal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.opentest4j.AssertionFailedError;

/**
 * The homeowner's journeys in a real browser (headless Chromium) against the running distribution, walked as
 * a person does: clicking and typing, and once with the keyboard alone. Every page of every journey passes
 * axe-core's WCAG 2.1 A and AA rules, in every {@link Language} at every {@link Width}, and is photographed to
 * {@code target/screenshots/}. Elements are found by id and name, never by their (translated) text.
 */
class BrowserJourneysIT {

    private static final By BANNER = By.id("consent-banner");
    private static final By ERROR_SUMMARY = By.cssSelector(".error-summary");
    private static final By CONTACT_CONTINUE = By.cssSelector("form[action='/request'] button[type=submit]");
    private static final By NEXT = By.cssSelector("button[name=go][value=next]");
    private static final By SEND = By.cssSelector("button[name=go][value=submit]");

    private static RunningPortal portal;
    private static URI base;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeInstalled();
        // Every journey posts the form from 127.0.0.1: more than the default limit per client and window.
        portal = RunningPortal.start(
                "browser",
                home -> Files.writeString(
                        home.resolve("etc/org.cec.portal.intake.cfg"),
                        "rateLimit.posts=1000\nrateLimit.windowSeconds=600\n"));
        base = portal.uri("/");
        awaitForm();
    }

    @AfterAll
    static void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    /** Every language at every width. */
    static Stream<Arguments> screens() {
        return Arrays.stream(Language.values())
                .flatMap(language -> Arrays.stream(Width.values()).map(width -> Arguments.of(language, width)));
    }

    /**
     * The banner on the home page; choosing one purpose in it; the choices page showing that choice and
     * taking "Reject all"; an opt-out by email address with a mistake and its correction; the privacy policy.
     */
    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("screens")
    void consentBannerChoicesPageAndPolicy(Language language, Width width) throws Exception {
        try (Browser browser = Browser.kept(base, language, width)) {
            browser.open("/");
            browser.awaitVisible(BANNER);
            browser.check("consent", "home-banner");

            // choose per purpose: switch the first optional purpose on, and save
            By optional = By.cssSelector("#consent-banner input[type=checkbox]:not([disabled])");
            String purpose = browser.find(optional).getAttribute("name");
            unfoldPurposes(browser);
            browser.click(optional);
            browser.click(By.cssSelector("#consent-banner button[name=choice][value=custom]"));
            browser.awaitPage(path -> path.equals("/"), "back on the home page after choosing");
            browser.assertThat(!browser.present(BANNER), "no banner once the visitor chose");
            browser.check("consent", "home-chosen");

            browser.open("/privacy/choices");
            browser.assertThat(browser.present(By.id("consent-receipt-id")), "the choices page shows the receipt");
            browser.assertThat(
                    browser.find(By.id("choice-" + purpose)).isSelected(), "the purpose chosen in the banner is on");
            browser.check("consent", "choices");

            browser.click(By.cssSelector("form[action='/privacy/choices'] button[name=choice][value=reject-all]"));
            browser.awaitPage(path -> path.startsWith("/privacy/choices?saved"), "the choices page after Reject all");
            browser.assertThat(!browser.find(By.id("choice-" + purpose)).isSelected(), "Reject all switched it off");
            browser.check("consent", "choices-rejected");

            // opting out by email address: a mistake (no @) and its correction
            By optOutEmail = By.id("optout-email");
            By optOut = By.cssSelector("form[action='/privacy/opt-out'] button[type=submit]");
            browser.type(optOutEmail, "maria.example.org");
            browser.click(By.id("optout-marketing"));
            browser.click(optOut);
            browser.awaitVisible(By.id("optout-error"));
            browser.assertThat(browser.isFocused(optOutEmail), "the field with the mistake has focus");
            assertEquals("true", browser.find(optOutEmail).getAttribute("aria-invalid"));
            browser.assertThat(browser.find(By.id("optout-marketing")).isSelected(), "the ticked box stays ticked");
            browser.check("consent", "optout-error");
            browser.type(optOutEmail, "maria@example.org");
            browser.click(optOut);
            browser.awaitPage(path -> path.startsWith("/privacy/choices?opted-out"), "the opt-out is confirmed");
            browser.assertThat(browser.present(By.cssSelector(".notice[role=status]")), "the page says it is done");
            browser.check("consent", "optout-done");

            browser.open("/privacy");
            browser.assertThat(!browser.present(BANNER), "the choice holds on the policy page");
            browser.check("consent", "policy");
        }
    }

    /**
     * Accept all in the banner; the request form's three steps with a mistake in each of the first two (a bad
     * email address and no ZIP code; no service chosen) and its correction; the review; the confirmation.
     */
    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("screens")
    void requestWithMistakesAndTheirCorrection(Language language, Width width) throws Exception {
        try (Browser browser = Browser.kept(base, language, width)) {
            browser.open("/");
            browser.awaitVisible(BANNER);
            browser.click(By.cssSelector("#consent-banner button[name=choice][value=accept-all]"));
            browser.awaitPage(path -> path.equals("/"), "back on the home page after Accept all");
            browser.assertThat(!browser.present(BANNER), "no banner after Accept all");

            browser.click(By.cssSelector(".site-nav a[href='/request']"));
            browser.awaitPage(path -> path.equals("/request"), "the request form");
            browser.check("request", "contact");

            // step 1 with two mistakes: an email address without @, and no ZIP code
            browser.type(By.id("f-name"), "Maria Lopez");
            browser.type(By.id("f-email"), "maria.example.com");
            browser.type(By.id("f-phone"), "(415) 555-0134");
            browser.type(By.id("f-city"), "San Francisco");
            browser.click(By.cssSelector("input[name=age][value='13-or-older']"));
            browser.click(CONTACT_CONTINUE);
            browser.awaitVisible(ERROR_SUMMARY);
            browser.assertThat(browser.isFocused(ERROR_SUMMARY), "the error summary has focus");
            browser.assertThat(
                    browser.present(By.cssSelector(".error-summary a[href='#f-email']"))
                            && browser.present(By.cssSelector(".error-summary a[href='#f-zip']")),
                    "the summary links to both fields");
            assertEquals("true", browser.find(By.id("f-email")).getAttribute("aria-invalid"));
            assertEquals("true", browser.find(By.id("f-zip")).getAttribute("aria-invalid"));
            assertEquals("Maria Lopez", browser.find(By.id("f-name")).getAttribute("value"), "what was typed stays");
            browser.check("request", "contact-errors");

            browser.type(By.id("f-email"), "maria@example.com");
            browser.type(By.id("f-zip"), "94110");
            browser.click(CONTACT_CONTINUE);
            browser.awaitVisible(By.name("services"));
            browser.assertThat(!browser.present(ERROR_SUMMARY), "step 1 is accepted");
            browser.check("request", "services");

            // step 2 without a service
            browser.click(NEXT);
            browser.awaitVisible(ERROR_SUMMARY);
            browser.assertThat(browser.isFocused(ERROR_SUMMARY), "the error summary has focus");
            browser.assertThat(browser.present(By.id("f-services-error")), "the services say what is missing");
            browser.check("request", "services-errors");

            browser.click(By.cssSelector("input[name=services][value=heat-pump]"));
            browser.click(By.cssSelector("input[name=services][value=solar-pv]"));
            browser.click(NEXT);
            browser.awaitVisible(SEND);
            assertEquals(
                    "maria@example.com", browser.find(By.id("review-email")).getText());
            assertEquals("94110", browser.find(By.id("review-zip")).getText());
            browser.check("request", "review");

            browser.click(SEND);
            browser.awaitVisible(By.id("reference"));
            browser.assertThat(!browser.find(By.id("reference")).getText().isBlank(), "a reference");
            browser.check("request", "done");
        }
    }

    /**
     * The public page {@code /impact} reached by its navigation entry ("Our impact"), with a request counted so
     * that its tables are there: caption, headers with scope, small counts shown as "fewer than 10"; the wide
     * table scrolls in its own focusable region on a phone.
     */
    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("screens")
    void ourImpactPage(Language language, Width width) throws Exception {
        awaitACountedRequest();
        try (Browser browser = Browser.kept(base, language, width)) {
            browser.open("/");
            browser.awaitVisible(BANNER);
            browser.click(By.cssSelector("#consent-banner button[name=choice][value=reject-all]"));
            browser.awaitPage(path -> path.equals("/"), "back on the home page after Reject all");
            browser.click(By.cssSelector(".site-nav a[href='/impact']"));
            browser.awaitPage(path -> path.equals("/impact"), "the impact page");
            browser.awaitVisible(By.id("impact-requests"));
            browser.assertThat(browser.present(By.cssSelector("#impact-requests caption")), "the table has a caption");
            browser.assertThat(
                    browser.present(By.cssSelector("#impact-requests th[scope=row]"))
                            && browser.present(By.cssSelector("#impact-requests th[scope=col]")),
                    "row and column headers");
            browser.assertThat(
                    browser.present(By.cssSelector("#impact-requests .suppressed")), "a small count is suppressed");
            browser.check("impact", "page");
        }
    }

    private static boolean counted;

    /** Submits one request (without a browser) and waits until the impact page counts it. */
    private static synchronized void awaitACountedRequest() throws Exception {
        if (counted) {
            return;
        }
        new FormVisitor(portal).submit("Ines Impact", "ines@example.org", "4 Count Lane", "heat-pump");
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String body = "";
        while (!body.contains("id=\"impact-requests\"")) {
            if (System.nanoTime() > deadline) {
                fail("the request was never counted on /impact:\n" + body);
            }
            Thread.sleep(300);
            body = http.send(
                            HttpRequest.newBuilder(portal.uri("/impact")).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        }
        counted = true;
    }

    /**
     * The whole request with the keyboard alone (Tab, Shift+Tab, Space, Enter and typing): Reject all in the
     * banner, the menu, the form with a mistake; focus is visible at every stop, and after a post with
     * errors the error summary has focus and leads to the field.
     */
    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("screens")
    void requestWithTheKeyboardAlone(Language language, Width width) throws Exception {
        try (Browser browser = Browser.kept(base, language, width)) {
            browser.open("/");
            browser.press(Keys.TAB);
            browser.assertThat(browser.isFocused(By.cssSelector("a.skip-link")), "the first Tab reaches the skip link");
            browser.assertFocusVisible();
            browser.assertThat(
                    ((Number) browser.box(By.cssSelector("a.skip-link")).get("top")).doubleValue() >= 0,
                    "the focused skip link is on screen");
            browser.tabTo(By.cssSelector("#consent-banner button[name=choice][value=reject-all]"));
            browser.press(Keys.ENTER);
            browser.awaitPage(path -> path.equals("/") && !browser.present(BANNER), "the home page after Reject all");

            browser.tabTo(By.cssSelector(".site-nav a[href='/request']"));
            browser.press(Keys.ENTER);
            browser.awaitPage(path -> path.equals("/request"), "the request form");
            browser.assertAccessible("keyboard/contact");

            browser.tabTo(By.id("f-name"));
            browser.typeHere("Sam Keys");
            browser.tabTo(By.id("f-email"));
            browser.typeHere("sam@");
            browser.tabTo(By.id("f-phone"));
            browser.typeHere("415 555 0199");
            browser.tabTo(By.id("f-city"));
            browser.typeHere("Oakland");
            // the age: Tab into the group, Space checks the focused "13 or older"
            browser.tabTo(By.cssSelector("input[name=age][value='13-or-older']"));
            browser.press(Keys.SPACE);
            browser.assertThat(
                    browser.find(By.cssSelector("input[name=age][value='13-or-older']"))
                            .isSelected(),
                    "Space checks the radio button");
            browser.tabTo(CONTACT_CONTINUE);
            browser.press(Keys.ENTER);

            browser.awaitVisible(ERROR_SUMMARY);
            browser.assertThat(
                    browser.isFocused(ERROR_SUMMARY), "after a post with errors the error summary has focus");
            browser.assertFocusVisible();
            browser.check("keyboard", "contact-errors");
            // from the summary to the field: Tab to its first link, Enter
            browser.press(Keys.TAB);
            browser.assertThat(
                    browser.isFocused(By.cssSelector(".error-summary a[href='#f-email']")),
                    "Tab from the summary reaches the first error's link");
            browser.assertFocusVisible();
            browser.press(Keys.ENTER);
            browser.assertThat(browser.isFocused(By.id("f-email")), "the error's link leads to its field");
            browser.assertFocusVisible();
            browser.selectAllHere();
            browser.typeHere("sam@example.com");
            browser.tabTo(By.id("f-zip"));
            browser.typeHere("94607");
            browser.tabTo(CONTACT_CONTINUE);
            browser.press(Keys.ENTER);

            browser.awaitVisible(NEXT);
            browser.assertAccessible("keyboard/services");
            browser.tabTo(By.cssSelector("input[name=services][value=home-energy-audit]"));
            browser.press(Keys.SPACE);
            browser.tabTo(NEXT);
            browser.press(Keys.ENTER);

            browser.awaitVisible(SEND);
            assertEquals("sam@example.com", browser.find(By.id("review-email")).getText());
            browser.assertAccessible("keyboard/review");
            // Shift+Tab back from Back to Send my request
            browser.tabTo(By.cssSelector("button[name=go][value=back]"));
            browser.tabTo(SEND, true);
            browser.press(Keys.ENTER);

            browser.awaitVisible(By.id("reference"));
            browser.assertAccessible("keyboard/done");
            browser.tabTo(By.cssSelector("main a[href='/']"));
        }
    }

    /**
     * The consent journey with the keyboard alone: choosing one purpose in the banner, the policy from the
     * footer, the choices page from the policy, Accept all there, and an opt-out by email address with a
     * mistake (the field gets focus) and its correction.
     */
    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("screens")
    void consentWithTheKeyboardAlone(Language language, Width width) throws Exception {
        try (Browser browser = Browser.kept(base, language, width)) {
            browser.open("/");
            By folded = By.cssSelector("#consent-banner details:not([open]) > summary");
            if (browser.present(folded)) {
                browser.tabTo(folded);
                browser.press(Keys.ENTER);
            }
            By optional = By.cssSelector("#consent-banner input[type=checkbox]:not([disabled])");
            String purpose = browser.find(optional).getAttribute("name");
            browser.tabTo(optional);
            browser.press(Keys.SPACE);
            browser.assertThat(browser.find(optional).isSelected(), "Space ticks the purpose");
            browser.tabTo(By.cssSelector("#consent-banner button[name=choice][value=custom]"));
            browser.press(Keys.ENTER);
            browser.awaitPage(path -> path.equals("/") && !browser.present(BANNER), "the home page after choosing");

            browser.tabTo(By.cssSelector(".site-footer a[href='/privacy']"));
            browser.press(Keys.ENTER);
            browser.awaitPage(path -> path.equals("/privacy"), "the policy from the footer");
            browser.assertAccessible("keyboard/policy");
            browser.tabTo(By.cssSelector("main a[href='/privacy/choices']"));
            browser.press(Keys.ENTER);
            browser.awaitPage(path -> path.equals("/privacy/choices"), "the choices page from the policy");
            browser.assertThat(browser.find(By.id("choice-" + purpose)).isSelected(), "the banner's choice is shown");
            browser.assertAccessible("keyboard/choices");

            browser.tabTo(By.cssSelector("form[action='/privacy/choices'] button[name=choice][value=accept-all]"));
            browser.press(Keys.ENTER);
            browser.awaitPage(path -> path.startsWith("/privacy/choices?saved"), "the choices page after Accept all");
            for (var box : browser.findAll(By.cssSelector("input[id^='choice-']:not([disabled])"))) {
                browser.assertThat(box.isSelected(), "Accept all ticks " + box.getAttribute("id"));
            }

            browser.tabTo(By.id("optout-email"));
            browser.typeHere("sam.example.org");
            browser.tabTo(By.id("optout-address"));
            browser.press(Keys.SPACE);
            browser.tabTo(By.cssSelector("form[action='/privacy/opt-out'] button[type=submit]"));
            browser.press(Keys.ENTER);
            browser.awaitVisible(By.id("optout-error"));
            browser.assertThat(browser.isFocused(By.id("optout-email")), "the field with the mistake has focus");
            browser.assertFocusVisible();
            browser.assertAccessible("keyboard/optout-error");
            browser.selectAllHere();
            browser.typeHere("sam@example.org");
            browser.press(Keys.ENTER);
            browser.awaitPage(path -> path.startsWith("/privacy/choices?opted-out"), "the opt-out is confirmed");
            browser.assertAccessible("keyboard/optout-done");
        }
    }

    /**
     * On a 390 × 844 phone the banner leaves room for the page: at most 300 px high, and the page's h1 starts on
     * the first screen.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Language.class)
    void bannerLeavesRoomForTheHeadingOnAPhone(Language language) throws Exception {
        try (Browser browser = Browser.kept(base, language, Width.PHONE)) {
            for (String page : new String[] {"home", "request", "privacy"}) {
                browser.open(page.equals("home") ? "/" : "/" + page);
                browser.awaitVisible(BANNER);
                double height = ((Number) browser.box(BANNER).get("height")).doubleValue();
                double top = ((Number) browser.box(By.tagName("h1")).get("top")).doubleValue();
                String measured =
                        "on " + page + " the banner is " + height + " px high (at most 300) and the h1 starts at " + top
                                + " px (the screen is " + Width.PHONE.height + ")";
                browser.screenshot("banner-" + page);
                assertTrue(height <= 300, measured);
                assertTrue(top < Width.PHONE.height, measured);
            }
        }
    }

    /**
     * The checks can fail: axe-core reports an input without a label, and an element that hides its focus
     * fails the focus check. (A harness that finds nothing on a broken page would prove nothing on the others.)
     */
    @Test
    void theChecksFindAnUnlabelledFieldAndAHiddenFocus() throws Exception {
        try (Browser browser = Browser.kept(base, Language.values()[0], Width.DESKTOP)) {
            browser.open("/");
            browser.js("var i = document.createElement('input'); i.type = 'text'; i.id = 'unlabelled';"
                    + " i.style.outline = 'none'; document.getElementById('main').appendChild(i); i.focus();");
            AssertionFailedError axe =
                    assertThrows(AssertionFailedError.class, () -> browser.assertAccessible("a broken page"));
            assertTrue(
                    axe.getMessage().contains("label") && axe.getMessage().contains("#unlabelled"), axe.getMessage());
            AssertionFailedError focus = assertThrows(AssertionFailedError.class, browser::assertFocusVisible);
            assertTrue(focus.getMessage().contains("unlabelled"), focus.getMessage());
        }
    }

    /** Waits until the form answers (its configuration from etc/ applied with it). */
    private static void awaitForm() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline) {
            status = http.send(
                            HttpRequest.newBuilder(portal.uri("/request")).build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (status == 200) {
                return;
            }
            Thread.sleep(200);
        }
        fail("The request form did not answer 200 within 60 s (last " + status + "):\n" + portal.output());
    }

    /** Opens the banner's per-purpose choices when they are folded away (a {@code <details>} element). */
    private static void unfoldPurposes(Browser browser) {
        By summary = By.cssSelector("#consent-banner details:not([open]) > summary");
        if (browser.present(summary)) {
            browser.click(summary);
        }
        assertFalse(browser.present(summary), "the per-purpose choices unfold");
    }
}
