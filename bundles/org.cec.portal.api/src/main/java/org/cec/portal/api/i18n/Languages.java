package org.cec.portal.api.i18n;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages the portal speaks, and the one the visitor of a request reads.
 *
 * <p>The portal picks it once per request, before any page runs: a language chosen on the page
 * (the switcher's {@code ?lang=es} link, or {@code ?page-lang=es} where a page owns {@code lang};
 * remembered in the strictly necessary cookie {@value #COOKIE}), else the browser's {@code Accept-Language}, else English. Pages read it with {@link
 * #of(HttpServletRequest)}.
 */
public final class Languages {

    /** The cookie that remembers a visitor's choice; it holds only a language tag of {@link #SUPPORTED}. */
    public static final String COOKIE = "cec_lang";

    /**
     * The query parameter that chooses a language on any page, for example {@code /request?lang=es},
     * except on the pages that use {@code lang} for something of their own (see {@link
     * #OWNS_LANG_PROPERTY}).
     */
    public static final String PARAMETER = "lang";

    /**
     * The query parameter that chooses the page's language on every page, for example {@code
     * /contractors?zip=10001&lang=es&page-lang=en} (contractors who speak Spanish, on a page in
     * English). The language switcher uses it on the pages that own {@link #PARAMETER}.
     *
     * @since 1.1
     */
    public static final String PAGE_PARAMETER = "page-lang";

    /**
     * A servlet service property: a servlet registered with {@code cec.i18n.owns-lang=true} uses the
     * query parameter {@link #PARAMETER} for its own purpose (the contractor directory filters by the
     * languages contractors speak). On its paths {@code lang} does not choose the page's language and
     * is not remembered; {@link #PAGE_PARAMETER} does.
     *
     * @since 1.1
     */
    public static final String OWNS_LANG_PROPERTY = "cec.i18n.owns-lang";

    /** Request attribute holding the visitor's {@link Locale}, set by the portal for every request. */
    public static final String ATTRIBUTE = "org.cec.portal.language";

    /** English: the default, and the fallback of every text missing in another language. */
    public static final Locale ENGLISH = Locale.ENGLISH;

    /** Spanish. */
    public static final Locale SPANISH = Locale.forLanguageTag("es");

    /** The languages every page is offered in, the default first. */
    public static final List<Locale> SUPPORTED = List.of(ENGLISH, SPANISH);

    /** Prefix that marks a text handed to the portal as a message key, for example {@code %rebates.title}. */
    public static final String KEY_PREFIX = "%";

    private Languages() {}

    /** The language of the visitor making {@code request}: one of {@link #SUPPORTED}, English if unknown. */
    public static Locale of(HttpServletRequest request) {
        Object language = request.getAttribute(ATTRIBUTE);
        return language instanceof Locale locale ? locale : ENGLISH;
    }

    /** The supported language with this tag ({@code en}, {@code es}), or empty for any other value. */
    public static Optional<Locale> ofTag(String tag) {
        if (tag != null) {
            for (Locale locale : SUPPORTED) {
                if (locale.getLanguage().equals(tag)) {
                    return Optional.of(locale);
                }
            }
        }
        return Optional.empty();
    }
}
