package org.cec.portal.itests.pax;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * The web layer of the distribution in a real framework: CSRF protection, escaping, security headers,
 * error pages and partner plugins coming and going at runtime, all over real HTTP.
 */
public class WebLayerPaxIT extends PortalTestSupport {

    private static final String HELLO = "/partner/hello";
    private static final String NAV_ENTRY = "href=\"" + HELLO + "\"";
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern STACK_FRAME = Pattern.compile("\\bat [a-zA-Z_$][\\w$]*(\\.[\\w$<>]+)+\\(");

    /** A browser as the CSRF check sees it: its signed cookie and the token its form carries. */
    private record Visitor(String cookie, String token) {
        String cookieHeader() {
            return "cec_csrf=" + cookie;
        }
    }

    @Test
    public void everyBundleOfTheFeaturesIsInstalledAtItsStartLevelAndActive() throws Exception {
        Map<Path, Integer> expected = distributionBundles();
        assertFalse("the distribution has bundles", expected.isEmpty());
        for (Map.Entry<Path, Integer> jar : expected.entrySet()) {
            Bundle bundle = bundleContext.getBundle(jar.getKey().toUri().toString());
            assertNotNull(jar.getKey().getFileName() + " is installed", bundle);
            assertEquals(
                    bundle.getSymbolicName() + " start level",
                    (int) jar.getValue(),
                    bundle.adapt(BundleStartLevel.class).getStartLevel());
        }
        List<String> notActive = new ArrayList<>();
        for (Bundle bundle : bundleContext.getBundles()) {
            boolean fragment = bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
            int state = bundle.getState();
            if (!(state == Bundle.ACTIVE || (fragment && state == Bundle.RESOLVED))) {
                notActive.add(bundle.getSymbolicName() + " (state " + state + ")");
            }
        }
        assertEquals("bundles that are not active", List.of(), notActive);
    }

    @Test
    public void postWithoutCsrfTokenIsRefusedWithTheErrorPage() throws Exception {
        installExamplePlugin();
        Visitor visitor = newVisitor();

        HttpResponse<String> noToken = postForm(HELLO, List.of("name", "Ada"), "Cookie", visitor.cookieHeader());
        assertEquals(403, noToken.statusCode());
        assertTrue(noToken.body(), noToken.body().contains("That request was refused"));
        assertTrue(noToken.body(), noToken.body().contains("sent without its security token"));
        assertSecurityHeaders(noToken);

        HttpResponse<String> noCookie = postForm(HELLO, List.of("name", "Ada", "_csrf", visitor.token()));
        assertEquals(403, noCookie.statusCode());
        assertTrue(noCookie.body(), noCookie.body().contains("That request was refused"));
        assertTrue(noCookie.body(), noCookie.body().contains("did not send the portal&#39;s security cookie"));
        assertFalse(noCookie.body(), noCookie.body().contains("Hello, <span"));
    }

    @Test
    public void postWithCookieAndTokenFromTheFormIsAccepted() throws Exception {
        installExamplePlugin();
        Visitor visitor = newVisitor();

        HttpResponse<String> response =
                postForm(HELLO, List.of("name", "Ada", "_csrf", visitor.token()), "Cookie", visitor.cookieHeader());

        assertEquals(response.body(), 200, response.statusCode());
        assertTrue(response.body(), response.body().contains("Hello, <span id=\"greeting\">Ada</span>"));
    }

    @Test
    public void tokenOfAnotherBrowserIsRefused() throws Exception {
        installExamplePlugin();
        Visitor mine = newVisitor();
        Visitor other = newVisitor();
        assertFalse("two browsers get different tokens", mine.token().equals(other.token()));

        HttpResponse<String> response =
                postForm(HELLO, List.of("name", "Ada", "_csrf", other.token()), "Cookie", mine.cookieHeader());

        assertEquals(403, response.statusCode());
        assertTrue(response.body(), response.body().contains("does not belong to this browser"));
    }

    @Test
    public void tamperedCookieIsRefused() throws Exception {
        installExamplePlugin();
        Visitor visitor = newVisitor();
        // the cookie is secret.keyId.signature: change the secret's last character, keep the signature
        String cookie = visitor.cookie();
        int end = cookie.indexOf('.') - 1;
        assertTrue("cookie has the form secret.keyId.signature: " + cookie, end > 0);
        String tampered =
                cookie.substring(0, end) + (cookie.charAt(end) == '7' ? '3' : '7') + cookie.substring(end + 1);

        HttpResponse<String> response =
                postForm(HELLO, List.of("name", "Ada", "_csrf", visitor.token()), "Cookie", "cec_csrf=" + tampered);

        assertEquals(403, response.statusCode());
        assertTrue(response.body(), response.body().contains("That request was refused"));
        // refused because the cookie's signature no longer matches, so it does not count as the portal's cookie
        assertTrue(response.body(), response.body().contains("did not send the portal&#39;s security cookie"));
    }

    @Test
    public void scriptPostedAsNameIsRenderedEscaped() throws Exception {
        installExamplePlugin();
        Visitor visitor = newVisitor();

        HttpResponse<String> response = postForm(
                HELLO,
                List.of("name", "<script>alert(1)</script>", "_csrf", visitor.token()),
                "Cookie",
                visitor.cookieHeader());

        assertEquals(200, response.statusCode());
        assertTrue(
                response.body(),
                response.body().contains("<span id=\"greeting\">&lt;script&gt;alert(1)&lt;/script&gt;</span>"));
        assertFalse(response.body(), response.body().contains("<script>alert(1)</script>"));
    }

    @Test
    public void emptyNameGets400WithTheFormAgain() throws Exception {
        installExamplePlugin();
        Visitor visitor = newVisitor();

        HttpResponse<String> response =
                postForm(HELLO, List.of("name", "  ", "_csrf", visitor.token()), "Cookie", visitor.cookieHeader());

        assertEquals(400, response.statusCode());
        assertTrue(response.body(), response.body().contains("Enter your name."));
        assertTrue(response.body(), CSRF_FIELD.matcher(response.body()).find());
    }

    @Test
    public void everyResponseCarriesTheSecurityHeaders() {
        for (String path : List.of("/", "/health", "/static/portal.css", "/no/such/page")) {
            HttpResponse<String> response = get(path);
            assertSecurityHeaders(response);
        }
    }

    @Test
    public void unknownPathGetsTheHtmlNotFoundPageWithoutStackTrace() {
        HttpResponse<String> response = get("/no/such/page");

        assertEquals(404, response.statusCode());
        assertTrue(
                response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String body = response.body();
        assertTrue(body, body.contains("<!DOCTYPE html>"));
        assertTrue(body, body.contains("Page not found"));
        assertFalse(body, body.contains("Exception"));
        assertFalse(body, body.contains("Caused by"));
        assertFalse(body, body.contains("org.eclipse.jetty"));
        assertFalse(body, STACK_FRAME.matcher(body).find());
    }

    @Test
    public void installingThePluginAddsItsPageAndNavigationEntryAndUninstallingRemovesThem() throws Exception {
        uninstallExamplePlugin();
        assertFalse("no entry before the plugin is installed", get("/").body().contains(NAV_ENTRY));

        installExamplePlugin();
        awaitResponse("/", r -> r.statusCode() == 200 && r.body().contains(NAV_ENTRY), CHANGE_TIMEOUT);
        HttpResponse<String> page = get(HELLO);
        assertEquals(200, page.statusCode());
        assertTrue(page.body(), page.body().contains("Hello from a partner"));

        uninstallExamplePlugin();
        HttpResponse<String> gone = get(HELLO);
        assertEquals(404, gone.statusCode());
        assertTrue(gone.body(), gone.body().contains("Page not found"));
        awaitResponse("/", r -> r.statusCode() == 200 && !r.body().contains(NAV_ENTRY), CHANGE_TIMEOUT);
        assertFalse(get("/").body().contains("Partner hello"));
    }

    /** A fresh browser: loads the form without a cookie and keeps the cookie and token it is given. */
    private Visitor newVisitor() {
        HttpResponse<String> form = get(HELLO);
        assertEquals(200, form.statusCode());
        String cookie = form.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("cec_csrf="))
                .map(c -> c.substring("cec_csrf=".length()).split(";", 2)[0])
                .findFirst()
                .orElseThrow(() -> new AssertionError("no cec_csrf cookie: " + form.headers()));
        Matcher token = CSRF_FIELD.matcher(form.body());
        assertTrue("the form carries a _csrf field", token.find());
        return new Visitor(cookie, token.group(1));
    }

    @Test
    public void theConsoleRefusesEveryoneWhileThePortalsSecurityProviderIsNotRunning() throws Exception {
        String bearer = adminAuthorization();
        assertEquals(
                200, get("/system/console/bundles", "Authorization", bearer).statusCode());

        Bundle admin = java.util.Arrays.stream(bundleContext.getBundles())
                .filter(b -> "org.cec.portal.admin".equals(b.getSymbolicName()))
                .findFirst()
                .orElseThrow();
        admin.stop();
        try {
            for (String[] who :
                    new String[][] {{"Authorization", bearer}, {"Authorization", "Basic YWRtaW46YWRtaW4="}}) {
                int status = get("/system/console/bundles", who).statusCode();
                assertTrue("without the provider the console refuses (" + status + ")", status >= 400);
            }
            assertEquals("the portal's pages keep answering", 200, get("/").statusCode());
        } finally {
            admin.start();
        }
        awaitResponse(
                "/system/console/bundles",
                r -> r.statusCode() == 303
                        && r.headers().firstValue("Location").orElse("").contains("/system/sign-in"),
                CHANGE_TIMEOUT);
    }

    private static void assertSecurityHeaders(HttpResponse<String> response) {
        String where =
                response.request().method() + " " + response.uri().getPath() + " (" + response.statusCode() + ")";
        String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(where + " Content-Security-Policy: " + csp, csp.contains("default-src 'self'"));
        assertFalse(where + " Content-Security-Policy: " + csp, csp.contains("unsafe-inline"));
        assertEquals(
                where + " X-Content-Type-Options",
                "nosniff",
                response.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals(
                where + " X-Frame-Options",
                "DENY",
                response.headers().firstValue("X-Frame-Options").orElse(null));
        assertFalse(
                where + " Referrer-Policy",
                response.headers().firstValue("Referrer-Policy").orElse("").isBlank());
    }
}
