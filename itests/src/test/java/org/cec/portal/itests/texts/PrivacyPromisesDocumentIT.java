package org.cec.portal.itests.texts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/privacy-promises.md} (issue 16, acceptance 6): every row of every promise table ({@code |
 * promise | proved by |}) names at least one
 * test, and every test it names exists: a test class of that name in the repository's test sources and,
 * when a method is named, a method of that name in it. That the tests pass is what {@code mvn -B verify}
 * itself checks.
 */
class PrivacyPromisesDocumentIT {

    private static final Path REPO = Path.of(System.getProperty("portal.repo", ".."));
    private static final Path DOCUMENT = REPO.resolve("docs/privacy-promises.md");

    /** {@code Class}, {@code Class.method} or {@code path/.../Class.method}, as written in backticks. */
    private static final Pattern NAME =
            Pattern.compile("`(?:[\\w./]*/)?([A-Z][A-Za-z0-9]*(?:Test|IT|Tests))(?:\\.([a-z][A-Za-z0-9]*))?`");

    @Test
    void everyRowNamesATestAndEveryNamedTestExists() throws IOException {
        Map<String, String> sources = testSources();
        List<String> problems = new ArrayList<>();
        int rows = 0;
        int named = 0;
        boolean promises = false;
        for (String line : Files.readAllLines(DOCUMENT, StandardCharsets.UTF_8)) {
            if (!line.startsWith("|")) {
                promises = false;
                continue;
            }
            if (line.startsWith("| promise | proved by |")) {
                promises = true;
                continue;
            }
            if (!promises || line.startsWith("|---")) {
                continue; // a table of another kind (what is stored where, settings)
            }
            rows++;
            String[] cells = line.split("\\|");
            String provedBy = cells.length > 2 ? cells[cells.length - 1] : "";
            Matcher m = NAME.matcher(provedBy);
            boolean any = false;
            while (m.find()) {
                any = true;
                named++;
                String source = sources.get(m.group(1));
                if (source == null) {
                    problems.add("no test class " + m.group(1) + " (" + m.group() + ")");
                } else if (m.group(2) != null
                        && !Pattern.compile("\\bvoid " + m.group(2) + "\\(")
                                .matcher(source)
                                .find()) {
                    problems.add("no method " + m.group(2) + " in " + m.group(1));
                }
            }
            if (!any) {
                problems.add("a row names no test: " + line.substring(0, Math.min(100, line.length())));
            }
        }
        assertTrue(rows > 50, "the document's rows were read: " + rows);
        assertTrue(named > rows, "tests named: " + named);
        assertEquals(List.of(), problems, "docs/privacy-promises.md names tests that do not exist");
    }

    /** The text of every test source file of the repository, by class name. */
    private static Map<String, String> testSources() throws IOException {
        Map<String, String> sources = new HashMap<>();
        for (String root : List.of("bundles", "itests", "examples", "testing")) {
            try (Stream<Path> files = Files.walk(REPO.resolve(root))) {
                for (Path f : files.filter(p -> p.toString().contains("/src/test/java/")
                                && p.toString().endsWith(".java"))
                        .toList()) {
                    String name = f.getFileName().toString().replace(".java", "");
                    sources.merge(name, Files.readString(f, StandardCharsets.UTF_8), (a, b) -> a + "\n" + b);
                }
            }
        }
        return sources;
    }
}
