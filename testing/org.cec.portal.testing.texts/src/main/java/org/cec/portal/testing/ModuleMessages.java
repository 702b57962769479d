package org.cec.portal.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
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
 * A module's {@code messages/messages*.properties} (UTF-8) as {@link Messages}, for its unit tests:
 * the texts Java writes (a refusal answered with {@code sendError}) and those its console templates
 * show. Like the portal's translations, English is the fallback and a text with arguments is a
 * {@link MessageFormat} pattern; unlike them, a key missing from the English file fails, so that a
 * test catches a text that would show as its key.
 */
public final class ModuleMessages implements Messages {

    private final ClassLoader loader;
    private final Map<String, Properties> byLanguage = new ConcurrentHashMap<>();

    /** The texts that {@code moduleClass}'s class loader finds. */
    public ModuleMessages(Class<?> moduleClass) {
        this.loader = moduleClass.getClassLoader();
    }

    @Override
    public String get(Locale locale, String key, Object... args) {
        if (!texts(Languages.ENGLISH).containsKey(key)) {
            throw new IllegalArgumentException("The module has no English text for message key '" + key + "'");
        }
        String text = find(locale, key).orElseThrow();
        return args == null || args.length == 0 ? text : new MessageFormat(text, locale).format(args);
    }

    @Override
    public Optional<String> find(Locale locale, String key) {
        String own = texts(locale).getProperty(key);
        return Optional.ofNullable(own != null ? own : texts(Languages.ENGLISH).getProperty(key));
    }

    @Override
    public String localize(Locale locale, String textOrKey) {
        return textOrKey.startsWith(Languages.KEY_PREFIX)
                ? get(locale, textOrKey.substring(Languages.KEY_PREFIX.length()))
                : textOrKey;
    }

    @Override
    public boolean has(Locale locale, String key) {
        return texts(locale).containsKey(key);
    }

    /** The texts of {@code locale}'s own file ({@code messages.properties} for English), none if it has none. */
    public Properties texts(Locale locale) {
        return byLanguage.computeIfAbsent(locale.getLanguage(), this::load);
    }

    private Properties load(String language) {
        String file = language.equals(Languages.ENGLISH.getLanguage())
                ? "messages/messages.properties"
                : "messages/messages_" + language + ".properties";
        Properties texts = new Properties();
        try (InputStream in = loader.getResourceAsStream(file)) {
            if (in != null) {
                try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    texts.load(reader);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts;
    }
}
