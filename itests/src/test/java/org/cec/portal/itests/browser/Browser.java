package org.cec.portal.itests.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (Debian's {@code /usr/bin/chromium}, driven by Debian's {@code /usr/bin/chromedriver};
 * nothing is downloaded, Selenium Manager is never asked) at one {@link Width}, asking for one {@link Language};
 * with what every step of a journey needs: axe-core checks, screenshots, keyboard moves and focus checks.
 */
final class Browser implements AutoCloseable {

    /**
     * Selenium looks for a CDP module matching the browser's version on every start and warns when it has none;
     * the tests use no version-specific CDP (only chromedriver's own {@code executeCdpCommand}).
     */
    private static final java.util.logging.Logger CDP_VERSIONS =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSIONS.setLevel(java.util.logging.Level.SEVERE);
    }

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** The WCAG 2.1 A and AA rules of axe-core: every page of the journeys must pass all of them. */
    private static final String AXE_RUN = "var done = arguments[arguments.length - 1];"
            + "var within = arguments.length > 1 ? document.querySelector(arguments[0]) : document;"
            + "if (!within) { done('nothing matches ' + arguments[0]); return; }"
            + "axe.run(within, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},"
            + " resultTypes: ['violations']}).then(function (r) {"
            + "  done(r.violations.map(function (v) { return {id: v.id, impact: String(v.impact), help: v.help,"
            + "    nodes: v.nodes.map(function (n) { return n.target.join(' ') + ' (' + n.failureSummary + ')'; })}; }));"
            + "}, function (e) { done('axe failed: ' + e); });";

    /** Whether the focused element shows it: a non-zero outline or a box shadow (what the portal's CSS uses). */
    private static final String FOCUS_VISIBLE = "var e = document.activeElement;"
            + "if (!e || e === document.body) { return 'nothing has focus'; }"
            + "var s = getComputedStyle(e);"
            + "if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) { return ''; }"
            + "if (s.boxShadow && s.boxShadow !== 'none') { return ''; }"
            + "return 'no visible focus on ' + e.outerHTML.substring(0, 200);";

    /** The browsers {@link #kept} for the rest of the run, by language and width. */
    private static final Map<String, Browser> KEPT = new HashMap<>();

    private final ChromeDriver driver;
    private URI base;
    private boolean keep;
    private final Width width;
    private final Language language;
    private final String axe;
    private final Path screenshots;

    /**
     * Skips the calling test when this machine has no Chromium, unless {@code CEC_REQUIRE_BROWSER} is set (as
     * in CI, where {@code .ci/run} installs it): then a missing browser fails.
     */
    static void assumeInstalled() {
        if (Files.isExecutable(CHROMIUM)) {
            return;
        }
        String message = CHROMIUM + " is not installed (apt-get install chromium chromium-driver)";
        if (System.getenv("CEC_REQUIRE_BROWSER") != null) {
            fail(message + ", and CEC_REQUIRE_BROWSER is set");
        }
        assumeTrue(false, message + ": the browser tests are skipped");
    }

    /**
     * A browser of {@code language} at {@code width} on the portal at {@code base}, kept open for the next
     * test that asks for the same (a Chromium takes about two seconds to start): {@link #close} clears its
     * cookies, storage and cache and leaves it on {@code about:blank}, as a new one would be. A test that
     * changes the browser itself (extra headers, scripts on every document) takes a {@code new Browser}.
     */
    static synchronized Browser kept(URI base, Language language, Width width) throws IOException {
        String key = language.tag + "@" + width.label();
        Browser browser = KEPT.get(key);
        if (browser == null) {
            browser = new Browser(base, language, width);
            browser.keep = true;
            if (KEPT.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(Browser::quitKept, "quit-kept-browsers"));
            }
            KEPT.put(key, browser);
        }
        browser.base = base;
        return browser;
    }

    private static synchronized void quitKept() {
        for (Browser browser : KEPT.values()) {
            try {
                browser.driver.quit();
            } catch (RuntimeException alreadyGone) {
                // the JVM is ending: nothing more to do
            }
        }
        KEPT.clear();
    }

    Browser(URI base, Language language, Width width) throws IOException {
        this.base = base;
        this.width = width;
        this.language = language;
        this.axe = Files.readString(Path.of(System.getProperty("axe.script", "node_modules/axe-core/axe.min.js")));
        this.screenshots = Path.of(System.getProperty("browser.screenshots", "target/screenshots"));
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                "--no-first-run",
                "--lang=" + language.tag,
                "--window-size=" + width.width + "," + width.height);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language.tag));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        fitViewport();
    }

    /** Sizes the window so that the page's viewport (innerWidth × innerHeight) is exactly the width's. */
    private void fitViewport() {
        driver.get("about:blank");
        for (int attempt = 0; attempt < 3; attempt++) {
            long w = (Long) js("return window.innerWidth;");
            long h = (Long) js("return window.innerHeight;");
            if (w == width.width && h == width.height) {
                return;
            }
            Dimension window = driver.manage().window().getSize();
            driver.manage()
                    .window()
                    .setSize(new Dimension(
                            window.getWidth() + (int) (width.width - w),
                            window.getHeight() + (int) (width.height - h)));
        }
        assertEquals(
                width.width + "x" + width.height,
                js("return window.innerWidth + 'x' + window.innerHeight;"),
                "the viewport of the " + width + " browser");
    }

    ChromeDriver driver() {
        return driver;
    }

    Width width() {
        return width;
    }

    /** Opens {@code path} of the portal, as typed into the address bar. */
    void open(String path) {
        driver.get(base.resolve(path).toString());
        assertPageLanguage();
    }

    /** {@code <html lang>} names the language the browser asked for. */
    void assertPageLanguage() {
        assertEquals(
                language.tag,
                driver.findElement(By.tagName("html")).getAttribute("lang"),
                "<html lang> of " + driver.getCurrentUrl());
    }

    /** The path (and query) of the page shown now. */
    String path() {
        URI now = URI.create(driver.getCurrentUrl());
        return now.getRawPath() + (now.getRawQuery() == null ? "" : "?" + now.getRawQuery());
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    boolean present(By by) {
        return !driver.findElements(by).isEmpty();
    }

    /** Clicks {@code by} (scrolled into view first, as a person scrolls to what they tap). */
    void click(By by) {
        markPage();
        WebElement element = driver.findElement(by);
        js("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    /** Replaces what {@code by} holds with {@code text}, typed key by key. */
    void type(By by, String text) {
        WebElement field = driver.findElement(by);
        field.clear();
        field.sendKeys(text);
    }

    /**
     * Marks the page shown now, before a click or a key that may leave it, so that {@link #awaitPage} can tell
     * the next page from this one even when both have the same path.
     */
    private void markPage() {
        js("window.cecLeaving = true;");
    }

    /**
     * Waits until a new page has loaded after a click or a key (not the page it was pressed on) and its path
     * satisfies {@code until}.
     */
    void awaitPage(Function<String, Boolean> until, String what) {
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .withMessage(what + " (now " + driver.getCurrentUrl() + ")")
                .until(d -> "complete:false"
                                .equals(((JavascriptExecutor) d)
                                        .executeScript("return document.readyState + ':' + !!window.cecLeaving;"))
                        && until.apply(path()));
        assertPageLanguage();
    }

    void awaitVisible(By by) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /**
     * One step of a journey: the page passes axe-core's WCAG 2.1 A and AA rules, and its screenshot is written
     * to {@code target/screenshots/<language>/<journey>-<step>-<width>.png}.
     */
    void check(String journey, String step) throws IOException {
        screenshot(journey + "-" + step);
        assertAccessible(journey + "/" + step);
    }

    /** Runs axe-core (from the npm package the build fetched, injected here) and fails listing each violation. */
    void assertAccessible(String where) {
        assertAccessibleWithin(null, where);
    }

    /**
     * As {@link #assertAccessible}, for the part of the page {@code selector} matches (or the whole page
     * when null): for a console page, whose frame is the Felix Web Console's, not the portal's.
     */
    void assertAccessibleWithin(String selector, String where) {
        if (!"object".equals(js("return typeof window.axe;"))) {
            js(axe);
        }
        Object result =
                selector == null ? driver.executeAsyncScript(AXE_RUN) : driver.executeAsyncScript(AXE_RUN, selector);
        if (result instanceof String error) {
            fail(error + " on " + driver.getCurrentUrl());
        }
        List<String> violations = new ArrayList<>();
        for (Object v : (List<?>) result) {
            Map<?, ?> violation = (Map<?, ?>) v;
            StringBuilder line = new StringBuilder()
                    .append(violation.get("id"))
                    .append(" [")
                    .append(violation.get("impact"))
                    .append("] ")
                    .append(violation.get("help"));
            for (Object node : (List<?>) violation.get("nodes")) {
                line.append("\n      at ").append(node);
            }
            violations.add(line.toString());
        }
        if (!violations.isEmpty()) {
            fail(violations.size() + " WCAG 2.1 A/AA violation(s) on " + where + " (" + driver.getCurrentUrl() + ", "
                    + width + "):\n  - " + String.join("\n  - ", violations));
        }
    }

    /** The whole page, top to bottom, at this width, as {@code <language>/<name>-<width>.png}. */
    void screenshot(String name) throws IOException {
        long height = (Long) js("return Math.ceil(Math.max(document.documentElement.scrollHeight,"
                + " document.body ? document.body.scrollHeight : 0));");
        Map<String, Object> shot = driver.executeCdpCommand(
                "Page.captureScreenshot",
                Map.of(
                        "format",
                        "png",
                        "captureBeyondViewport",
                        true,
                        "clip",
                        Map.of("x", 0, "y", 0, "width", width.width, "height", Math.max(height, 1), "scale", 1)));
        Path folder = Files.createDirectories(screenshots.resolve(language.tag));
        Files.write(
                folder.resolve(name + "-" + width.label() + ".png"),
                Base64.getDecoder().decode((String) shot.get("data")));
    }

    /** Presses {@code keys} as a keyboard does: sent to whatever has focus now. */
    void press(CharSequence... keys) {
        markPage();
        new Actions(driver).sendKeys(keys).perform();
    }

    /** Ctrl+A: selects all text in the focused field, so that what is typed next replaces it. */
    void selectAllHere() {
        new Actions(driver)
                .keyDown(Keys.CONTROL)
                .sendKeys("a")
                .keyUp(Keys.CONTROL)
                .perform();
    }

    /** Types {@code text} into whatever has focus now. */
    void typeHere(String text) {
        new Actions(driver).sendKeys(text).perform();
    }

    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    boolean isFocused(By by) {
        return (Boolean) js("return document.activeElement === arguments[0];", driver.findElement(by));
    }

    /** Fails unless the focused element shows that it has focus. */
    void assertFocusVisible() {
        String problem = (String) js(FOCUS_VISIBLE);
        if (!problem.isEmpty()) {
            fail(problem + " (" + driver.getCurrentUrl() + ", " + width + ")");
        }
    }

    /**
     * Presses Tab (or Shift+Tab when {@code backwards}) until {@code target} has focus, as a keyboard user moves
     * through the page, checking at every stop that focus is visible; fails after 80 presses.
     */
    void tabTo(By target, boolean backwards) {
        WebElement wanted = driver.findElement(target);
        for (int presses = 0; presses < 80; presses++) {
            if ((Boolean) js("return document.activeElement === arguments[0];", wanted)) {
                assertFocusVisible();
                return;
            }
            if (backwards) {
                new Actions(driver)
                        .keyDown(Keys.SHIFT)
                        .sendKeys(Keys.TAB)
                        .keyUp(Keys.SHIFT)
                        .perform();
            } else {
                press(Keys.TAB);
            }
            Object tag = js("var e = document.activeElement; return e && e !== document.body ? e.tagName : '';");
            if (!"".equals(tag)) {
                assertFocusVisible();
            }
        }
        fail("Tab never reached " + target + " on " + driver.getCurrentUrl() + " (" + width + ")");
    }

    void tabTo(By target) {
        tabTo(target, false);
    }

    /** The element's box in CSS pixels, relative to the viewport: {top, bottom, height}. */
    Map<?, ?> box(By by) {
        return (Map<?, ?>) js(
                "var r = arguments[0].getBoundingClientRect(); return {top: r.top, bottom: r.bottom, height: r.height};",
                driver.findElement(by));
    }

    @Override
    public void close() {
        if (!keep) {
            driver.quit();
            return;
        }
        try {
            driver.get("about:blank");
            driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
            driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
            driver.executeCdpCommand(
                    "Storage.clearDataForOrigin",
                    Map.of("origin", base.getScheme() + "://" + base.getAuthority(), "storageTypes", "all"));
        } catch (RuntimeException broken) {
            // a browser that cannot be reset is not handed out again
            synchronized (Browser.class) {
                KEPT.values().remove(this);
            }
            driver.quit();
        }
    }

    /** Asserts {@code condition}, naming the page and width. */
    void assertThat(boolean condition, String what) {
        assertTrue(condition, what + " (" + driver.getCurrentUrl() + ", " + width + ")");
    }
}
