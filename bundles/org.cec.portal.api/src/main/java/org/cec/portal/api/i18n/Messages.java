package org.cec.portal.api.i18n;

import java.util.Locale;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The texts of one bundle, in every language it ships, with English as the fallback. Get one from
 * {@link Translations}. Thread-safe; the files are read once and kept until the bundle is updated.
 *
 * <p>A text with arguments is a {@link java.text.MessageFormat} pattern ({@code {0}}, {@code
 * {0,number}}), formatted for the language; in such a pattern an apostrophe is written twice
 * ({@code ''}). A text without arguments is returned as it is written.
 */
@ProviderType
public interface Messages {

    /**
     * The text of {@code key} in {@code locale}, else in English, formatted with {@code args}. A key
     * missing in every language gives the key itself (and a warning in the log once): tests should
     * make sure that never happens.
     */
    String get(Locale locale, String key, Object... args);

    /** The text of {@code key} in {@code locale}, else in English; empty when no file has it. */
    Optional<String> find(Locale locale, String key);

    /**
     * A text handed to the portal through the SDK, for {@code locale}: a {@code %key} is looked up
     * like {@link #get}, any other text is returned as it is.
     */
    String localize(Locale locale, String textOrKey);

    /** Whether the bundle has {@code key} in {@code locale} itself, without falling back to English. */
    boolean has(Locale locale, String key);
}
