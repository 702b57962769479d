package org.cec.portal.itests.distribution;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small helpers for reading what the portal answered. */
final class Http {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private Http() {}

    /**
     * Posts {@code user} and {@code password} to the console's sign-in page as a browser would (with
     * its CSRF token), with these extra headers (name, value, ...): 303 on the way in, 401 refused,
     * 429 when the address or account must wait.
     */
    static HttpResponse<String> signIn(RunningPortal portal, String user, String password, String... headers)
            throws IOException, InterruptedException {
        return new org.cec.portal.plugintest.ConsoleSignIn(portal.uri("/"), portal.http)
                .signIn(user, password, headers);
    }

    /** {@code response} sends an anonymous browser to the console's sign-in page (303 to /system/sign-in). */
    static void assertSentToSignIn(HttpResponse<?> response, String what) {
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != 303 || !location.startsWith("/system/sign-in")) {
            throw new AssertionError(
                    what + ": expected 303 to /system/sign-in, got " + response.statusCode() + " " + location);
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code name=value} pairs of the response's Set-Cookie headers, joined for a Cookie header. */
    static String cookies(HttpResponse<?> response) {
        List<String> set = response.headers().allValues("set-cookie");
        return String.join("; ", set.stream().map(c -> c.split(";", 2)[0]).toList());
    }

    static String csrfToken(String html) {
        Matcher m = CSRF_FIELD.matcher(html);
        if (!m.find()) {
            throw new AssertionError("No _csrf field in the page:\n" + html);
        }
        return m.group(1);
    }

    static String form(String... pairs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(java.net.URLEncoder.encode(pairs[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(java.net.URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return sb.toString();
    }
}
