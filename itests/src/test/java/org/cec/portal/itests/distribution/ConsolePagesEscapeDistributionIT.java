package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cec.portal.itests.markup.FailingWithMarkupModule;
import org.cec.portal.itests.support.TestBundles;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 6 of the platform hardening issue: markup stored in any free-text field, or given in a
 * query parameter a console page shows again, appears escaped on every console page of the portal
 * ("Service requests", "Consent", "Event log"), never as markup. The pages are rendered from
 * auto-escaped templates of their bundles.
 */
class ConsolePagesEscapeDistributionIT {

    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String ATTRIBUTE = "\"'><img src=x onerror=alert(1)>";
    private static final String SCRIPT_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";
    private static final String ATTRIBUTE_ESCAPED = "&quot;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void markupInEveryFieldIsShownEscapedOnEachConsolePage() throws Exception {
        try (RunningPortal portal = RunningPortal.start("console-escape")) {
            String admin = portal.adminAuthorization();
            deployFailingConsumer(portal);

            // A service request whose name and city hold markup (the JSON API, as a partner's form sends it).
            String json = "{\"name\":\"" + SCRIPT + "\",\"email\":\"markup@example.com\",\"phone\":\"+1 415 555 0134\","
                    + "\"city\":\"" + ATTRIBUTE.replace("\"", "\\\"") + "\",\"zip\":\"94110\","
                    + "\"services\":[\"heat-pump\"],\"ageConfirmed\":true}";
            HttpResponse<String> created = submitOnceTheApiIsThere(portal, json);
            Matcher ref = Pattern.compile("\"reference\":\"([0-9A-Z-]{24})\"").matcher(created.body());
            assertTrue(ref.find(), created.body());
            String reference = ref.group(1);

            // A consent record: a person-level opt-out whose (plausible) address holds a script.
            String email = SCRIPT + "@example.org";
            HttpResponse<String> choices = portal.get("/privacy/choices");
            assertEquals(200, choices.statusCode(), choices.body());
            HttpResponse<String> optOut = portal.send(HttpRequest.newBuilder(portal.uri("/privacy/opt-out"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Cookie", Http.cookies(choices))
                    .POST(HttpRequest.BodyPublishers.ofString(Http.form(
                            "_csrf", Http.csrfToken(choices.body()), "email", email, "marketing-email", "yes"))));
            assertEquals(303, optOut.statusCode(), optOut.body());

            String list = await(portal, admin, "/system/console/requests", b -> b.contains(reference));
            assertEscaped("requests list", list, true, true);
            assertEscaped(
                    "request detail", console(portal, admin, "/system/console/requests?ref=" + reference), true, true);
            // the page shows only its own messages, with a known status: a link's text or markup is never shown
            assertEscaped(
                    "requests message",
                    console(
                            portal,
                            admin,
                            "/system/console/requests?message=console.requests.statusChanged&arg="
                                    + encode(SCRIPT + ATTRIBUTE)),
                    false,
                    false);

            String consent = await(portal, admin, "/system/console/consent", b -> b.contains("@example.org"));
            assertEscaped("consent opt-outs", consent, true, false);
            assertEscaped(
                    "consent receipt lookup",
                    console(portal, admin, "/system/console/consent?receipt=" + encode(ATTRIBUTE)),
                    false,
                    true);

            String events = await(
                    portal, admin, "/system/console/events", b -> b.contains(FailingWithMarkupModule.CONSUMER_ID));
            events = await(portal, admin, "/system/console/events", b -> b.contains("IllegalStateException"));
            assertEscaped("event log, last error", events, true, true);
            assertEscaped(
                    "event log message",
                    console(
                            portal,
                            admin,
                            "/system/console/events?message=console.events.flash.retryNotStored&arg="
                                    + encode(SCRIPT + ATTRIBUTE)),
                    true,
                    true);
        }
    }

    private static void assertEscaped(String where, String html, boolean script, boolean attribute) {
        assertFalse(html.contains(SCRIPT), where + " shows the script unescaped:\n" + html);
        assertFalse(html.contains("<img src=x"), where + " shows the image unescaped:\n" + html);
        assertFalse(html.contains("'><img"), where + " lets a value leave its attribute:\n" + html);
        if (script) {
            assertTrue(html.contains(SCRIPT_ESCAPED), where + " shows the script escaped:\n" + html);
        }
        if (attribute) {
            assertTrue(html.contains(ATTRIBUTE_ESCAPED), where + " shows the attribute value escaped:\n" + html);
        }
    }

    /** Posts the request to the JSON API, waiting (up to a minute) for the intake module to be there. */
    private static HttpResponse<String> submitOnceTheApiIsThere(RunningPortal portal, String json) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            HttpResponse<String> r = portal.send(HttpRequest.newBuilder(portal.uri("/api/v1/requests"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
            if (r.statusCode() == 201
                    || System.nanoTime() > deadline
                    || (r.statusCode() != 404 && r.statusCode() != 405 && r.statusCode() != 503)) {
                assertEquals(201, r.statusCode(), r.body() + "\n" + portal.output());
                return r;
            }
            Thread.sleep(200);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String console(RunningPortal portal, String admin, String path) throws Exception {
        HttpResponse<String> r =
                portal.send(HttpRequest.newBuilder(portal.uri(path)).header("Authorization", admin));
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }

    /** The console page once it answers 200 with what {@code ready} looks for. */
    private static String await(RunningPortal portal, String admin, String path, Predicate<String> ready)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r =
                    portal.send(HttpRequest.newBuilder(portal.uri(path)).header("Authorization", admin));
            last = "HTTP " + r.statusCode() + "\n" + r.body();
            if (r.statusCode() == 200 && ready.test(r.body())) {
                return r.body();
            }
            Thread.sleep(100);
        }
        fail(path + " did not show what was stored within " + WAIT + "; last: " + last + "\n" + portal.output());
        return null;
    }

    private static void deployFailingConsumer(RunningPortal portal) throws Exception {
        byte[] jar = TestBundles.bundle("org.cec.portal.itests.markuptest")
                .header("Bundle-Activator", FailingWithMarkupModule.class.getName())
                .header(
                        "Import-Package",
                        "org.cec.portal.api.events;version=\"[1.0,2)\",org.osgi.framework;version=\"[1.8,2)\"")
                .classes(FailingWithMarkupModule.bundleClasses())
                .build();
        portal.deploy("markuptest.jar", jar);
    }
}
