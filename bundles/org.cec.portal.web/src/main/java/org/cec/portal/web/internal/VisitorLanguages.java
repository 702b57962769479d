package org.cec.portal.web.internal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cec.portal.api.i18n.Languages;

/**
 * Which of the {@link Languages#SUPPORTED} languages a request is answered in: the one chosen on
 * this request ({@code ?lang=}, on a GET or HEAD), else the one remembered in {@value
 * Languages#COOKIE}, else the best match of {@code Accept-Language}, else English. A value that is
 * not a supported tag is ignored wherever it comes from.
 */
final class VisitorLanguages {

    /** An {@code Accept-Language} longer than this is not parsed (browsers send a few dozen bytes). */
    private static final int MAX_ACCEPT_LANGUAGE = 512;

    private VisitorLanguages() {}

    static Locale of(HttpServletRequest request) {
        return chosen(request).or(() -> remembered(request)).orElseGet(() -> accepted(request));
    }

    /**
     * The language of a Web Console page: chosen on the request, else remembered from the portal,
     * else the console's own ({@code request.getLocale()}, which the console takes from its {@code
     * felix-webconsole-locale} cookie, else from {@code Accept-Language}), else English.
     */
    static Locale ofConsole(HttpServletRequest request) {
        return chosen(request)
                .or(() -> remembered(request))
                .or(() -> {
                    Locale console = request.getLocale();
                    return console == null ? Optional.empty() : Languages.ofTag(console.getLanguage());
                })
                .orElse(Languages.ENGLISH);
    }

    /** The language chosen with the switcher on this request, if it names a supported one. */
    static Optional<Locale> chosen(HttpServletRequest request) {
        return chosen(request, false);
    }

    /**
     * The language chosen on this request: {@code page-lang} on any page, else {@code lang} on a page
     * that does not own it ({@code ownsLang}), if it names a supported one.
     */
    static Optional<Locale> chosen(HttpServletRequest request, boolean ownsLang) {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return Optional.empty();
        }
        String query = request.getQueryString();
        if (query == null || !query.contains("lang=")) {
            return Optional.empty();
        }
        Optional<Locale> page = parameter(query, Languages.PAGE_PARAMETER);
        if (page.isPresent() || ownsLang) {
            return page;
        }
        return parameter(query, Languages.PARAMETER);
    }

    private static Optional<Locale> parameter(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return Languages.ofTag(pair.substring(name.length() + 1));
            }
        }
        return Optional.empty();
    }

    /** The language remembered in the visitor's cookie, if it holds a supported tag. */
    static Optional<Locale> remembered(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (Languages.COOKIE.equals(cookie.getName())) {
                    return Languages.ofTag(cookie.getValue());
                }
            }
        }
        return Optional.empty();
    }

    static Locale accepted(HttpServletRequest request) {
        String header = request.getHeader("Accept-Language");
        if (header == null || header.isBlank() || header.length() > MAX_ACCEPT_LANGUAGE) {
            return Languages.ENGLISH;
        }
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(header);
            Locale best = Locale.lookup(ranges, Languages.SUPPORTED);
            if (best == null) {
                // "es-MX" has no exact match among "en" and "es": match on the language alone
                for (Locale.LanguageRange range : ranges) {
                    if (range.getWeight() > 0) {
                        String language = range.getRange().split("-", 2)[0];
                        Optional<Locale> supported = Languages.ofTag(language);
                        if (supported.isPresent()) {
                            return supported.get();
                        }
                    }
                }
            }
            return best == null ? Languages.ENGLISH : best;
        } catch (IllegalArgumentException malformed) {
            return Languages.ENGLISH;
        }
    }
}
