package org.cec.portal.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.api.i18n.Messages;
import org.osgi.framework.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Messages} of one bundle: {@code messages/messages.properties} (English) and {@code
 * messages/messages_<language>.properties}, found in the bundle and its fragments, read as UTF-8 the
 * first time a language is asked for.
 */
final class BundleMessages implements Messages {

    static final String FOLDER = "messages";
    static final String BASE = "messages";

    private static final Logger LOG = LoggerFactory.getLogger(BundleMessages.class);

    private final Bundle bundle;
    private final Map<String, Map<String, String>> byLanguage = new ConcurrentHashMap<>();
    private final Set<String> reportedMissing = ConcurrentHashMap.newKeySet();

    BundleMessages(Bundle bundle) {
        this.bundle = bundle;
    }

    @Override
    public String get(Locale locale, String key, Object... args) {
        Optional<String> text = find(locale, key);
        if (text.isEmpty()) {
            if (reportedMissing.add(key)) {
                LOG.warn("Bundle {} has no text for message key '{}'", bundle.getSymbolicName(), key);
            }
            return key;
        }
        if (args == null || args.length == 0) {
            return text.get();
        }
        try {
            return new MessageFormat(text.get(), locale).format(args);
        } catch (IllegalArgumentException badPattern) {
            LOG.warn("Message '{}' of bundle {} is not a valid pattern", key, bundle.getSymbolicName());
            return text.get();
        }
    }

    @Override
    public Optional<String> find(Locale locale, String key) {
        String text = texts(locale.getLanguage()).get(key);
        if (text == null && !Languages.ENGLISH.getLanguage().equals(locale.getLanguage())) {
            text = texts("").get(key);
        }
        return Optional.ofNullable(text);
    }

    @Override
    public String localize(Locale locale, String textOrKey) {
        if (textOrKey != null && textOrKey.startsWith(Languages.KEY_PREFIX) && textOrKey.length() > 1) {
            return get(locale, textOrKey.substring(Languages.KEY_PREFIX.length()));
        }
        return textOrKey == null ? "" : textOrKey;
    }

    @Override
    public boolean has(Locale locale, String key) {
        String language = Languages.ENGLISH.getLanguage().equals(locale.getLanguage()) ? "" : locale.getLanguage();
        return texts(language).containsKey(key);
    }

    /** The texts of one language ("" for the English base file). */
    Map<String, String> texts(String language) {
        String lang = Languages.ENGLISH.getLanguage().equals(language) ? "" : language;
        return byLanguage.computeIfAbsent(lang, this::load);
    }

    private Map<String, String> load(String language) {
        String file = language.isEmpty() ? BASE + ".properties" : BASE + "_" + language + ".properties";
        Map<String, String> texts = new HashMap<>();
        Enumeration<URL> entries;
        try {
            entries = bundle.findEntries(FOLDER, file, false);
        } catch (IllegalStateException uninstalled) {
            return Map.of();
        }
        if (entries == null) {
            return Map.of();
        }
        while (entries.hasMoreElements()) {
            URL url = entries.nextElement();
            Properties properties = new Properties();
            try (InputStream in = url.openStream();
                    Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn(
                        "Cannot read {} of bundle {}: {}",
                        file,
                        bundle.getSymbolicName(),
                        e.getClass().getName());
                continue;
            }
            // the host's entries come first; a fragment completes, it does not override
            properties.forEach((k, v) -> texts.putIfAbsent(k.toString(), v.toString()));
        }
        return Map.copyOf(texts);
    }
}
