package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cec.portal.itests.englishonly.EnglishOnlyModule;
import org.cec.portal.itests.support.TestBundles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The request form in Spanish through real HTTP against the assembled distribution (issue 11,
 * acceptance 5): with {@code Accept-Language: es} the form, its validation messages and the rebates
 * example's questions are Spanish; a plugin that ships only English texts shows English on the
 * Spanish page, never its keys; the stored request remembers its language (form and API), as the
 * console's request page shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IntakeLanguagesDistributionIT {

    private static final Pattern REFERENCE = Pattern.compile("id=\"reference\">([0-9A-Z-]{24})<");

    private RunningPortal portal;
    private String admin;

    @BeforeAll
    void start() throws Exception {
        portal = RunningPortal.start("intake-languages");
        admin = portal.adminAuthorization();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (portal.get("/request").statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        deployRebates();
        deployEnglishOnly();
    }

    @AfterAll
    void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    @Order(1)
    void theFirstStepIsSpanishAndItsMistakesAreSaidInSpanish() throws Exception {
        Visitor v = new Visitor("es");
        String page = v.get("/request");
        assertTrue(page.contains("<html lang=\"es\""), page);
        assertTrue(page.contains("<h1>Solicitar un servicio</h1>"), page);
        assertTrue(page.contains("Paso 1 de 3: cómo comunicarnos con usted"), page);
        assertTrue(page.contains(">Su nombre</label>"), page);
        assertTrue(page.contains("Tengo 13 años o más"), page);
        assertFalse(page.contains("Your name"), "no English label left:\n" + page);
        // the ids and names the browser tests rely on are the same in every language
        assertTrue(page.contains("id=\"f-name\" name=\"name\""), page);

        HttpResponse<String> mistake = v.post(contact("", "sofia@example.com") + "&step=contact");
        assertEquals(400, mistake.statusCode(), mistake.body());
        assertTrue(mistake.body().contains("Hay un problema"), mistake.body());
        assertTrue(mistake.body().contains("Escriba su nombre."), mistake.body());
        assertFalse(mistake.body().contains("Enter your name."), mistake.body());
    }

    @Test
    @Order(2)
    void theRebatesQuestionsAreSpanishAndAnEnglishOnlyPluginShowsEnglishNeverItsKeys() throws Exception {
        Visitor v = new Visitor("es");
        v.get("/request");
        String contact = contact("Sofía Solar", "sofia@example.com");
        String step2 = awaitStep2(
                v, contact, b -> b.contains("Elegibilidad para reembolsos") && b.contains(EnglishOnlyModule.ID));
        assertTrue(step2.contains("Paso 2 de 3: lo que necesita"), step2);
        assertTrue(step2.contains("Personas en su hogar"), step2);
        assertTrue(step2.contains("Ingreso anual del hogar, antes de impuestos"), step2);
        assertTrue(step2.contains("Otra compañía"), step2);
        assertTrue(step2.contains("Si es otra compañía: su nombre (opcional)"), step2);
        assertTrue(step2.contains("Bomba de calor"), "the built-in services too:\n" + step2);
        assertFalse(step2.contains("Rebate eligibility"), step2);
        assertFalse(step2.contains("People in your household"), step2);
        // the plugin without Spanish texts: its English, never a key
        assertTrue(step2.contains("Geothermal heat pump (English only)"), step2);
        assertTrue(step2.contains("Heat from the ground under your yard."), step2);
        assertFalse(step2.contains("englishonly.label"), step2);
        assertFalse(step2.contains("%rebates") || step2.contains("rebates.title"), step2);

        String services = contact + "&services=heat-pump&services=" + EnglishOnlyModule.ID;
        HttpResponse<String> outOfRange = v.post(services + "&step=services&go=next" + rebates("0", "other", ""));
        assertEquals(400, outOfRange.statusCode(), outOfRange.body());
        assertTrue(outOfRange.body().contains("Escriba un número entero del 1 al 20."), outOfRange.body());
        HttpResponse<String> noName = v.post(services + "&step=services&go=next" + rebates("4", "other", ""));
        assertEquals(400, noName.statusCode(), noName.body());
        assertTrue(
                noName.body().contains("Escriba el nombre de su compañía de electricidad"),
                "the section's own message, in Spanish:\n" + noName.body());

        String answers = rebates("4", "other", "Alameda Municipal Power");
        HttpResponse<String> review = v.post(services + "&step=services&go=next" + answers);
        assertEquals(200, review.statusCode(), review.body());
        assertTrue(review.body().contains("Paso 3 de 3: revise y envíe"), review.body());
        assertTrue(review.body().contains("id=\"review-phone\">(415) 555-0134<"), review.body());
        assertTrue(
                review.body()
                        .contains(
                                "Elegibilidad para reembolsos: Su compañía de electricidad</dt><dd>Otra compañía</dd>"),
                review.body());
        HttpResponse<String> done = v.post(services + "&step=review&go=submit" + answers);
        assertEquals(200, done.statusCode(), done.body());
        assertTrue(done.body().contains("Gracias,"), done.body());
        assertTrue(done.body().contains("por correo electrónico"), done.body());

        String detail = console("/system/console/requests?ref=" + reference(done.body()));
        assertTrue(detail.contains("<tr><th>Language</th><td>es</td></tr>"), detail);
        assertTrue(detail.contains("Otra compañía (other)"), "the labels as the person saw them:\n" + detail);
    }

    @Test
    @Order(3)
    void withoutAcceptLanguageTheSameFormIsEnglish() throws Exception {
        Visitor v = new Visitor(null);
        String page = v.get("/request");
        assertTrue(page.contains("<html lang=\"en\""), page);
        String contact = contact("Ellen English", "ellen@example.com");
        String step2 = awaitStep2(v, contact, b -> b.contains("Rebate eligibility"));
        assertTrue(step2.contains("Geothermal heat pump (English only)"), step2);
        assertTrue(step2.contains("People in your household"), step2);
        HttpResponse<String> done =
                v.post(contact + "&services=heat-pump&step=review&go=submit" + rebates("2", "pge", ""));
        assertEquals(200, done.statusCode(), done.body());
        String detail = console("/system/console/requests?ref=" + reference(done.body()));
        assertTrue(detail.contains("<tr><th>Language</th><td>en</td></tr>"), detail);
    }

    @Test
    @Order(4)
    void theApiTakesALanguageMemberAndRefusesAnUnknownOne() throws Exception {
        String request = "{\"name\":\"Ana API\",\"email\":\"ana@example.com\",\"phone\":\"4155550134\","
                + "\"city\":\"Oakland\",\"zip\":\"94607\",\"ageConfirmed\":true,\"services\":[\"heat-pump\"],"
                + "\"sections\":{\"rebates\":{\"household-size\":2,\"income-range\":\"prefer-not\","
                + "\"utility\":\"pge\"}}";
        HttpResponse<String> unknown = api(request + ",\"language\":\"fr\"}", null);
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertTrue(
                unknown.body().contains("{\"field\":\"language\",\"message\":\"Must be \\\"en\\\" or \\\"es\\\".\"}"),
                unknown.body());

        HttpResponse<String> spanishMistake =
                api(request.replace("\"Ana API\"", "\"\"") + ",\"language\":\"es\"}", null);
        assertEquals(400, spanishMistake.statusCode(), spanishMistake.body());
        assertTrue(spanishMistake.body().contains("Escriba su nombre."), spanishMistake.body());

        HttpResponse<String> spanish = api(request + ",\"language\":\"es\"}", null);
        assertEquals(201, spanish.statusCode(), spanish.body());
        assertLanguage(spanish, "es");

        HttpResponse<String> byHeader = api(request + "}", "es");
        assertEquals(201, byHeader.statusCode(), byHeader.body());
        assertLanguage(byHeader, "es");

        HttpResponse<String> english = api(request + "}", null);
        assertEquals(201, english.statusCode(), english.body());
        assertLanguage(english, "en");
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private void assertLanguage(HttpResponse<String> created, String language) throws Exception {
        Matcher m = Pattern.compile("\"reference\":\"([0-9A-Z-]{24})\"").matcher(created.body());
        assertTrue(m.find(), created.body());
        String detail = console("/system/console/requests?ref=" + m.group(1));
        assertTrue(detail.contains("<tr><th>Language</th><td>" + language + "</td></tr>"), detail);
    }

    private void deployRebates() throws Exception {
        String example = "org.cec.portal.example.rebates.jar";
        Path tmp = portal.home.resolve(example + ".tmp");
        Files.copy(portal.home.resolve("examples").resolve(example), tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, portal.home.resolve("deploy").resolve(example), StandardCopyOption.ATOMIC_MOVE);
    }

    private void deployEnglishOnly() throws Exception {
        byte[] jar = TestBundles.bundle("org.cec.portal.itests.englishonly")
                .header("Bundle-Activator", EnglishOnlyModule.class.getName())
                .header(
                        "Import-Package",
                        "org.cec.portal.api.intake;version=\"[1.0,2)\",org.osgi.framework;version=\"[1.8,2)\"")
                .classes(EnglishOnlyModule.bundleClasses())
                .text(
                        "messages/messages.properties",
                        "englishonly.label=Geothermal heat pump (English only)\n"
                                + "englishonly.description=Heat from the ground under your yard.\n")
                .build();
        portal.deploy("englishonly.jar", jar);
    }

    private static String contact(String name, String email) {
        return Http.form(
                "name", name,
                "email", email,
                "phone", "415.555.0134",
                "city", "San Francisco",
                "zip", "94110",
                "age", "13-or-older");
    }

    private static String rebates(String size, String utility, String other) {
        return "&"
                + Http.form(
                        "section.rebates.household-size", size,
                        "section.rebates.income-range", "50k-100k",
                        "section.rebates.utility", utility,
                        "section.rebates.utility-other", other);
    }

    /** Posts the contact step until the services step satisfies {@code condition} (the plugins are being deployed). */
    private static String awaitStep2(Visitor v, String contact, Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = v.post(contact + "&step=contact");
            assertEquals(200, r.statusCode(), r.body());
            body = r.body();
            if (condition.test(body)) {
                return body;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Step 2 did not show the plugins within 30 s:\n" + body);
    }

    private HttpResponse<String> api(String json, String acceptLanguage) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(portal.uri("/api/v1/requests"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (acceptLanguage != null) {
            b.header("Accept-Language", acceptLanguage);
        }
        return portal.send(b);
    }

    private String console(String path) throws Exception {
        HttpResponse<String> r =
                portal.send(HttpRequest.newBuilder(portal.uri(path)).header("Authorization", admin));
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }

    private static String reference(String html) {
        Matcher m = REFERENCE.matcher(html);
        if (!m.find()) {
            throw new AssertionError("No reference on the confirmation page:\n" + html);
        }
        return m.group(1);
    }

    /** A browser reading {@code language} first (null: no Accept-Language): its cookies and the form's token. */
    private final class Visitor {
        private final String language;
        private final Map<String, String> jar = new LinkedHashMap<>();
        private String token;

        Visitor(String language) {
            this.language = language;
        }

        String get(String path) throws Exception {
            HttpResponse<String> r = send(HttpRequest.newBuilder(portal.uri(path)));
            assertEquals(200, r.statusCode(), r.body());
            token = Http.csrfToken(r.body());
            return r.body();
        }

        HttpResponse<String> post(String body) throws Exception {
            String withToken = "_csrf=" + token + "&" + body;
            return send(HttpRequest.newBuilder(portal.uri("/request"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(withToken, StandardCharsets.UTF_8)));
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            if (language != null) {
                request.header("Accept-Language", language);
            }
            if (!jar.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                jar.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "; ")
                        .append(k)
                        .append('=')
                        .append(v));
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
}
