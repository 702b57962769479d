package org.cec.portal.plugintest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signs in to the console over real HTTP as a person would: the sign-in page, a new password for the
 * generated first admin, the second factor's enrolment (the code computed from the secret the page
 * shows, as an authenticator app would), and creates an API token on the Staff page for the tests'
 * further console requests ({@code Authorization: Bearer}).
 */
public final class ConsoleSignIn {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SECRET = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<");
    private static final Pattern TOKEN = Pattern.compile("id=\"new-token\">([^<]+)<");
    private static final Pattern CODES = Pattern.compile("<li><code>([^<]+)</code></li>");

    private final URI base;
    /** The cookies of this browser. */
    private final PortalClient browser;

    /** The first admin after sign-in: its new password, its second factor's secret and recovery codes. */
    public record Admin(String password, String totpSecret, List<String> recoveryCodes, String sessionCookie) {}

    public ConsoleSignIn(URI base, HttpClient http) {
        this.base = base;
        this.browser = new PortalClient(base, http);
    }

    /** The {@code Cookie} header of this browser. */
    public String cookieHeader() {
        return browser.cookieHeader();
    }

    /** The value of this browser's cookie {@code name}, or null. */
    public String cookie(String name) {
        return browser.cookie(name).orElse(null);
    }

    /** Sets a cookie of this browser (a test replaying an old one). */
    public void setCookie(String name, String value) {
        browser.setCookie(name, value);
    }

    /**
     * Signs the generated first admin in, from its credentials file: sign-in, new password {@code
     * newPassword}, enrolment of the second factor.
     */
    public Admin firstAdmin(Path credentialsFile, String newPassword) throws IOException, InterruptedException {
        Properties credentials = new Properties();
        try (var in = Files.newBufferedReader(credentialsFile)) {
            credentials.load(in);
        }
        HttpResponse<String> signIn = signIn("admin", credentials.getProperty("password"));
        expectRedirect(signIn, "/system/sign-in/password");
        HttpResponse<String> changed = post("/system/sign-in/password", "password", newPassword);
        expectRedirect(changed, "/system/sign-in/totp");
        // an admin without a second factor reaches no console page until enrolled
        for (String page : List.of("/system/console/bundles", "/system/console/staff", "/system/console/audit")) {
            expectRedirect(get(page), "/system/sign-in/totp");
        }
        HttpResponse<String> enrol = get("/system/sign-in/totp");
        Matcher m = SECRET.matcher(enrol.body());
        if (!m.find()) {
            throw new AssertionError(
                    "No #totp-secret on the enrolment page: " + enrol.statusCode() + "\n" + enrol.body());
        }
        String secret = m.group(1);
        HttpResponse<String> enrolled = post("/system/sign-in/totp", "code", freshCode(secret));
        if (enrolled.statusCode() != 200) {
            throw new AssertionError("Enrolment refused: " + enrolled.statusCode() + "\n" + enrolled.body());
        }
        List<String> codes = new ArrayList<>();
        Matcher c = CODES.matcher(enrolled.body());
        while (c.find()) {
            codes.add(c.group(1));
        }
        return new Admin(newPassword, secret, codes, cookie("cec_staff"));
    }

    /** Posts user name and password to the sign-in page (after loading it for its CSRF token). */
    public HttpResponse<String> signIn(String username, String password) throws IOException, InterruptedException {
        return signIn(username, password, new String[0]);
    }

    /** As {@link #signIn(String, String)}, the POST with these extra headers (name, value, ...). */
    public HttpResponse<String> signIn(String username, String password, String... headers)
            throws IOException, InterruptedException {
        get("/system/sign-in");
        return postWith(headers, "/system/sign-in", "username", username, "password", password);
    }

    /** The steps whose codes this test run has used, by secret: the portal refuses a code used before. */
    private static final Map<String, Long> USED_STEPS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A code of {@code secret} not used before by these tests: the current step's, or when that was
     * used, the next step's (the portal accepts one step of clock drift), else it waits for a step.
     */
    public static String freshCode(String secret) throws InterruptedException {
        while (true) {
            long current = Instant.now().getEpochSecond() / 30;
            long last = USED_STEPS.getOrDefault(secret, Long.MIN_VALUE);
            long step = Math.max(current, last + 1);
            if (step <= current + 1 && USED_STEPS.replace(secret, last, step)
                    || last == Long.MIN_VALUE && USED_STEPS.putIfAbsent(secret, step) == null) {
                return Totp.codeAt(secret, step);
            }
            Thread.sleep(200);
        }
    }

    /** Posts the second factor's code of {@code secret} for now. */
    public HttpResponse<String> totp(String secret) throws IOException, InterruptedException {
        return post("/system/sign-in/totp", "code", freshCode(secret));
    }

    /** Creates an API token for {@code username} on the Staff page; returns its text. */
    public String createToken(String username, String label) throws IOException, InterruptedException {
        HttpResponse<String> page = send(HttpRequest.newBuilder(base.resolve("/system/console/staff"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", origin())
                .POST(HttpRequest.BodyPublishers.ofString(
                        form("action", "create-token", "username", username, "label", label))));
        Matcher m = TOKEN.matcher(page.body());
        if (page.statusCode() != 200 || !m.find()) {
            throw new AssertionError("No token from the Staff page: " + page.statusCode() + "\n" + page.body());
        }
        return m.group(1).strip();
    }

    /** Posts the sign-out form (with the CSRF token of the sign-in page). */
    public HttpResponse<String> signOut() throws IOException, InterruptedException {
        return post("/system/sign-out");
    }

    /** GET with this browser's cookies. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /** POSTs a form with this browser's cookies and the CSRF token of the sign-in page. */
    public HttpResponse<String> post(String path, String... pairs) throws IOException, InterruptedException {
        return postWith(new String[0], path, pairs);
    }

    private HttpResponse<String> postWith(String[] headers, String path, String... pairs)
            throws IOException, InterruptedException {
        String token = csrfToken();
        String[] all = new String[pairs.length + 2];
        System.arraycopy(pairs, 0, all, 0, pairs.length);
        all[pairs.length] = "_csrf";
        all[pairs.length + 1] = token;
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", origin())
                .POST(HttpRequest.BodyPublishers.ofString(form(all)));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    private String csrfToken() throws IOException, InterruptedException {
        HttpResponse<String> page =
                send(HttpRequest.newBuilder(base.resolve("/system/sign-in")).GET());
        Matcher m = CSRF.matcher(page.body());
        if (!m.find()) {
            // a signed-in browser is sent on from the sign-in page: the token of the password page then
            page = send(HttpRequest.newBuilder(base.resolve("/privacy/choices")).GET());
            m = CSRF.matcher(page.body());
            if (!m.find()) {
                throw new AssertionError("No CSRF token found");
            }
        }
        return m.group(1);
    }

    /** Sends with this browser's cookies, and keeps the cookies the answer sets. */
    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return browser.send(request);
    }

    /** This site's origin, as a browser sends it with a form. */
    public String origin() {
        return browser.origin();
    }

    private static void expectRedirect(HttpResponse<String> response, String path) {
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != 303 || !location.startsWith(path)) {
            throw new AssertionError("Expected a redirect to " + path + ", got " + response.statusCode() + " "
                    + location + "\n" + response.body());
        }
    }

    public static String form(String... pairs) {
        return PortalClient.form(pairs);
    }
}
