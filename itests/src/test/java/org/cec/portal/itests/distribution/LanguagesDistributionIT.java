package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * English and Spanish in the running distribution: the language comes from the visitor's choice
 * ({@code ?lang=}, remembered in {@code cec_lang}), else {@code Accept-Language}, else English; a
 * Spanish page has no text of the portal's English messages left, and the reverse.
 */
class LanguagesDistributionIT {

    /** Pages a homeowner reaches without filling in anything, the partner example's included. */
    private static final List<String> PAGES =
            List.of("/", "/request", "/privacy", "/privacy/choices", "/partner/hello", "/no-such-page");

    private static RunningPortal portal;

    @BeforeAll
    static void start() throws Exception {
        portal = RunningPortal.start("languages");
        Path jar = portal.home.resolve("examples/org.cec.portal.example.hello.jar");
        Path tmp = portal.home.resolve("hello.jar.tmp");
        Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, portal.home.resolve("deploy/org.cec.portal.example.hello.jar"), StandardCopyOption.ATOMIC_MOVE);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (portal.get("/partner/hello").statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "the hello example deployed");
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(portal.uri(path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return portal.send(request);
    }

    private static String htmlLang(String body) {
        Matcher m = Pattern.compile("<html lang=\"([^\"]*)\"").matcher(body);
        return m.find() ? m.group(1) : "(none)";
    }

    private static String languageCookie(HttpResponse<?> response) {
        return response.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith("cec_lang="))
                .findFirst()
                .orElse("");
    }

    @Test
    void theBrowsersLanguageChoosesTheFirstPageAndTheSwitchersChoiceStays() throws Exception {
        HttpResponse<String> first = get("/", "Accept-Language", "es-MX,es;q=0.9,en;q=0.5");
        assertEquals(200, first.statusCode());
        assertEquals("es", htmlLang(first.body()));
        assertTrue(first.body().contains("Energía limpia para su hogar"), first.body());
        assertEquals("es", first.headers().firstValue("content-language").orElse(""));
        assertEquals("", languageCookie(first), "nothing is remembered before the visitor chooses");
        assertTrue(first.body().contains("<link rel=\"alternate\" hreflang=\"en\" href=\"http://"), "hreflang en");
        assertTrue(first.body().contains("<link rel=\"alternate\" hreflang=\"es\" href=\"http://"), "hreflang es");
        assertTrue(first.body().contains("hreflang=\"x-default\""), "x-default");
        assertTrue(first.body().contains("href=\"/?lang=en\""), "the switcher offers English");

        HttpResponse<String> chosen = get("/?lang=en", "Accept-Language", "es");
        assertEquals("en", htmlLang(chosen.body()));
        String cookie = languageCookie(chosen);
        assertTrue(cookie.startsWith("cec_lang=en;"), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Lax"), cookie);
        assertTrue(cookie.contains("Path=/"), cookie);

        for (String path : List.of("/request", "/privacy", "/privacy/choices", "/no-such-page")) {
            HttpResponse<String> page = get(path, "Accept-Language", "es", "Cookie", "cec_lang=en");
            assertEquals("en", htmlLang(page.body()), "English stays on " + path);
            assertEquals("", languageCookie(page), "the cookie is set once, not on every page: " + path);
        }
        HttpResponse<String> back = get("/request?lang=es", "Cookie", "cec_lang=en");
        assertEquals("es", htmlLang(back.body()));
        assertTrue(languageCookie(back).startsWith("cec_lang=es;"));
    }

    @Test
    void aForgedLanguageCookieOrParameterIsIgnored() throws Exception {
        for (String forged : List.of("fr", "ES", "en-US", "<script>", "es;x", "%65%73")) {
            HttpResponse<String> page = get("/", "Accept-Language", "es", "Cookie", "cec_lang=" + forged);
            assertEquals(200, page.statusCode(), forged);
            assertEquals("es", htmlLang(page.body()), "Accept-Language decides: " + forged);
            assertFalse(page.body().contains("<script>"), "never echoed: " + forged);
        }
        for (String forged : List.of("fr", "xx", "%3Cscript%3E", "")) {
            HttpResponse<String> page = get("/?lang=" + forged);
            assertEquals(200, page.statusCode(), forged);
            assertEquals("en", htmlLang(page.body()), forged);
            assertEquals("", languageCookie(page), "an unknown language is not remembered: " + forged);
        }
    }

    @Test
    void eachPageInSpanishHasNoEnglishTextOfThePortalLeftAndTheReverse() throws Exception {
        List<String[]> pairs = messagePairs();
        assertTrue(pairs.size() > 40, "the portal's messages were found: " + pairs.size());
        List<String> problems = new ArrayList<>();
        for (String path : PAGES) {
            String spanish = visibleText(get(path, "Accept-Language", "es").body());
            String english = visibleText(get(path, "Accept-Language", "en").body());
            for (String[] pair : pairs) {
                for (String fragment : fragments(pair[1])) {
                    if (spanish.contains(fragment)) {
                        problems.add(path + " in Spanish shows the English \"" + fragment + "\" (" + pair[0] + ")");
                    }
                }
                for (String fragment : fragments(pair[2])) {
                    if (english.contains(fragment)) {
                        problems.add(path + " in English shows the Spanish \"" + fragment + "\" (" + pair[0] + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** key, English text, Spanish text of every message whose two texts differ, in every portal bundle and example. */
    private static List<String[]> messagePairs() throws IOException {
        List<String[]> pairs = new ArrayList<>();
        for (String root : List.of(
                System.getProperty("portal.bundles.src", "../bundles"),
                System.getProperty("portal.examples.src", "../examples"))) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                for (Path en : files.filter(
                                p -> p.toString().endsWith("/src/main/resources/messages/messages.properties"))
                        .toList()) {
                    Properties english = load(en);
                    Properties spanish = load(en.resolveSibling("messages_es.properties"));
                    for (String key : english.stringPropertyNames()) {
                        String es = spanish.getProperty(key, "");
                        String text = english.getProperty(key);
                        if (!text.equals(es)) {
                            pairs.add(new String[] {key, text, es});
                        }
                    }
                }
            }
        }
        return pairs;
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        }
        return properties;
    }

    /**
     * The parts of a text that would give it away on a page of the other language: the runs
     * between its arguments ({@code {0}}) of at least two words, and a one-word text as a whole
     * word (with a capital letter, as labels are written).
     */
    private static List<String> fragments(String text) {
        List<String> parts = new ArrayList<>();
        for (String run : text.replace("''", "'").split("\\{[^}]*\\}")) {
            String part = run.strip();
            String[] words = part.split("\\s+");
            if (words.length >= 2 && part.length() >= 8) {
                parts.add(part);
            }
        }
        return parts;
    }

    /** The text a reader sees: no tags, scripts or styles; entities decoded; spaces collapsed. */
    private static String visibleText(String html) {
        String text = html.replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("(?s)<!--.*?-->", " ");
        StringBuilder attributes = new StringBuilder();
        Matcher labels = Pattern.compile("(?:aria-label|alt|title|placeholder)=\"([^\"]*)\"")
                .matcher(text);
        while (labels.find()) {
            attributes.append(' ').append(labels.group(1)).append(" |");
        }
        text = text.replaceAll("(?s)<[^>]*>", " | ") + attributes;
        text = text.replace("&#39;", "'")
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&nbsp;", " ")
                .replace("&middot;", "·")
                .replace("&copy;", "©");
        Matcher numeric = Pattern.compile("&#(\\d+);").matcher(text);
        StringBuilder decoded = new StringBuilder();
        while (numeric.find()) {
            numeric.appendReplacement(
                    decoded, Matcher.quoteReplacement(Character.toString(Integer.parseInt(numeric.group(1)))));
        }
        numeric.appendTail(decoded);
        return decoded.toString().replace("&amp;", "&").replaceAll("\\s+", " ");
    }
}
