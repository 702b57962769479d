package org.cec.portal.directory.internal.search;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.i18n.Messages;

/** Messages of a map per language ("en", "es"), English as the fallback, like the portal's. */
final class TestMessages implements Messages {

    private final Map<String, Map<String, String>> texts;

    TestMessages(Map<String, Map<String, String>> texts) {
        this.texts = texts;
    }

    /** The directory's own messages files. */
    static TestMessages directory() {
        return new TestMessages(Map.of(
                "en",
                properties("/messages/messages.properties"),
                "es",
                properties("/messages/messages_es.properties")));
    }

    private static Map<String, String> properties(String resource) {
        java.util.Properties p = new java.util.Properties();
        try (var in = TestMessages.class.getResourceAsStream(resource)) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        java.util.Map<String, String> m = new java.util.HashMap<>();
        p.forEach((k, v) -> m.put((String) k, (String) v));
        return m;
    }

    @Override
    public String get(Locale locale, String key, Object... args) {
        return find(locale, key).orElse(key);
    }

    @Override
    public Optional<String> find(Locale locale, String key) {
        String lang = locale == null ? "en" : locale.getLanguage();
        String v = texts.getOrDefault(lang, Map.of()).get(key);
        return Optional.ofNullable(
                v != null ? v : texts.getOrDefault("en", Map.of()).get(key));
    }

    @Override
    public String localize(Locale locale, String textOrKey) {
        return textOrKey.startsWith("%") ? get(locale, textOrKey.substring(1)) : textOrKey;
    }

    @Override
    public boolean has(Locale locale, String key) {
        return texts.getOrDefault(locale.getLanguage(), Map.of()).containsKey(key);
    }
}
