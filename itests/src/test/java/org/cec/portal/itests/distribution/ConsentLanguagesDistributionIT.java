package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, consent in both languages, against the assembled distribution: with {@code
 * Accept-Language: es} the banner, the choices page and the policy are Spanish; a choice made on a
 * Spanish page stores a receipt with the language {@code es} and the hashes of the Spanish built-in
 * texts (read from the staff console's receipt lookup); the choices page does not show the banner.
 */
class ConsentLanguagesDistributionIT {

    private static final String BANNER = "id=\"consent-banner\"";
    private static final Path BUILT_IN = Path.of("../bundles/org.cec.portal.consent/src/main/resources/policy");
    private static RunningPortal portal;

    @BeforeAll
    static void start() throws Exception {
        portal = RunningPortal.start("consent-languages");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!portal.get("/").body().contains(BANNER)) {
            assertTrue(System.nanoTime() < deadline, "the consent banner did not appear");
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    /** A browser reading one language: its cookies, kept across requests. */
    private static final class Browser {
        final String language;
        final Map<String, String> jar = new LinkedHashMap<>();

        Browser(String language) {
            this.language = language;
        }

        HttpResponse<String> get(String path) throws Exception {
            return send(HttpRequest.newBuilder(portal.uri(path)).GET());
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            return send(HttpRequest.newBuilder(portal.uri(path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            if (language != null) {
                request.header("Accept-Language", language);
            }
            if (!jar.isEmpty()) {
                StringBuilder cookies = new StringBuilder();
                jar.forEach((k, v) -> cookies.append(cookies.length() > 0 ? "; " : "")
                        .append(k)
                        .append('=')
                        .append(v));
                request.header("Cookie", cookies.toString());
            }
            HttpResponse<String> response = portal.send(request);
            for (String set : response.headers().allValues("set-cookie")) {
                String[] pair = set.split(";", 2)[0].split("=", 2);
                jar.put(pair[0], pair[1]);
            }
            return response;
        }

        /** Makes a choice on the choices page (waiting while the module's database is still starting). */
        HttpResponse<String> choose(String fields) throws Exception {
            String token = Http.csrfToken(get("/privacy/choices").body());
            long deadline = System.nanoTime() + 60_000_000_000L;
            HttpResponse<String> answer = post("/privacy/choices", "_csrf=" + token + "&" + fields);
            while (answer.statusCode() == 503 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                answer = post("/privacy/choices", "_csrf=" + token + "&" + fields);
            }
            return answer;
        }
    }

    @Test
    void withAcceptLanguageEsTheBannerTheChoicesPageAndThePolicyAreSpanish() throws Exception {
        Browser es = new Browser("es-MX,es;q=0.9,en;q=0.5");

        String home = es.get("/").body();
        assertTrue(home.contains("<html lang=\"es\">"), home);
        assertTrue(home.contains(BANNER), "a first visit shows the banner");
        for (String spanish : new String[] {
            "Sus opciones de privacidad",
            "Solo usamos las cookies que este sitio necesita",
            "Lea la política de privacidad",
            ">Aceptar todo<",
            ">Rechazar todo<",
            "<summary>Elegir por finalidad</summary>",
            ">Guardar mis opciones<",
            ">Estadísticas<"
        }) {
            assertTrue(home.contains(spanish), "the Spanish banner has " + spanish + ":\n" + home);
        }
        for (String english : new String[] {"Accept all", "Reject all", "Save my choices", "Read the privacy policy"}) {
            assertFalse(home.contains(english), "no English left in the Spanish banner: " + english);
        }

        String policy = es.get("/privacy").body();
        assertTrue(policy.contains("<html lang=\"es\">"), policy);
        assertTrue(policy.contains("<h1>Política de privacidad</h1>"), policy);
        assertTrue(policy.contains("<h2>Quiénes somos</h2>"), policy);
        assertTrue(policy.contains("cec_lang"), "the policy names the language cookie");
        Matcher version = Pattern.compile("Versión ([^,]+), vigente desde el (\\d{1,2} de [a-z]+ de \\d{4})")
                .matcher(policy);
        assertTrue(version.find(), "version and date written in Spanish:\n" + policy);
        assertFalse(policy.contains("Who we are"), "not the English policy");

        HttpResponse<String> choices = es.get("/privacy/choices");
        assertEquals(200, choices.statusCode());
        assertTrue(choices.body().contains("<html lang=\"es\">"), choices.body());
        assertTrue(choices.body().contains("<h1>Sus opciones de privacidad</h1>"), choices.body());
        assertTrue(choices.body().contains("Todavía no ha hecho una elección"), choices.body());
        assertTrue(choices.body().contains(">Aceptar todo<"), choices.body());
        assertTrue(choices.body().contains("cookie cec_lang"), "the necessary purpose names the language cookie");
        assertFalse(choices.body().contains(BANNER), "the choices page shows its own form, not the banner");

        HttpResponse<String> nothingChosen =
                es.post("/privacy/choices", "_csrf=" + Http.csrfToken(choices.body()) + "&choice=something-else");
        assertEquals(400, nothingChosen.statusCode());
        assertTrue(nothingChosen.body().contains("Elija «Aceptar todo»"), nothingChosen.body());
        assertFalse(nothingChosen.body().contains(BANNER), "nor does its answer to a bad form");
    }

    @Test
    void withoutAcceptLanguageTheChoicesPageIsEnglishAndHasNoBannerEither() throws Exception {
        Browser en = new Browser(null);
        assertTrue(en.get("/").body().contains(">Accept all<"));
        String choices = en.get("/privacy/choices").body();
        assertTrue(choices.contains("<html lang=\"en\">"), choices);
        assertTrue(choices.contains("<h1>Your privacy choices</h1>"), choices);
        assertFalse(choices.contains(BANNER), choices);
        String policy = en.get("/privacy").body();
        assertTrue(policy.contains("<h2>Who we are</h2>"), policy);
        assertTrue(
                Pattern.compile("Version [^,]+, in effect since [A-Z][a-z]+ \\d{1,2}, \\d{4}\\.")
                        .matcher(policy)
                        .find(),
                policy);
    }

    @Test
    void aChoiceOnTheSpanishPageStoresAReceiptInSpanishWithTheHashesOfTheSpanishTexts() throws Exception {
        Browser es = new Browser("es");
        HttpResponse<String> chosen = es.choose("choice=custom&analytics=yes");
        assertEquals(303, chosen.statusCode(), chosen.body());
        String receiptId = es.jar.get("cec_consent").split("~")[1];
        String page = es.get("/privacy/choices?saved").body();
        assertTrue(page.contains("Sus opciones están guardadas."), page);
        assertTrue(page.contains(receiptId), "the page shows the receipt");
        assertTrue(page.contains("<dt>Comprobante</dt>"), page);

        Browser en = new Browser(null);
        assertEquals(303, en.choose("choice=custom&analytics=yes").statusCode());
        String englishId = en.jar.get("cec_consent").split("~")[1];

        Map<String, String> spanish = receipt(receiptId);
        Map<String, String> english = receipt(englishId);
        assertEquals("es", spanish.get("Language"), spanish.toString());
        assertEquals("en", english.get("Language"), english.toString());
        String version = spanish.get("Policy version");
        assertEquals(sha256(version + "\n" + builtIn("policy_es.md")), spanish.get("Policy text SHA-256"));
        assertEquals(sha256(builtIn("banner_es.txt")), spanish.get("Banner text SHA-256"));
        assertEquals(sha256(version + "\n" + builtIn("policy_en.md")), english.get("Policy text SHA-256"));
        assertEquals(sha256(builtIn("banner_en.txt")), english.get("Banner text SHA-256"));
        assertNotEquals(spanish.get("Policy text SHA-256"), english.get("Policy text SHA-256"));
    }

    /** The receipt's fields as the staff console's lookup shows them. */
    private static Map<String, String> receipt(String id) throws Exception {
        HttpResponse<String> console =
                portal.send(HttpRequest.newBuilder(portal.uri("/system/console/consent?receipt=" + id))
                        .header("Authorization", portal.adminAuthorization()));
        assertEquals(200, console.statusCode(), console.body());
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher row =
                Pattern.compile("<tr><td>([^<]+)</td><td>([^<]*)</td></tr>").matcher(console.body());
        while (row.find()) {
            fields.put(row.group(1), row.group(2));
        }
        assertEquals(id, fields.get("Receipt"), console.body());
        return fields;
    }

    private static String builtIn(String file) throws Exception {
        return Files.readString(BUILT_IN.resolve(file), StandardCharsets.UTF_8)
                .replace("\r\n", "\n")
                .strip();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
