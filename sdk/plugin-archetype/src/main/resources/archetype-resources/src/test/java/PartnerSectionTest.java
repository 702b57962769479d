package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The plugin's own rules, without a portal: fast, and run by {@code mvn test}. */
class PartnerSectionTest {

    private final PartnerSection section = new PartnerSection();

    @Test
    void aTopicIsAskedForOnlyWithAnInvitation() {
        assertEquals(Map.of(), section.validate(Map.of("interest", "yes", "topic", "heat pumps")));
        assertEquals(Map.of(), section.validate(Map.of("interest", "no")));
        assertEquals(
                Map.of("topic", "%section.error.topic-without-interest"),
                section.validate(Map.of("interest", "no", "topic", "heat pumps")));
    }

    @Test
    void aNameIsNeededAndHasALimit() {
        assertEquals("page.error.empty", PartnerPage.error(""));
        assertEquals("", PartnerPage.error("Ada"));
        assertEquals("page.error.long", PartnerPage.error("a".repeat(PartnerPage.MAX_NAME + 1)));
    }

    @Test
    void everyTextIsInEnglishAndInSpanish() throws IOException {
        Properties english = messages("messages/messages.properties");
        Properties spanish = messages("messages/messages_es.properties");
        assertEquals(english.keySet(), spanish.keySet(), "the same keys in both languages");
        for (String key : new String[] {"section.title", "section.interest.label", "navigation.label", "page.title"}) {
            assertTrue(english.containsKey(key), key);
        }
    }

    private static Properties messages(String path) throws IOException {
        Properties texts = new Properties();
        try (InputStream in = PartnerSectionTest.class.getClassLoader().getResourceAsStream(path)) {
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return texts;
    }
}
