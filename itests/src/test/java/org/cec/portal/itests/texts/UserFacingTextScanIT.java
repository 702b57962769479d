package org.cec.portal.itests.texts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No user-facing English outside message bundles: the templates and Java classes of the portal's
 * bundles and examples are scanned for text a homeowner would read, and every bundle's English
 * messages have their Spanish counterpart. Staff console pages are in scope like every page (their
 * Felix frame aside); log lines, exception messages for developers and configuration descriptions
 * are not. What the scan
 * cannot tell from technical text is listed in {@code user-facing-text-allowlist.txt}, each entry
 * with its reason.
 */
class UserFacingTextScanIT {

    private static final List<Path> ROOTS = List.of(
            Path.of(System.getProperty("portal.bundles.src", "../bundles")),
            Path.of(System.getProperty("portal.examples.src", "../examples")));

    /** A run of text with a word in it (two letters or more). */
    private static final Pattern WORD = Pattern.compile("\\p{L}{2,}");
    /** A Java string literal that reads like a sentence: a capital, then at least two more words. */
    private static final Pattern PROSE =
            Pattern.compile("^\\p{Lu}\\p{Ll}+[,.:;!?']?(\\s+[\\p{L}\\d'’(),.:;!?-]+){2,}\\s*$");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+(\\s*,\\s*\\w+)?");

    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** Where a literal is for developers or operators, not for a homeowner. */
    private static final Pattern TECHNICAL_CONTEXT = Pattern.compile(
            "\\b(LOG|log|logger|LOGGER)\\.\\w+\\(|throw new|Exception\\(|Error\\(|@AttributeDefinition|@ObjectClassDefinition"
                    + "|@Option|assert\\w*\\(|requireNonNull\\(|IllegalArgumentException|IllegalStateException");

    private static final Pattern USER_ATTRIBUTE =
            Pattern.compile("\\b(aria-label|alt|title|placeholder|aria-roledescription)=\"([^\"]*)\"");

    private record Finding(String file, String text) {
        @Override
        public String toString() {
            return file + ": " + text;
        }
    }

    @Test
    void templatesAndJavaOfPortalBundlesHoldNoUserFacingEnglish() throws IOException {
        List<String[]> allowed = allowList();
        List<Finding> findings = new ArrayList<>();
        int templates = 0;
        int classes = 0;
        for (Path root : ROOTS) {
            assertTrue(Files.isDirectory(root), root.toAbsolutePath().toString());
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String path = root.getFileName() + "/"
                            + root.relativize(file).toString().replace('\\', '/');
                    if (!path.contains("/src/main/") || path.contains("/target/")) {
                        continue;
                    }
                    if (path.endsWith(".ftlh") || path.endsWith(".ftl")) {
                        templates++;
                        for (String text : templateTexts(Files.readString(file, StandardCharsets.UTF_8))) {
                            findings.add(new Finding(path, text));
                        }
                    } else if (path.endsWith(".java")) {
                        classes++;
                        for (String text : javaProse(Files.readString(file, StandardCharsets.UTF_8))) {
                            findings.add(new Finding(path, text));
                        }
                    }
                }
            }
        }
        assertTrue(
                templates > 10 && classes > 50,
                "the sources were found: " + templates + " templates, " + classes + " classes");
        List<Finding> left = findings.stream()
                .filter(f -> allowed.stream()
                        .noneMatch(a -> f.file().contains(a[0]) && f.text().matches(a[1])))
                .toList();
        assertTrue(
                left.isEmpty(),
                left.size() + " user-facing texts outside messages/*.properties (move them there, or add them to"
                        + " user-facing-text-allowlist.txt with a reason):\n"
                        + String.join("\n", left.stream().map(Finding::toString).toList()));
    }

    @Test
    void everyBundleWithMessagesHasThemInEnglishAndSpanishWithTheSameKeysAndPlaceholders() throws IOException {
        int bundles = 0;
        for (Path root : ROOTS) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path en : files.filter(p -> p.toString()
                                .replace('\\', '/')
                                .endsWith("src/main/resources/messages/messages.properties"))
                        .toList()) {
                    bundles++;
                    Path es = en.resolveSibling("messages_es.properties");
                    assertTrue(Files.exists(es), "Spanish texts next to " + en);
                    assertEquals(keys(en), keys(es), "the same keys in " + en + " and " + es);
                    Properties english = properties(en);
                    Properties spanish = properties(es);
                    for (String key : english.stringPropertyNames()) {
                        assertEquals(
                                placeholders(english.getProperty(key)),
                                placeholders(spanish.getProperty(key)),
                                "the same placeholders in both languages: " + key + " of " + en);
                    }
                }
            }
        }
        assertTrue(bundles >= 2, "bundles with messages: " + bundles);
    }

    private static TreeSet<String> keys(Path file) throws IOException {
        return new TreeSet<>(properties(file).stringPropertyNames());
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    /** The MessageFormat arguments of a text, by number and format type ({@code {0}}, {@code {1,number}}), each once. */
    private static TreeSet<String> placeholders(String text) {
        TreeSet<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    /** Text outside Freemarker code and markup, and user-visible attribute values, that has words. */
    static List<String> templateTexts(String template) {
        String t = template.replaceAll("(?s)<#--.*?-->", " ")
                .replaceAll("(?s)<!--.*?-->", " ")
                .replaceAll("\\$\\{(?:[^{}]|\\{[^{}]*\\})*\\}", " ")
                .replaceAll("(?s)</?[#@][^>]*>", " ");
        List<String> texts = new ArrayList<>();
        Matcher attributes = USER_ATTRIBUTE.matcher(t);
        while (attributes.find()) {
            if (WORD.matcher(attributes.group(2)).find()) {
                texts.add(attributes.group(1) + "=\"" + attributes.group(2) + "\"");
            }
        }
        String withoutStyle = t.replaceAll("(?s)<(style|script)[^>]*>.*?</\\1>", " ");
        for (String run : withoutStyle.replaceAll("(?s)<[^>]*>", "\n").split("\n")) {
            String text = run.replaceAll("&[a-zA-Z]+;|&#\\d+;", " ").strip();
            if (WORD.matcher(text).find()) {
                texts.add(text);
            }
        }
        return texts;
    }

    /** String literals of a Java source that read like sentences, outside comments and technical calls. */
    static List<String> javaProse(String source) {
        List<String> prose = new ArrayList<>();
        int technicalDepth = 0;
        boolean inBlockComment = false;
        for (String line : source.split("\n")) {
            String code = line;
            if (inBlockComment) {
                int end = code.indexOf("*/");
                if (end < 0) {
                    continue;
                }
                code = code.substring(end + 2);
                inBlockComment = false;
            }
            code = code.replaceAll("/\\*.*?\\*/", " ");
            int open = code.indexOf("/*");
            if (open >= 0 && !insideLiteral(code, open)) {
                code = code.substring(0, open);
                inBlockComment = true;
            }
            int comment = code.indexOf("//");
            if (comment >= 0 && !insideLiteral(code, comment)) {
                code = code.substring(0, comment);
            }
            Matcher technical = TECHNICAL_CONTEXT.matcher(code);
            boolean startsTechnical = technical.find();
            if (startsTechnical || technicalDepth > 0) {
                String from = startsTechnical && technicalDepth == 0 ? code.substring(technical.start()) : code;
                technicalDepth = Math.max(0, technicalDepth + balance(from));
                continue;
            }
            Matcher literal = LITERAL.matcher(code);
            while (literal.find()) {
                String text = literal.group(1);
                if (PROSE.matcher(text).matches()) {
                    prose.add(text);
                }
            }
        }
        return prose;
    }

    private static boolean insideLiteral(String code, int index) {
        int quotes = 0;
        for (int i = 0; i < index; i++) {
            if (code.charAt(i) == '"' && (i == 0 || code.charAt(i - 1) != '\\')) {
                quotes++;
            }
        }
        return quotes % 2 == 1;
    }

    /** Opening minus closing parentheses outside string literals. */
    private static int balance(String code) {
        String outside = LITERAL.matcher(code).replaceAll("\"\"");
        int depth = 0;
        for (char c : outside.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
        }
        return depth;
    }

    private static List<String[]> allowList() throws IOException {
        List<String[]> entries = new ArrayList<>();
        try (var in = UserFacingTextScanIT.class.getResourceAsStream("/user-facing-text-allowlist.txt")) {
            assertTrue(in != null, "the allow-list is on the test classpath");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" :: ", 3);
                assertEquals(3, parts.length, "an entry is <file part> :: <text regex> :: <reason>: " + line);
                entries.add(new String[] {parts[0].strip(), parts[1].strip()});
            }
        }
        return entries;
    }
}
