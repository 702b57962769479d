package org.cec.portal.directory.internal.pages;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names of the languages contractors speak (ISO 639-1 codes), in the visitor's language, from the
 * JDK's locale data ({@code es} is "Spanish" in English, "español" in Spanish), and the languages the
 * search form offers: those most spoken in California homes.
 */
final class SpokenLanguages {

    /** The languages of the search form's choice, in this order after the visitor's own. */
    static final List<String> OFFERED =
            List.of("en", "es", "zh", "vi", "tl", "ko", "hy", "fa", "ru", "ar", "ja", "pa", "hi", "pt", "fr");

    private static final Map<String, String> NAMES = new ConcurrentHashMap<>();

    private SpokenLanguages() {}

    /** The name of {@code code} in {@code visitor}'s language, its first letter capitalised; the code when unknown. */
    static String name(String code, Locale visitor) {
        if (code.length() < 2 || code.length() > 3 || !code.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            return code;
        }
        return NAMES.computeIfAbsent(visitor.getLanguage() + ":" + code, k -> {
            String name = Locale.forLanguageTag(code).getDisplayLanguage(visitor);
            if (name.isEmpty() || name.equals(code)) {
                return code;
            }
            return name.substring(0, 1).toUpperCase(visitor) + name.substring(1);
        });
    }

    /** The names of {@code codes}, in that order. */
    static List<String> names(Collection<String> codes, Locale visitor) {
        List<String> names = new ArrayList<>(codes.size());
        for (String code : codes) {
            names.add(name(code, visitor));
        }
        names.sort(null);
        return names;
    }

    /** The choices of the form, code to name, with {@code chosen} among them when it is another code. */
    static Map<String, String> choices(Locale visitor, String chosen) {
        Map<String, String> choices = new LinkedHashMap<>();
        for (String code : OFFERED) {
            choices.put(code, name(code, visitor));
        }
        if (chosen != null && !chosen.isEmpty() && !choices.containsKey(chosen)) {
            choices.put(chosen, name(chosen, visitor));
        }
        return choices;
    }
}
