package org.cec.portal.email.internal.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.cec.portal.api.i18n.Messages;

/**
 * The texts of {@code messages/messages*.properties} on the test class path, formatted as the portal's
 * Translations does (a text with arguments is a MessageFormat pattern, English is the fallback).
 */
public final class FileMessages implements Messages {

    private final Properties english;
    private final Properties spanish;

    public FileMessages() {
        this("messages/messages");
    }

    public FileMessages(String base) {
        this.english = load(base + ".properties");
        this.spanish = load(base + "_es.properties");
    }

    private static Properties load(String name) {
        Properties p = new Properties();
        try (InputStream in = FileMessages.class.getClassLoader().getResourceAsStream(name)) {
            if (in != null) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The keys of a language file. */
    public java.util.Set<String> keys(Locale locale) {
        return (locale.getLanguage().equals("es") ? spanish : english).stringPropertyNames();
    }

    @Override
    public String get(Locale locale, String key, Object... args) {
        String text = find(locale, key).orElseThrow(() -> new AssertionError("no text " + key));
        return args.length == 0 ? text : new MessageFormat(text, locale).format(args);
    }

    @Override
    public Optional<String> find(Locale locale, String key) {
        if (locale.getLanguage().equals("es") && spanish.containsKey(key)) {
            return Optional.of(spanish.getProperty(key));
        }
        return Optional.ofNullable(english.getProperty(key));
    }

    @Override
    public String localize(Locale locale, String textOrKey) {
        return textOrKey.startsWith("%") ? get(locale, textOrKey.substring(1)) : textOrKey;
    }

    @Override
    public boolean has(Locale locale, String key) {
        return (locale.getLanguage().equals("es") ? spanish : english).containsKey(key);
    }
}
