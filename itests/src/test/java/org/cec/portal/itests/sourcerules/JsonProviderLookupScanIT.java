package org.cec.portal.itests.sourcerules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No {@code jakarta.json.Json.create...} in the portal's bundles and examples: in OSGi every such call
 * looks the JSON-P provider up again (SPI Fly searches the bundles, reading their jar entries), which
 * made the email open pixel ten times slower than it is with the provider found once. Keep {@code
 * private static final JsonProvider JSON = JsonProvider.provider();} and call {@code JSON.create...}.
 */
class JsonProviderLookupScanIT {

    private static final List<Path> ROOTS = List.of(
            Path.of(System.getProperty("portal.bundles.src", "../bundles")),
            Path.of(System.getProperty("portal.examples.src", "../examples")));

    private static final Pattern LOOKUP = Pattern.compile("\\bJson\\.create\\w*\\(");

    @Test
    void mainCodeFindsTheJsonProviderOnce() throws IOException {
        List<String> found = new ArrayList<>();
        int scanned = 0;
        for (Path root : ROOTS) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f ->
                                f.toString().endsWith(".java") && f.toString().contains("/src/main/java/"))
                        .toList()) {
                    scanned++;
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i);
                        if (LOOKUP.matcher(line).find()
                                && !line.strip().startsWith("*")
                                && !line.strip().startsWith("//")) {
                            found.add(file + ":" + (i + 1) + ": " + line.strip());
                        }
                    }
                }
            }
        }
        assertTrue(scanned > 100, "the sources were found: " + scanned + " files");
        assertEquals(List.of(), found, "use a JsonProvider found once instead of Json.create...");
    }
}
