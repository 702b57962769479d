package org.cec.portal.web.internal;

import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateHTMLOutputModel;
import freemarker.template.TemplateModelException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.cec.portal.api.i18n.Languages;

/**
 * The links of the language switcher and the page's {@code hreflang} alternates: the same page
 * (path and query) with {@code lang} set to each supported language.
 */
final class LanguageLinks {

    /**
     * One language of the switcher.
     *
     * @param tag {@code en}, {@code es}
     * @param name the language's name in that language ("English", "Espa&#241;ol"), as markup: the
     *     JDK's name with every non-ASCII letter written as a character reference, so that an
     *     English page stays plain ASCII (and is sent without a character-by-character encoding)
     * @param href the page in that language, relative to the site
     * @param url the page in that language, absolute, for {@code <link rel="alternate" hreflang>}
     * @param current whether the page is shown in it
     */
    public record Link(String tag, TemplateHTMLOutputModel name, String href, String url, boolean current) {}

    private static final Pattern SAFE_PAIR = Pattern.compile("[A-Za-z0-9._~%+-]{1,200}(=[A-Za-z0-9._~%+-]{0,500})?");

    /** Each language's name in itself, as markup: looked up once (the JDK's lookup is not cheap). */
    private static final java.util.Map<Locale, TemplateHTMLOutputModel> NAMES = names();

    private LanguageLinks() {}

    private static java.util.Map<Locale, TemplateHTMLOutputModel> names() {
        java.util.Map<Locale, TemplateHTMLOutputModel> names = new java.util.HashMap<>();
        for (Locale language : Languages.SUPPORTED) {
            String name = language.getDisplayLanguage(language);
            names.put(language, asciiMarkup(name.substring(0, 1).toUpperCase(language) + name.substring(1)));
        }
        return java.util.Map.copyOf(names);
    }

    static List<Link> of(HttpServletRequest request, String path, Locale current) {
        // Where the page owns "lang" (a filter of its own), the switcher keeps it and sets page-lang.
        String parameter = Boolean.TRUE.equals(request.getAttribute(LangOwningPaths.ATTRIBUTE))
                ? Languages.PAGE_PARAMETER
                : Languages.PARAMETER;
        String query = queryWithout(request.getQueryString(), parameter);
        String origin = origin(request);
        List<Link> links = new ArrayList<>(Languages.SUPPORTED.size());
        for (Locale language : Languages.SUPPORTED) {
            String href = (path.isEmpty() ? "/" : path) + "?" + query + parameter + "=" + language.getLanguage();
            links.add(new Link(
                    language.getLanguage(),
                    NAMES.get(language),
                    href,
                    origin + href,
                    language.getLanguage().equals(current.getLanguage())));
        }
        return links;
    }

    /** A language name (letters only, from the JDK) as markup with non-ASCII letters as references. */
    static TemplateHTMLOutputModel asciiMarkup(String name) {
        StringBuilder markup = new StringBuilder(name.length() + 8);
        name.codePoints().forEach(c -> {
            if (Character.isLetter(c) && c < 128) {
                markup.append((char) c);
            } else if (Character.isLetter(c)) {
                markup.append("&#").append(c).append(';');
            }
        });
        try {
            return HTMLOutputFormat.INSTANCE.fromMarkup(markup.toString());
        } catch (TemplateModelException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The query string without any pair of the switcher's {@code parameter} nor {@code page-lang}, ending
     * with {@code &} when not empty.
     */
    private static String queryWithout(String query, String parameter) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringBuilder kept = new StringBuilder();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()
                    || pair.equals(parameter)
                    || pair.startsWith(parameter + "=")
                    || pair.startsWith(Languages.PAGE_PARAMETER + "=")) {
                continue;
            }
            // kept as it came when it is plain URL text; anything else is left out of the link
            if (SAFE_PAIR.matcher(pair).matches()) {
                kept.append(pair).append('&');
            }
        }
        return kept.toString();
    }

    private static String origin(HttpServletRequest request) {
        String scheme = request.isSecure() ? "https" : "http";
        int port = request.getServerPort();
        boolean defaultPort =
                port <= 0 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        String host = request.getServerName();
        if (host == null || host.isEmpty()) {
            return "";
        }
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }
}
