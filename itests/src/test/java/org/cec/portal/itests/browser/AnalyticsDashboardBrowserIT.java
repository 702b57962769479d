package org.cec.portal.itests.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cec.portal.itests.distribution.AnalyticsPortal;
import org.cec.portal.itests.distribution.RunningPortal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console page Analytics in a real browser at every {@link Width}, signed in as the first admin, on
 * the rollups of March 2026: Chart.js and our script run under the console's Content-Security-Policy
 * (no 'unsafe-inline') and draw every chart, nothing breaks the policy, and the page's content passes
 * axe-core's WCAG 2.1 A and AA rules (the Felix Web Console's own frame around it is not ours and is
 * left out). A screenshot of each width is written.
 */
class AnalyticsDashboardBrowserIT {

    /** Policy violations the page reports, counted from the start (registered before any script runs). */
    private static final String WATCH_CSP = "window.cecCsp = [];"
            + "document.addEventListener('securitypolicyviolation', function (e) {"
            + " window.cecCsp.push(e.violatedDirective + ' ' + e.blockedURI); });";

    private static final String AXE_CONTENT = "var done = arguments[arguments.length - 1];"
            + "axe.run(document.querySelector('.analytics'), {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa',"
            + " 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']}).then(function (r) {"
            + "  done(r.violations.map(function (v) { return v.id + ' [' + v.impact + '] ' + v.help + ': '"
            + "    + v.nodes.map(function (n) { return n.target.join(' '); }).join(', '); }));"
            + "}, function (e) { done(['axe failed: ' + e]); });";

    private static RunningPortal portal;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeInstalled();
        portal = AnalyticsPortal.startWithMarch("analytics-browser");
        admin = AnalyticsPortal.admin(portal);
    }

    @AfterAll
    static void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Width.class)
    void theChartsAreDrawnUnderThePolicyAndTheContentPassesAxe(Width width) throws Exception {
        try (Browser browser = new Browser(portal.uri("/"), Language.EN, width)) {
            ChromeDriver driver = browser.driver();
            driver.executeCdpCommand("Network.enable", Map.of());
            driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", admin)));
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH_CSP));
            driver.get(portal.uri(AnalyticsPortal.PAGE + "?" + AnalyticsPortal.MARCH)
                    .toString());

            new WebDriverWait(driver, Duration.ofSeconds(20))
                    .withMessage("the charts were not drawn")
                    .until(d -> browser.js("return document.documentElement.getAttribute('data-analytics-charts');")
                            != null);
            long figures = driver.findElements(By.cssSelector("figure.analytics-chart"))
                    .size();
            assertTrue(figures >= 5, "charts on the page: " + figures);
            assertEquals(
                    Long.toString(figures),
                    browser.js("return document.documentElement.getAttribute('data-analytics-charts');"));
            Object drawn = browser.js("return Array.prototype.filter.call(document.querySelectorAll("
                    + "'figure.analytics-chart canvas'), function (c) { return c.width > 0 && c.height > 0"
                    + " && typeof Chart !== 'undefined' && Chart.getChart(c) !== undefined; }).length;");
            assertEquals(figures, drawn, "every canvas holds a Chart.js chart");
            assertEquals(List.of(), browser.js("return window.cecCsp;"), "no Content-Security-Policy violation");
            browser.screenshot("analytics-dashboard");

            if (!"object".equals(browser.js("return typeof window.axe;"))) {
                browser.js(Files.readString(
                        Path.of(System.getProperty("axe.script", "node_modules/axe-core/axe.min.js"))));
            }
            Object result = driver.executeAsyncScript(AXE_CONTENT);
            List<String> violations = new ArrayList<>();
            for (Object v : (List<?>) result) {
                violations.add(String.valueOf(v));
            }
            if (!violations.isEmpty()) {
                fail("WCAG 2.1 A/AA violations at " + width + ":\n" + String.join("\n", violations));
            }
        }
    }
}
