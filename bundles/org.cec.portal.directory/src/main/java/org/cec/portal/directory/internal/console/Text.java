package org.cec.portal.directory.internal.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.cec.portal.api.i18n.Messages;

/**
 * A text of the console page "Contractors" as Java hands it over: a key of this bundle's {@code
 * messages/messages*.properties} and its arguments, plain strings (data such as a value typed in a
 * cell or a number, never a sentence). The page's template renders it in the page's language as {@code
 * msg(key, args)}; Java builds no sentence itself.
 */
record Text(String key, List<String> args) {

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
     * This text in {@code locale} (else English) from the bundle's {@code messages}, formatted as the
     * renderer's {@code msg} does, for an answer that no template renders (the export's 400); the key
     * itself when no file has it. The portal's translations read the files, with the bundle's
     * fragments and updates, so that this answer says what the page says.
     */
    String format(Messages messages, Locale locale) {
        return messages.get(locale, key, args.toArray());
    }
}
