package org.cec.portal.intake.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.api.i18n.Messages;

/**
 * {@link Messages} read from {@code <folder>/messages*.properties} on the test class path, with the
 * portal's rules (English fallback, the key itself when no file has it, MessageFormat with arguments):
 * the web bundle's implementation is internal to it.
 */
final class TestMessages implements Messages {

    private final String folder;
    private final Map<String, Properties> byLanguage = new ConcurrentHashMap<>();

    TestMessages(String folder) {
        this.folder = folder;
    }

    /** The intake bundle's own messages. */
    static TestMessages intake() {
        return new TestMessages("messages");
    }

    /** The intake bundle's own texts in English. */
    static Texts english() {
        return new Texts(intake(), Languages.ENGLISH);
    }

    /** A catalog whose own texts are the intake bundle's, and every registering bundle's too. */
    static Catalog newCatalog() {
        TestMessages own = intake();
        return new Catalog(bundle -> own, own);
    }

    Properties texts(String language) {
        return byLanguage.computeIfAbsent(language, this::load);
    }

    private Properties load(String language) {
        String file = folder + "/messages" + (language.equals("en") ? "" : "_" + language) + ".properties";
        Properties p = new Properties();
        try (InputStream in = TestMessages.class.getClassLoader().getResourceAsStream(file)) {
            if (in != null) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    @Override
    public String get(Locale locale, String key, Object... args) {
        String text = find(locale, key).orElse(key);
        return args == null || args.length == 0 ? text : new MessageFormat(text, locale).format(args);
    }

    @Override
    public Optional<String> find(Locale locale, String key) {
        String text = texts(locale.getLanguage()).getProperty(key);
        return Optional.ofNullable(text == null ? texts("en").getProperty(key) : text);
    }

    @Override
    public String localize(Locale locale, String textOrKey) {
        if (textOrKey != null && textOrKey.startsWith(Languages.KEY_PREFIX) && textOrKey.length() > 1) {
            return get(locale, textOrKey.substring(1));
        }
        return textOrKey == null ? "" : textOrKey;
    }

    @Override
    public boolean has(Locale locale, String key) {
        return texts(locale.getLanguage()).containsKey(key);
    }
}
