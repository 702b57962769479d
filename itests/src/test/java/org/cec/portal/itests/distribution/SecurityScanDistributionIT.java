package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a security scan of the running distribution found, each answered as it must be. */
class SecurityScanDistributionIT {

    private static RunningPortal portal;

    @BeforeAll
    static void start() throws Exception {
        portal = RunningPortal.start("security-scan");
    }

    @AfterAll
    static void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    /** Sends {@code request} as raw bytes and returns the whole answer (status line, headers, body). */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", portal.port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    answer.write(buf, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException endOfAnswer) {
                // the server keeps or resets the connection; what arrived is the answer
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static int status(String answer) {
        return Integer.parseInt(answer.substring(9, 12));
    }

    private static String header(String answer, String name) {
        String head = answer.split("\r\n\r\n", 2)[0];
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** The number of lines in the portal's log, once it has been quiet for a second (start-up done). */
    private static long logLines() throws Exception {
        long lines = portal.output().lines().count();
        for (int quiet = 0; quiet < 5; ) {
            Thread.sleep(200);
            long now = portal.output().lines().count();
            quiet = now == lines ? quiet + 1 : 0;
            lines = now;
        }
        return lines;
    }

    private static void assertAtMostOneNewLogLine(long before, String what) throws Exception {
        Thread.sleep(300); // let the portal's log catch up
        List<String> added = portal.output().lines().skip(before).toList();
        assertTrue(added.size() <= 1, what + " logged " + added.size() + " lines:\n" + String.join("\n", added));
        assertFalse(String.join("\n", added).contains("\tat "), what + " logged a stack trace");
    }

    @Test
    void malformedPercentEncodingIsA400WithAReasonAndAtMostOneLogLine() throws Exception {
        for (String path : List.of("/request?name=%C0%AF", "/privacy/choices?return=%C3", "/?x=%FF")) {
            long before = logLines();
            HttpResponse<String> answer = portal.get(path);
            assertEquals(400, answer.statusCode(), path + ":\n" + answer.body());
            assertTrue(answer.body().contains("malformed"), "says why: " + answer.body());
            PortalDistributionIT.assertSecurityHeaders(answer);
            assertAtMostOneNewLogLine(before, path);
        }

        HttpResponse<String> home = portal.get("/");
        String cookie = Http.cookies(home);
        assertTrue(cookie.contains("cec_csrf="), "the home page's form sets the CSRF cookie");
        for (String path : List.of("/", "/request")) {
            long before = logLines();
            HttpResponse<String> post = portal.send(HttpRequest.newBuilder(portal.uri(path))
                    .header("Cookie", cookie)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + Http.csrfToken(home.body()) + "&x=%C0%AF")));
            assertEquals(400, post.statusCode(), "POST " + path + ":\n" + post.body());
            assertFalse(post.body().contains("Exception"), post.body());
            assertAtMostOneNewLogLine(before, "POST " + path);
        }
    }

    @Test
    void traceIsRefusedEverywhere() throws Exception {
        for (String path : List.of("/", "/request", "/system/console/bundles", "/no/such/page")) {
            String answer = raw("TRACE " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Secret: echo-me\r\n"
                    + "Connection: close\r\n\r\n");
            assertEquals(405, status(answer), "TRACE " + path + ":\n" + answer);
            assertFalse(answer.contains("echo-me"), "the request is not echoed");
            assertEquals("nosniff", header(answer, "X-Content-Type-Options"));
        }
    }

    @Test
    void responsesJettyWritesItselfCarryTheSecurityHeaders() throws Exception {
        String csp =
                portal.get("/").headers().firstValue("content-security-policy").orElseThrow();
        String badPath = raw("GET /%2e%2e/%00 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        String longUri =
                raw("GET /" + "a".repeat(20 * 1024) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        StringBuilder headers = new StringBuilder();
        for (int i = 0; headers.length() < 40 * 1024; i++) {
            headers.append("X-Filler-")
                    .append(i)
                    .append(": ")
                    .append("v".repeat(100))
                    .append("\r\n");
        }
        String bigHeaders = raw("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "Connection: close\r\n\r\n");
        for (var answer : List.of(List.of("400", badPath), List.of("414", longUri), List.of("431", bigHeaders))) {
            String text = answer.get(1);
            assertEquals(Integer.parseInt(answer.get(0)), status(text), text);
            assertEquals(csp, header(text, "Content-Security-Policy"), "the same policy as the pages on " + text);
            assertEquals("nosniff", header(text, "X-Content-Type-Options"), text);
            assertEquals("DENY", header(text, "X-Frame-Options"), text);
            assertTrue(header(text, "Referrer-Policy") != null, text);
        }
    }

    @Test
    void jettysOwnResponsesFollowTheSecurityHeadersConfiguration() throws Exception {
        // one configuration: a changed SecurityHeaders setting reaches Jetty's error responses as well
        String badPath = "GET /%2e%2e/%00 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        Path cfg = portal.home.resolve("deploy/org.cec.portal.web.internal.SecurityHeaders.cfg.json");
        Path tmp = portal.home.resolve("security-headers.cfg.json.tmp");
        Files.writeString(tmp, "{ \"referrer.policy\": \"no-referrer\" }");
        Files.move(tmp, cfg, StandardCopyOption.ATOMIC_MOVE);
        try {
            awaitReferrerPolicy("no-referrer");
            String answer = raw(badPath);
            assertEquals(400, status(answer), answer);
            assertEquals("no-referrer", header(answer, "Referrer-Policy"), answer);
            assertEquals("nosniff", header(answer, "X-Content-Type-Options"), answer);
        } finally {
            Files.delete(cfg);
        }
        awaitReferrerPolicy("strict-origin-when-cross-origin");
        String answer = raw(badPath);
        assertEquals("strict-origin-when-cross-origin", header(answer, "Referrer-Policy"), answer);
    }

    /** Waits until both a page and a response Jetty writes itself carry this Referrer-Policy. */
    private static void awaitReferrerPolicy(String policy) throws Exception {
        String badPath = "GET /%2e%2e/%00 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        long deadline = System.nanoTime() + 10_000_000_000L;
        String page = null;
        String error = null;
        while (System.nanoTime() < deadline) {
            page = portal.get("/").headers().firstValue("referrer-policy").orElse(null);
            error = header(raw(badPath), "Referrer-Policy");
            if (policy.equals(page) && policy.equals(error)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Referrer-Policy " + policy + " expected; page: " + page + ", Jetty: " + error);
    }

    @Test
    void theConsoleRefusesMethodsItDoesNotUseAndFlagsItsCookies() throws Exception {
        HttpResponse<String> options = portal.send(HttpRequest.newBuilder(portal.uri("/system/console/services"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(405, options.statusCode(), options.body());
        assertFalse(options.body().contains("Exception"), options.body());
        // from the console's own pages (same origin), so that the cross-site check does not answer first
        HttpResponse<String> delete = portal.send(HttpRequest.newBuilder(portal.uri("/system/console/bundles"))
                .header("Origin", "http://127.0.0.1:" + portal.port)
                .DELETE());
        assertEquals(405, delete.statusCode());

        HttpResponse<String> signedIn = portal.send(HttpRequest.newBuilder(portal.uri("/system/console/bundles"))
                .header("Authorization", portal.adminAuthorization()));
        assertEquals(200, signedIn.statusCode());
        List<String> cookies = signedIn.headers().allValues("set-cookie");
        assertTrue(
                cookies.stream().anyMatch(c -> c.startsWith("felix-webconsole-locale=")),
                "the console sets its locale cookie: " + cookies);
        for (String c : cookies) {
            String lower = c.toLowerCase(Locale.ROOT);
            assertTrue(lower.contains("httponly"), c);
            assertTrue(lower.contains("samesite="), c);
        }
    }

    @Test
    void aClientCannotChooseItsAddressWithXForwardedFor() throws Exception {
        // no trusted proxy is configured here (the default): the header is ignored, so varying it does
        // not escape the sign-in throttle of the real peer. A portal of its own, whose console the
        // other tests here do not use.
        try (RunningPortal own = RunningPortal.start("spoofed-forwarded-for")) {
            for (int i = 0; i < 5; i++) {
                int status = Http.signIn(own, "admin", "wrong-" + i, "X-Forwarded-For", "192.0.2." + i)
                        .statusCode();
                assertEquals(401, status, "wrong password " + i);
            }
            int sixth = Http.signIn(own, "admin", "wrong-again", "X-Forwarded-For", "192.0.2.99")
                    .statusCode();
            assertEquals(429, sixth, "still the same client, whatever X-Forwarded-For says");
        }
    }
}
