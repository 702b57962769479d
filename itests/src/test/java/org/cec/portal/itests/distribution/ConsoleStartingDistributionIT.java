package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 §2: the console never answers 404 while the portal starts. From the moment {@code /health}
 * is served until the Web Console is there, {@code /system/console} answers 503 "The console is
 * starting." with {@code Retry-After}; once the console has registered, that placeholder never shadows
 * it (its pages, its redirects and its static resources under {@code /system/console/res}).
 */
class ConsoleStartingDistributionIT {

    private static final String STARTING = "The console is starting.";
    /** Polled in turn from the process start: a page, the console root and the root with a slash. */
    private static final List<String> POLLED =
            List.of("/system/console/bundles", "/system/console", "/system/console/");

    private static RunningPortal portal;
    /** Each change of the answers, "health=503 /system/console/bundles=503", in order. */
    private static final List<String> observed = new ArrayList<>();

    private static String violation;
    private static HttpResponse<String> starting;
    private static HttpResponse<String> startingHead;
    private static HttpResponse<String> startingPost;

    /** Starts the portal and polls /health and the console from its first answer until /health is 200. */
    @BeforeAll
    static void startAndWatch() throws Exception {
        portal = RunningPortal.startWithoutWaiting("console-starting", home -> {});
        boolean healthServed = false;
        String last = "";
        long deadline = System.nanoTime() + 90_000_000_000L;
        for (int i = 0; System.nanoTime() < deadline; i++) {
            String path = POLLED.get(i % POLLED.size());
            int health;
            HttpResponse<String> console;
            try {
                health = portal.get("/health").statusCode();
                console = portal.get(path);
            } catch (IOException notListening) {
                Thread.sleep(20);
                continue;
            }
            // /health itself answers 404 only in the moment before the whiteboard has its servlet
            healthServed |= health != 404;
            int status = console.statusCode();
            String now = "health=" + health + " " + path + "=" + status;
            if (!now.equals(last)) {
                observed.add(now);
                last = now;
            }
            if (status == 503) {
                if (!STARTING.equals(console.body())) {
                    violation = path + " answered 503 that is not the placeholder: " + console.body();
                    return;
                }
                if (starting == null) {
                    starting = console;
                    startingHead = portal.send(HttpRequest.newBuilder(portal.uri(path))
                            .method("HEAD", HttpRequest.BodyPublishers.noBody()));
                    startingPost = portal.send(HttpRequest.newBuilder(portal.uri(path))
                            .header("Origin", "http://127.0.0.1:" + portal.port)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("action=refreshPackages")));
                }
            } else if (status == 303 || status == 302) {
                // the real console: an anonymous browser goes to the sign-in page (Felix's own redirect to
                // the console's root first, for the root without its slash)
                String location = console.headers().firstValue("Location").orElse("");
                if (!location.startsWith("/system/sign-in") && !location.endsWith("/system/console/")) {
                    violation = path + " answered " + status + " to " + location;
                    return;
                }
            } else if (status != 401 && status != 403 && (status != 404 || healthServed)) {
                violation = path + " answered " + status + " while /health answers " + health + ": " + console.body();
                return;
            }
            if (health == 200) {
                return;
            }
            Thread.sleep(20);
        }
        violation = "/health never answered 200";
    }

    @AfterAll
    static void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void theConsoleNeverAnswers404OnceHealthIsServed() {
        assertNull(violation, "observed: " + observed);
        assertNotNull(starting, "the placeholder answered while the console was not there yet: " + observed);
    }

    @Test
    void whileStartingEveryMethodGets503WithRetryAfterAndTheSecurityHeaders() {
        assertNotNull(starting, "observed: " + observed);
        assertEquals(503, starting.statusCode());
        assertEquals(STARTING, starting.body());
        assertEquals("5", starting.headers().firstValue("retry-after").orElse(null));
        assertEquals("no-store", starting.headers().firstValue("cache-control").orElse(null));
        assertEquals(
                "text/plain;charset=utf-8",
                starting.headers()
                        .firstValue("content-type")
                        .orElse("")
                        .replace(" ", "")
                        .toLowerCase(Locale.ROOT));
        PortalDistributionIT.assertSecurityHeaders(starting);

        assertEquals(503, startingHead.statusCode());
        assertEquals("", startingHead.body());
        assertEquals("5", startingHead.headers().firstValue("retry-after").orElse(null));
        PortalDistributionIT.assertSecurityHeaders(startingHead);

        // a change without the portal's CSRF token is refused before it reaches the placeholder (403);
        // in the first moments, before that filter is there, the placeholder refuses it alike
        assertTrue(
                startingPost.statusCode() == 403
                        || (startingPost.statusCode() == 503 && STARTING.equals(startingPost.body())),
                startingPost.statusCode() + " " + startingPost.body());
        PortalDistributionIT.assertSecurityHeaders(startingPost);
    }

    @Test
    void onceStartedTheRealConsoleAnswersItsPagesRedirectsAndResources() throws Exception {
        portal.awaitHealthy(Duration.ofSeconds(60));
        String admin = portal.adminAuthorization();

        for (String path : List.of(
                "/system/console",
                "/system/console/",
                "/system/console/bundles",
                "/system/console/configMgr",
                "/system/console/res/ui/webconsole.css",
                "/system/console/no-such-plugin")) {
            HttpResponse<String> anonymous = portal.get(path);
            if (path.equals("/system/console") && anonymous.statusCode() == 302) {
                // Felix's redirect to the console's root, which then sends the browser to the sign-in page
                assertTrue(anonymous.headers().firstValue("Location").orElse("").endsWith("/system/console/"));
            } else {
                Http.assertSentToSignIn(anonymous, path + " without credentials");
            }
            assertFalse(anonymous.body().contains(STARTING), path);
            PortalDistributionIT.assertSecurityHeaders(anonymous);
        }

        HttpResponse<String> bundles = signedIn("/system/console/bundles", admin);
        assertEquals(200, bundles.statusCode(), bundles.body());
        assertTrue(bundles.body().contains("/res/ui/bundles.js"), "the Felix bundles page: " + bundles.body());
        assertTrue(bundles.body().contains("org.cec.portal.web"), "the console lists the portal bundles");
        PortalDistributionIT.assertSecurityHeaders(bundles);

        // the console's own redirects from its root to its default page
        for (String path : List.of("/system/console", "/system/console/")) {
            HttpResponse<String> root = signedIn(path, admin);
            assertEquals(302, root.statusCode(), path + ": " + root.body());
            String location = root.headers().firstValue("location").orElse("");
            assertTrue(location.contains("/system/console/"), path + " redirects into the console: " + location);
            PortalDistributionIT.assertSecurityHeaders(root);
        }

        for (String[] resource : new String[][] {
            {"/system/console/res/ui/webconsole.css", "text/css"},
            {"/system/console/res/ui/bundles.js", "javascript"},
            {"/system/console/res/lib/jquery-3.6.1.js", "javascript"},
            {"/system/console/res/imgs/logo.png", "image/png"}
        }) {
            HttpResponse<String> r = signedIn(resource[0], admin);
            assertEquals(200, r.statusCode(), resource[0]);
            assertTrue(
                    r.headers().firstValue("content-type").orElse("").contains(resource[1]),
                    resource[0] + ": " + r.headers().firstValue("content-type"));
            assertFalse(r.body().contains(STARTING), resource[0]);
        }

        // a path the console does not know is the console's answer, not the placeholder's
        HttpResponse<String> unknown = signedIn("/system/console/no-such-plugin", admin);
        assertFalse(unknown.statusCode() == 503 || unknown.body().contains(STARTING), "" + unknown.statusCode());
    }

    private static HttpResponse<String> signedIn(String path, String authorization)
            throws IOException, InterruptedException {
        return portal.send(HttpRequest.newBuilder(portal.uri(path)).header("Authorization", authorization));
    }
}
