package org.cec.portal.intake.internal;

import java.util.Locale;
import java.util.Objects;
import org.cec.portal.api.i18n.Messages;

/**
 * The messages of one bundle in one language: the intake bundle's own (the form's labels and
 * validation messages), or a plugin's (its {@code %key} texts).
 */
record Texts(Messages messages, Locale locale) {

    Texts {
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(locale, "locale");
    }

    /** The text of {@code key}, formatted with {@code args}. */
    String get(String key, Object... args) {
        return messages.get(locale, key, args);
    }

    /** A text handed over through the SDK: a {@code %key} looked up, plain text as it is. */
    String localize(String textOrKey) {
        return messages.localize(locale, textOrKey);
    }
}
