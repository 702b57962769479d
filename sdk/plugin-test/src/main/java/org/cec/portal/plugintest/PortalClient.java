package org.cec.portal.plugintest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One visitor of the portal, as a browser without scripts: it keeps the cookies the portal sets, the
 * CSRF token of the last page with a form, and posts forms with that token and the site's
 * {@code Origin}. It follows no redirects, so that a test sees them.
 *
 * <pre>{@code
 * visitor.get("/partner/my-page");                      // the form, and its CSRF token
 * HttpResponse<String> r = visitor.post("/partner/my-page", "name", "Ada");
 * }</pre>
 */
public final class PortalClient {

    /** The hidden field every portal form carries its CSRF token in. */
    public static final String CSRF_FIELD = "_csrf";

    private static final Pattern CSRF = Pattern.compile("name=\"" + CSRF_FIELD + "\" value=\"([^\"]+)\"");

    private final URI base;
    private final HttpClient http;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrfToken;
    private Locale language;

    public PortalClient(URI base) {
        this(
                base,
                HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build());
    }

    public PortalClient(URI base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    /** Sends {@code Accept-Language} for {@code language} from now on (the portal answers in English otherwise). */
    public PortalClient inLanguage(Locale language) {
        this.language = language;
        return this;
    }

    /** GETs {@code path}; remembers the CSRF token of its form, if it has one. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /**
     * POSTs a form to {@code path}: {@code fields} are names and values in turn, URL-encoded, with the
     * CSRF token of the last page that had a form (load the form page first).
     */
    public HttpResponse<String> post(String path, String... fields) throws IOException, InterruptedException {
        if (fields.length % 2 != 0) {
            throw new IllegalArgumentException("Fields come in pairs of name and value");
        }
        if (csrfToken == null) {
            throw new IllegalStateException("No CSRF token yet: GET the page with the form first");
        }
        List<String> all = new ArrayList<>(List.of(fields));
        all.add(CSRF_FIELD);
        all.add(csrfToken);
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", origin())
                .POST(HttpRequest.BodyPublishers.ofString(form(all.toArray(String[]::new)))));
    }

    /**
     * Sends {@code request} with this visitor's cookies (and language); keeps the cookies the answer
     * sets or clears, and the CSRF token of a page with a form.
     */
    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookieHeader());
        }
        if (language != null) {
            request.header("Accept-Language", language.toLanguageTag());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String set : response.headers().allValues("set-cookie")) {
            String pair = set.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String name = pair.substring(0, eq).strip();
                String value = pair.substring(eq + 1).strip();
                if (value.isEmpty() || set.toLowerCase(Locale.ROOT).contains("max-age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
        }
        Matcher m = CSRF.matcher(response.body());
        if (m.find()) {
            csrfToken = m.group(1);
        }
        return response;
    }

    /** The CSRF token of the last page with a form, if one was loaded. */
    public Optional<String> csrfToken() {
        return Optional.ofNullable(csrfToken);
    }

    /** The value of this visitor's cookie {@code name}, if it has one. */
    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    /** Sets a cookie of this visitor (a test replaying an old one, say). */
    public void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    /** The {@code Cookie} header this visitor sends. */
    public String cookieHeader() {
        List<String> parts = new ArrayList<>();
        cookies.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join("; ", parts);
    }

    /** {@code path} on this portal. */
    public URI uri(String path) {
        return base.resolve(path);
    }

    /** The portal's origin, as a browser sends it with a form. */
    public String origin() {
        return base.getScheme() + "://" + base.getRawAuthority();
    }

    /** Names and values in turn, URL-encoded as a form body. */
    public static String form(String... pairs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return sb.toString();
    }
}
