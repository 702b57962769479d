package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One visitor of the public portal without a browser: keeps the cookies the portal sets and the CSRF
 * token of the last page that had a form, and posts forms with that token, as a browser would. Public
 * for the browser tests, which submit requests without a browser to have something counted.
 */
public final class FormVisitor {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final RunningPortal portal;
    final Map<String, String> jar = new LinkedHashMap<>();
    String token;

    public FormVisitor(RunningPortal portal) {
        this.portal = portal;
    }

    /** GETs {@code path}, remembering the CSRF token of its form, if it has one. */
    HttpResponse<String> get(String path) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(portal.uri(path)));
        Matcher m = CSRF.matcher(r.body());
        if (m.find()) {
            token = m.group(1);
        }
        return r;
    }

    /** POSTs the form fields {@code body} (URL-encoded) to {@code path} with the last CSRF token. */
    HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(portal.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + token + "&" + body)));
    }

    /** Submits a request for solar panels at ZIP 94110 through the form's three steps. */
    HttpResponse<String> submit(String name, String email, String address) throws Exception {
        return submit(name, email, address, "solar-pv");
    }

    /** Submits a request for the service {@code service} at ZIP 94110 through the form's three steps. */
    public HttpResponse<String> submit(String name, String email, String address, String service) throws Exception {
        assertEquals(200, get("/request").statusCode());
        String contact = Http.form(
                "name", name,
                "email", email,
                "phone", "415.555.0134",
                "city", "San Francisco",
                "zip", "94110",
                "address", address,
                "age", "13-or-older");
        assertEquals(200, post("/request", contact + "&step=contact").statusCode());
        assertEquals(
                200,
                post("/request", contact + "&step=services&services=" + service + "&go=next")
                        .statusCode());
        HttpResponse<String> done = post("/request", contact + "&step=review&services=" + service + "&go=submit");
        assertEquals(200, done.statusCode(), done.body());
        return done;
    }

    /** Sends {@code request} with the visitor's cookies, and keeps the cookies the answer sets or clears. */
    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        if (!jar.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            jar.forEach((k, val) -> sb.append(sb.length() == 0 ? "" : "; ")
                    .append(k)
                    .append('=')
                    .append(val));
            request.header("Cookie", sb.toString());
        }
        HttpResponse<String> r = portal.send(request);
        for (String set : r.headers().allValues("set-cookie")) {
            String pair = set.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String value = pair.substring(eq + 1).strip();
            if (value.isEmpty() || set.toLowerCase(Locale.ROOT).contains("max-age=0")) {
                jar.remove(pair.substring(0, eq).strip());
            } else {
                jar.put(pair.substring(0, eq).strip(), value);
            }
        }
        return r;
    }
}
