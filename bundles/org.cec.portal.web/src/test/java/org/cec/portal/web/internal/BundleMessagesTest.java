package org.cec.portal.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import org.cec.portal.api.i18n.Languages;
import org.junit.jupiter.api.Test;

/** A bundle's texts: the visitor's language, else English, else (never for our bundles) the key. */
class BundleMessagesTest {

    private final BundleMessages web = ClassLoaderBundles.translations().common();

    @Test
    void aTextIsInTheVisitorsLanguageAndFormattedForIt() {
        assertEquals("Page not found", web.get(Languages.ENGLISH, "error.404.title"));
        assertEquals("Página no encontrada", web.get(Languages.SPANISH, "error.404.title"));
        assertEquals("Error 404", web.get(Languages.SPANISH, "error.status", "404"));
        assertTrue(web.get(Languages.ENGLISH, "home.lead", "Solar Co").startsWith("Solar Co helps"));
    }

    @Test
    void aLanguageWithoutTheKeyFallsBackToEnglishAndAnUnknownKeyIsTheKey() {
        assertEquals("Page not found", web.get(Locale.forLanguageTag("fr"), "error.404.title"));
        assertEquals("no.such.key", web.get(Languages.SPANISH, "no.such.key"));
        assertTrue(web.find(Languages.SPANISH, "no.such.key").isEmpty());
        assertFalse(web.has(Locale.forLanguageTag("fr"), "error.404.title"));
        assertTrue(web.has(Languages.SPANISH, "error.404.title"));
    }

    @Test
    void onlyPercentTextsAreKeys() {
        assertEquals("Página no encontrada", web.localize(Languages.SPANISH, "%error.404.title"));
        assertEquals("Plain text", web.localize(Languages.SPANISH, "Plain text"));
        assertEquals("%", web.localize(Languages.SPANISH, "%"));
        assertEquals("", web.localize(Languages.SPANISH, null));
    }

    @Test
    void theWebBundleHasEveryTextInBothLanguagesAndEveryPatternIsValid() throws IOException {
        Properties en = load("messages/messages.properties");
        Properties es = load("messages/messages_es.properties");
        assertEquals(new TreeSet<>(en.stringPropertyNames()), new TreeSet<>(es.stringPropertyNames()));
        for (Properties texts : new Properties[] {en, es}) {
            for (String key : texts.stringPropertyNames()) {
                String text = texts.getProperty(key);
                assertFalse(text.isBlank(), key);
                if (text.contains("{0")) {
                    try {
                        new MessageFormat(text);
                    } catch (IllegalArgumentException e) {
                        fail(key + " is not a MessageFormat pattern: " + text);
                    }
                    assertFalse(text.replace("''", "").contains("'"), key + ": write '' for an apostrophe");
                }
            }
        }
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = BundleMessagesTest.class.getClassLoader().getResourceAsStream(name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
