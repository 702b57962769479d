package org.cec.portal.intake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The intake bundle's texts: both languages have the same keys, and every key a template names exists. */
class MessagesFilesTest {

    private static final Pattern MSG = Pattern.compile("msg\\(\"([a-zA-Z0-9.-]+)\"");
    private static final Pattern LITERAL_KEY = Pattern.compile("(?:get\\(\"|\"%|return \")(intake\\.[a-zA-Z0-9.-]+)\"");

    @Test
    void englishAndSpanishHaveTheSameKeys() {
        TestMessages m = TestMessages.intake();
        Set<String> en = new TreeSet<>(m.texts("en").stringPropertyNames());
        Set<String> es = new TreeSet<>(m.texts("es").stringPropertyNames());
        assertTrue(en.size() > 100, "the English file is read: " + en.size());
        assertEquals(en, es);
    }

    @Test
    void everyKeyNamedInTemplatesAndJavaExists() throws IOException {
        Set<String> en = TestMessages.intake().texts("en").stringPropertyNames();
        List<String> missing = new ArrayList<>();
        scan(Path.of("src/main/resources/templates/intake"), MSG, en, missing);
        scan(Path.of("src/main/java"), LITERAL_KEY, en, missing);
        assertEquals(List.of(), missing);
    }

    private static void scan(Path root, Pattern pattern, Set<String> keys, List<String> missing) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Matcher m = pattern.matcher(Files.readString(f));
                while (m.find()) {
                    String key = m.group(1);
                    if (!keys.contains(key) && !key.startsWith("intake.service.") && !key.startsWith("intake.step.")) {
                        missing.add(f.getFileName() + ": " + key);
                    }
                }
            }
        }
    }
}
