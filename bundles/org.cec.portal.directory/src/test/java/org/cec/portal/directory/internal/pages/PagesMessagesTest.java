package org.cec.portal.directory.internal.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The pages' texts: both languages have the same keys, every key the pages name exists, patterns format. */
class PagesMessagesTest {

    private static final Pattern MSG = Pattern.compile("msg\\(\"([a-zA-Z0-9.-]+)\"");
    private static final Pattern LITERAL_KEY =
            Pattern.compile("\"%?(directory\\.(?:search|profile|nav|badge)\\.[a-zA-Z0-9.-]+)\"");
    private static final Pattern OURS = Pattern.compile("directory\\.(search|profile|nav|badge)\\..*");

    private static Set<String> ours(PagesMessages m, String language) {
        Set<String> keys = new TreeSet<>();
        for (String k : m.texts(language).stringPropertyNames()) {
            if (OURS.matcher(k).matches()) {
                keys.add(k);
            }
        }
        return keys;
    }

    @Test
    void englishAndSpanishHaveTheSameKeys() {
        PagesMessages m = new PagesMessages();
        Set<String> en = ours(m, "en");
        assertTrue(en.size() > 60, "the English file is read: " + en.size());
        assertEquals(en, ours(m, "es"));
    }

    @Test
    void everyKeyNamedByThePagesExists() throws IOException {
        Set<String> en = new PagesMessages().texts("en").stringPropertyNames();
        List<String> missing = new ArrayList<>();
        for (String t : List.of("search.ftlh", "profile.ftlh", "missing.ftlh")) {
            scan(Path.of("src/main/resources/templates/directory", t), MSG, en, missing);
        }
        try (Stream<Path> files = Files.list(Path.of("src/main/java/org/cec/portal/directory/internal/pages"))) {
            for (Path f : files.toList()) {
                scan(f, LITERAL_KEY, en, missing);
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void patternsWithArgumentsFormatInBothLanguages() {
        PagesMessages m = new PagesMessages();
        for (Locale l : List.of(Locale.ENGLISH, Locale.forLanguageTag("es"))) {
            assertTrue(m.get(l, "directory.search.count", 21, 1, 20).contains("21"));
            assertTrue(m.get(l, "directory.search.count", 1, 1, 1).contains("1"));
            assertTrue(m.get(l, "directory.search.pages.position", 2, 3).contains("3"));
            assertTrue(m.get(l, "directory.search.error.repeated", "zip").contains("zip"));
            assertTrue(m.get(l, "directory.search.error.query", 2048).contains("2"));
        }
    }

    private static void scan(Path file, Pattern pattern, Set<String> keys, List<String> missing) throws IOException {
        Matcher m = pattern.matcher(Files.readString(file));
        while (m.find()) {
            String key = m.group(1);
            if (!key.startsWith("common.") && !keys.contains(key)) {
                missing.add(file.getFileName() + ": " + key);
            }
        }
    }
}
