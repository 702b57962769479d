package org.cec.portal.directory.internal.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A text of the console page "Contractors" as Java hands it over: a key of this bundle's {@code
 * messages/messages*.properties} and its arguments, plain strings (data such as a value typed in a
 * cell or a number, never a sentence). The page's template renders it in the page's language as {@code
 * msg(key, args)}; Java builds no sentence itself.
 */
record Text(String key, List<String> args) {

    /** The bundle's texts per language, read once. */
    private static final Map<String, Properties> FILES = new ConcurrentHashMap<>();

    Text {
        Objects.requireNonNull(key, "key");
        args = List.copyOf(args);
    }

    /** The text of {@code key} with {@code args}, each given as its string ({@code String.valueOf}). */
    static Text of(String key, Object... args) {
        List<String> strings = new ArrayList<>(args.length);
        for (Object a : args) {
            strings.add(String.valueOf(a));
        }
        return new Text(key, strings);
    }

    /** As the template reads it: {@code key} and {@code args}, for {@code msg(t.key, t.args)}. */
    Map<String, Object> model() {
        return Map.of("key", key, "args", args);
    }

    /**
     * This text in {@code locale} (else English) from the bundle's own files, formatted as the
     * renderer's {@code msg} does, for an answer that no template renders (the export's 400); the key
     * itself when no file has it.
     */
    String format(Locale locale) {
        String text = texts(locale.getLanguage()).getProperty(key, texts("en").getProperty(key));
        if (text == null) {
            return key;
        }
        return args.isEmpty() ? text : new MessageFormat(text, locale).format(args.toArray());
    }

    private static Properties texts(String language) {
        return FILES.computeIfAbsent(language, l -> {
            String file = l.equals("en") ? "messages/messages.properties" : "messages/messages_" + l + ".properties";
            Properties texts = new Properties();
            try (InputStream in = Text.class.getClassLoader().getResourceAsStream(file)) {
                if (in != null) {
                    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                        texts.load(reader);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return texts;
        });
    }
}
