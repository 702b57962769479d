package org.cec.portal.directory.internal.pages;

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
import org.cec.portal.api.i18n.Messages;

/**
 * The directory bundle's {@code messages/messages*.properties} from the test class path, with the
 * portal's rules (English fallback, the key itself when missing, MessageFormat with arguments).
 */
final class PagesMessages implements Messages {

    private final Map<String, Properties> byLanguage = new ConcurrentHashMap<>();

    Properties texts(String language) {
        return byLanguage.computeIfAbsent(language, PagesMessages::load);
    }

    private static Properties load(String language) {
        String file = "messages/messages" + (language.equals("en") ? "" : "_" + language) + ".properties";
        Properties p = new Properties();
        try (InputStream in = PagesMessages.class.getClassLoader().getResourceAsStream(file)) {
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
        return textOrKey.startsWith("%") ? get(locale, textOrKey.substring(1)) : textOrKey;
    }

    @Override
    public boolean has(Locale locale, String key) {
        return texts(locale.getLanguage()).containsKey(key);
    }
}
