package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cec.portal.itests.directorypages.PagesTestSource;
import org.cec.portal.itests.support.TestBundles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The directory's public pages over real HTTP against the running distribution (H2, demonstration data on):
 * the search page and {@code GET /api/v1/contractors} with good and bad parameters (issue 12, acceptance 3),
 * the website links {@code /out/{id}} (acceptance 4), profiles, and searches over the demonstration
 * contractors and a test {@code ContractorSource} of known websites ({@link PagesTestSource}).
 */
class DirectoryPagesDistributionIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static RunningPortal portal;

    @BeforeAll
    static void start() throws Exception {
        portal = RunningPortal.start("directory-pages");
        byte[] jar = TestBundles.bundle("org.cec.portal.itests.directorypages")
                .header("Bundle-Activator", PagesTestSource.class.getName())
                .header(
                        "Import-Package",
                        "org.cec.portal.api.directory;version=\"[1.0,2)\",org.cec.portal.api.geo;version=\"[1.0,2)\","
                                + "org.osgi.framework;version=\"[1.8,2)\"")
                .classes(PagesTestSource.class)
                .build();
        portal.deploy("directorypages.jar", jar);
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (!last.contains("\"itpages:near\"")) {
            assertTrue(System.nanoTime() < deadline, "the test source's contractors are searched: " + last);
            Thread.sleep(200);
            last = portal.get("/api/v1/contractors?zip=94110&radius=1").body();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    private static HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(portal.uri(pathAndQuery)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return portal.send(request);
    }

    private static JsonObject json(HttpResponse<String> response) {
        assertTrue(
                response.headers().firstValue("content-type").orElse("").startsWith("application/json"),
                "JSON: " + response.headers().map());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static JsonObject search(String query, String... headers) throws Exception {
        HttpResponse<String> r = get("/api/v1/contractors?" + query, headers);
        assertEquals(200, r.statusCode(), query + ": " + r.body());
        return json(r);
    }

    private static List<String> ids(JsonObject answer) {
        List<String> ids = new ArrayList<>();
        for (JsonObject c : answer.getJsonArray("contractors").getValuesAs(JsonObject.class)) {
            ids.add(c.getString("id"));
        }
        return ids;
    }

    private static void assertNearestFirst(JsonObject answer) {
        double previous = -1;
        for (JsonObject c : answer.getJsonArray("contractors").getValuesAs(JsonObject.class)) {
            double d = c.getJsonNumber("distanceMiles").doubleValue();
            assertTrue(d >= previous, "nearest first: " + answer);
            previous = d;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Bad parameters, each with the parameter its message belongs to ("" for the whole query). */
    private static final String[][] BAD = {
        {"zip=abc", "zip"},
        {"zip=00000", "zip"},
        {"zip=", "zip"},
        {"zip=94110&radius=-5", "radius"},
        {"zip=94110&radius=10000", "radius"},
        {"zip=94110&radius=abc", "radius"},
        {"zip=94110&page=-1", "page"},
        {"zip=94110&page=1000000000000", "page"},
        {"zip=94110&service=teleportation", "service"},
        {"zip=94110&lang=xx", "lang"},
        {"zip=94110&zip=10001", "zip"},
        {"zip=94110&radius=5&radius=10", "radius"},
        {"zip=94110&service=" + "a".repeat(500), "service"},
        {"zip=94110&filler=" + "x".repeat(10 * 1024), ""},
    };

    @Test
    void badParametersGetThePageWithAMessageAnd400() throws Exception {
        for (String[] bad : BAD) {
            HttpResponse<String> r = get("/contractors?" + bad[0]);
            String what = bad[0].length() > 60 ? bad[0].substring(0, 60) + "..." : bad[0];
            assertEquals(400, r.statusCode(), what + ": " + r.body());
            String html = r.body();
            assertTrue(html.contains("class=\"error-summary\""), what + ": an error summary");
            assertTrue(html.contains("id=\"search-form\""), what + ": the form again");
            if (bad[1].equals("page")) {
                assertTrue(html.contains("id=\"f-page\""), what + ": the page's message");
            } else if (!bad[1].isEmpty()) {
                assertTrue(html.contains("id=\"f-" + bad[1] + "-error\""), what + ": the message at the field");
                assertTrue(html.contains("aria-invalid=\"true\""), what);
            }
            assertFalse(html.contains("id=\"results\""), what + ": no results");
            assertTrue(html.length() < 40_000, what + ": the page does not echo the input at length");
        }
        // what was typed stays in the form
        assertTrue(get("/contractors?zip=abc&radius=50").body().contains("value=\"abc\""));
        assertTrue(get("/contractors?zip=abc&radius=50").body().contains("<option value=\"50\" selected>"));
    }

    @Test
    void badParametersGet400JsonNamingTheParameter() throws Exception {
        for (String[] bad : BAD) {
            HttpResponse<String> r = get("/api/v1/contractors?" + bad[0]);
            String what = bad[0].length() > 60 ? bad[0].substring(0, 60) + "..." : bad[0];
            assertEquals(400, r.statusCode(), what + ": " + r.body());
            JsonObject error = json(r);
            assertFalse(error.getString("error").isBlank(), what);
            if (bad[1].isEmpty()) {
                assertTrue(error.isNull("field"), what);
            } else {
                assertEquals(bad[1], error.getString("field"), what);
            }
        }
        JsonObject missing = json(get("/api/v1/contractors"));
        assertEquals("zip", missing.getString("field"));
    }

    @Test
    void messagesAreInTheVisitorsLanguage() throws Exception {
        HttpResponse<String> es = get("/contractors?zip=abc", "Accept-Language", "es");
        assertEquals(400, es.statusCode());
        assertTrue(es.body().contains("cinco dígitos"), es.body());
        assertTrue(es.body().contains("<html lang=\"es\""));
        JsonObject json = json(get("/api/v1/contractors?zip=abc", "Accept-Language", "es"));
        assertTrue(json.getString("error").contains("cinco dígitos"), json.toString());
        assertTrue(get("/contractors?zip=abc").body().contains("five digits"));
    }

    @Test
    void withoutAZipTheFormAlone() throws Exception {
        HttpResponse<String> r = get("/contractors");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("id=\"search-form\""));
        assertTrue(r.body().contains("id=\"search-explain\""));
        assertFalse(r.body().contains("error-summary"));
        // the nav entry, right after "Request a service", and the home page's card
        String home = get("/").body();
        int request = home.indexOf("href=\"/request\"");
        int contractors = home.indexOf("href=\"/contractors\"");
        assertTrue(request > 0 && contractors > request, "Find a contractor comes after Request a service");
        assertTrue(home.contains("Find a contractor"));
        assertTrue(get("/", "Accept-Language", "es").body().contains("Buscar un contratista"));
    }

    @Test
    void theWebsiteLinkRedirectsOnlyToTheStoredWebsite() throws Exception {
        for (String tail : List.of(
                "",
                "?url=https://evil.example/",
                "?next=//evil.example&redirect=https://evil.example&to=javascript:alert(1)",
                "?website=https%3A%2F%2Fevil.example")) {
            HttpResponse<String> r = get("/out/itpages:near" + tail, "Referer", "https://evil.example/");
            assertEquals(302, r.statusCode(), tail);
            assertEquals(
                    PagesTestSource.NEAR_WEBSITE,
                    r.headers().firstValue("location").orElse(""),
                    tail);
            assertEquals(
                    "no-referrer", r.headers().firstValue("referrer-policy").orElse(""), tail);
        }
        for (String path : List.of(
                "/out/unknown",
                "/out/itpages:unknown",
                "/out/itpages:script",
                "/out/itpages:relative",
                "/out/itpages:gone",
                "/out/",
                "/out/ITPAGES:NEAR",
                "/out/itpages:near/more",
                "/out/%2F%2Fevil.example")) {
            HttpResponse<String> r = get(path);
            assertTrue(r.statusCode() == 404 || r.statusCode() == 400, path + ": " + r.statusCode());
            assertTrue(r.headers().firstValue("location").isEmpty(), path);
        }
        HttpResponse<String> unknown = get("/out/unknown");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("id=\"contractor-missing\""), "the kind not-found page");
        assertTrue(unknown.body().contains("href=\"/contractors\""), "with a link back to search");
    }

    @Test
    void theProfileShowsCredentialsAndTheirExpiry() throws Exception {
        HttpResponse<String> r = get("/contractors/itpages:near");
        assertEquals(200, r.statusCode());
        String html = r.body();
        assertTrue(html.contains("Zz Test Near Solar"));
        assertTrue(html.contains("ITPAGES Valid Cert") && html.contains("ITPAGES Expired Cert"));
        assertTrue(html.contains("Expired on"), "the expired certification is shown as expired");
        assertTrue(html.contains("Insurance expired on"), "the insurance expired yesterday");
        assertTrue(html.contains("href=\"tel:4155550142\""));
        assertTrue(html.contains("href=\"mailto:near@itpages.example\""));
        assertTrue(html.contains("href=\"/out/itpages:near\""), "the website through /out");
        assertFalse(html.contains(PagesTestSource.NEAR_WEBSITE.substring(0, 20)), "never the website itself");
        assertTrue(html.contains("94103"), "the served ZIPs");
        assertTrue(html.contains("IT partner"), "the source's label");
        String es = get("/contractors/itpages:near", "Accept-Language", "es").body();
        assertTrue(es.contains("Venció el"), "expired, in Spanish");
        assertTrue(es.contains("Vietnamita") || es.contains("vietnamita"), "language names in Spanish");

        for (String path : List.of("/contractors/itpages:gone", "/contractors/nobody", "/contractors/a:b:c")) {
            HttpResponse<String> missing = get(path);
            assertEquals(404, missing.statusCode(), path);
            assertTrue(missing.body().contains("id=\"contractor-missing\""), path);
        }
    }

    @Test
    void theApiAnswersTheDocumentedShape() throws Exception {
        JsonObject answer = search("zip=94110&radius=1&service=solar-pv");
        assertEquals("94110", answer.getJsonObject("query").getString("zip"));
        assertEquals(1, answer.getJsonObject("query").getInt("radiusMiles"));
        assertEquals(1, answer.getInt("page"));
        assertEquals(20, answer.getInt("pageSize"));
        JsonObject near = null;
        for (JsonObject c : answer.getJsonArray("contractors").getValuesAs(JsonObject.class)) {
            if (c.getString("id").equals("itpages:near")) {
                near = c;
            }
            assertNotEquals("itpages:gone", c.getString("id"), "inactive never appear");
        }
        assertTrue(near != null, answer.toString());
        assertEquals("Zz Test Near Solar", near.getString("businessName"));
        assertEquals("itpages", near.getString("source"));
        assertEquals("IT partner", near.getString("sourceLabel"));
        assertEquals("/out/itpages:near", near.getString("website"));
        assertEquals("/contractors/itpages:near", near.getString("profile"));
        assertEquals("415-555-0142", near.getString("phone"));
        assertFalse(near.getBoolean("insured"));
        assertEquals(2, near.getJsonArray("certifications").size());
        Set<String> labels = new HashSet<>();
        for (JsonObject s : near.getJsonArray("services").getValuesAs(JsonObject.class)) {
            labels.add(s.getString("id"));
            assertFalse(s.getString("label").isBlank());
        }
        assertEquals(Set.of("solar-pv", "battery-storage"), labels);
        assertEquals(
                List.of("en", "es", "vi"),
                near.getJsonArray("languages").getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toList());
        assertTrue(
                get("/api/v1/contractors?zip=94110")
                        .headers()
                        .firstValue("cache-control")
                        .orElse("")
                        .contains("max-age"),
                "answers may be cached a short while");
    }

    @Test
    void partnerSitesMayReadTheApiFromABrowserWithoutCredentials() throws Exception {
        String origin = "https://partner.example.org";
        HttpResponse<String> answer = get("/api/v1/contractors?zip=94110", "Origin", origin);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(
                "*", answer.headers().firstValue("access-control-allow-origin").orElse(""));
        assertFalse(
                answer.headers().firstValue("access-control-allow-credentials").isPresent());
        assertTrue(answer.headers().firstValue("vary").orElse("").contains("Origin"));
        HttpResponse<String> refused = get("/api/v1/contractors?zip=abc", "Origin", origin);
        assertEquals(400, refused.statusCode());
        assertEquals(
                "*",
                refused.headers().firstValue("access-control-allow-origin").orElse(""),
                "a partner page can read the reason of a 400 too");
        HttpResponse<String> preflight = portal.send(HttpRequest.newBuilder(portal.uri("/api/v1/contractors"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "accept-language"));
        assertEquals(204, preflight.statusCode(), preflight.body());
        assertEquals(
                "*",
                preflight.headers().firstValue("access-control-allow-origin").orElse(""));
        assertEquals(
                "GET",
                preflight.headers().firstValue("access-control-allow-methods").orElse(""));
        assertTrue(preflight
                .headers()
                .firstValue("access-control-allow-headers")
                .orElse("")
                .contains("Accept-Language"));
        assertFalse(
                get("/contractors?zip=94110", "Origin", origin)
                        .headers()
                        .firstValue("access-control-allow-origin")
                        .isPresent(),
                "the HTML page is not for other sites' scripts");
    }

    @Test
    void expiredCertificationsDoNotMatchTheFilter() throws Exception {
        List<String> valid = ids(search("zip=94110&radius=5&cert=" + enc("itpages valid cert")));
        assertTrue(valid.contains("itpages:near"), valid.toString());
        List<String> expired = ids(search("zip=94110&radius=5&cert=" + enc("ITPAGES Expired Cert")));
        assertFalse(expired.contains("itpages:near"), expired.toString());
        assertEquals(
                0,
                search("zip=94110&radius=5&cert=" + enc("ITPAGES Expired Cert")).getInt("total"));
        List<String> vietnamese = ids(search("zip=94110&radius=5&lang=vi"));
        assertTrue(vietnamese.contains("itpages:near"), vietnamese.toString());
    }

    @Test
    void theDemonstrationContractorsAreFoundNearestFirstAndPaged() throws Exception {
        JsonObject solar = search("zip=94110&radius=25&service=solar-pv");
        int demo = 0;
        for (JsonObject c : solar.getJsonArray("contractors").getValuesAs(JsonObject.class)) {
            if (c.getString("source").equals("demo")) {
                demo++;
                assertTrue(c.getBoolean("demo"));
            }
            assertTrue(c.getJsonNumber("distanceMiles").doubleValue() <= 25);
        }
        assertTrue(demo >= 3, "several demo contractors around 94110 offer solar: " + solar);
        assertNearestFirst(solar);

        JsonObject spanish = search("zip=94110&radius=25&service=solar-pv&lang=es&page-lang=es");
        assertEquals("es", spanish.getString("language"));
        int spanishDemo = 0;
        for (JsonObject c : spanish.getJsonArray("contractors").getValuesAs(JsonObject.class)) {
            assertTrue(c.getJsonArray("languages").contains(Json.createValue("es")));
            spanishDemo += c.getString("source").equals("demo") ? 1 : 0;
        }
        assertTrue(spanishDemo >= 5, "at least 5 demo contractors offer solar in Spanish: " + spanish);
        String englishLabel = solar
                .getJsonArray("contractors")
                .getJsonObject(0)
                .getJsonArray("services")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(s -> s.getString("id").equals("solar-pv"))
                .findFirst()
                .orElseThrow()
                .getString("label");
        String spanishLabel = spanish
                .getJsonArray("contractors")
                .getJsonObject(0)
                .getJsonArray("services")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(s -> s.getString("id").equals("solar-pv"))
                .findFirst()
                .orElseThrow()
                .getString("label");
        assertNotEquals(englishLabel, spanishLabel, "labels in the language asked for");

        JsonObject first = search("zip=94110&radius=100");
        assertTrue(first.getInt("total") > 20, "more than one page: " + first.getInt("total"));
        assertEquals(20, first.getJsonArray("contractors").size());
        assertEquals("/api/v1/contractors?zip=94110&radius=100&page=2", first.getString("next"));
        JsonObject second = search("zip=94110&radius=100&page=2");
        assertEquals(
                Math.min(20, first.getInt("total") - 20),
                second.getJsonArray("contractors").size());
        Set<String> both = new HashSet<>(ids(first));
        both.retainAll(ids(second));
        assertEquals(Set.of(), both, "pages do not overlap");
        JsonArray a = first.getJsonArray("contractors");
        assertTrue(a.getJsonObject(19).getJsonNumber("distanceMiles").doubleValue()
                <= second.getJsonArray("contractors")
                        .getJsonObject(0)
                        .getJsonNumber("distanceMiles")
                        .doubleValue());
        assertEquals(
                0,
                search("zip=94110&radius=100&page=9999")
                        .getJsonArray("contractors")
                        .size());
    }

    @Test
    void theSearchPageListsResultsWithPagination() throws Exception {
        HttpResponse<String> r = get("/contractors?zip=94110&radius=100");
        assertEquals(200, r.statusCode());
        String html = r.body();
        assertTrue(html.contains("id=\"result-list\""));
        assertTrue(html.contains("rel=\"next\""));
        assertTrue(html.contains("href=\"/contractors?zip=94110&amp;radius=100&amp;page=2\""), "the next page");
        assertTrue(html.contains("Page 1 of "));
        assertTrue(html.contains(" mi<"), "distances in miles");
        assertTrue(get("/contractors?zip=94110&service=solar-pv").body().contains(">Demo<"), "the demo badge");
        String second = get("/contractors?zip=94110&radius=100&page=2").body();
        assertTrue(second.contains("rel=\"prev\""));
        String es = get("/contractors?zip=94110&radius=100", "Accept-Language", "es")
                .body();
        assertTrue(es.contains("Página 1 de "), "Spanish pagination");

        HttpResponse<String> none = get("/contractors?zip=89049&radius=5");
        assertEquals(200, none.statusCode(), "an empty result is not an error");
        assertTrue(none.body().contains("id=\"no-results\""));
        assertTrue(none.body().contains("href=\"/contractors?zip=89049&amp;radius=10\""), "a wider search");
    }

    @Test
    void langFiltersContractorsAndPageLangChoosesThePageLanguage() throws Exception {
        // On the directory, lang= is the contractors' language: the page stays in the visitor's language.
        HttpResponse<String> english = get("/contractors?zip=94110&radius=25&lang=es", "Accept-Language", "en");
        assertEquals(200, english.statusCode());
        assertTrue(english.body().contains("<html lang=\"en\""), "the page stays in English");
        assertTrue(
                english.headers().allValues("set-cookie").stream().noneMatch(c -> c.startsWith("cec_lang=")),
                "the contractor filter is not remembered as the page language");
        assertTrue(english.body().contains("page-lang=es"), "the switcher sets page-lang");
        assertTrue(
                english.body().contains("href=\"/contractors?zip=94110&amp;radius=25&amp;lang=es&amp;page-lang=es\""),
                "the switcher keeps the contractor filter: " + english.body());
        HttpResponse<String> spanish = get("/contractors?zip=94110&radius=25&lang=en", "Accept-Language", "es");
        assertTrue(spanish.body().contains("<html lang=\"es\""), "a Spanish reader looking for English speakers");

        HttpResponse<String> switched = get("/contractors?zip=94110&radius=25&lang=es&page-lang=es");
        assertTrue(switched.body().contains("<html lang=\"es\""), "page-lang chooses the page's language");
        assertTrue(switched.headers().allValues("set-cookie").stream().anyMatch(c -> c.startsWith("cec_lang=es")));
        // the API: lang filters, the answer's messages follow Accept-Language
        JsonObject api = search("zip=94110&radius=25&lang=es", "Accept-Language", "en");
        assertEquals("es", api.getJsonObject("query").getString("lang"));
        assertEquals("en", api.getString("language"), "labels in the caller's language");
        // elsewhere lang= still chooses the page's language
        assertTrue(get("/request?lang=es").body().contains("<html lang=\"es\""));
    }
}
