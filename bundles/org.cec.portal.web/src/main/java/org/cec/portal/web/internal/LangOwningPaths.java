package org.cec.portal.web.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The paths of the servlets registered with {@link org.cec.portal.api.i18n.Languages#OWNS_LANG_PROPERTY}:
 * their {@code lang} query parameter is their own, not the page language. Servlet patterns are exact
 * ({@code /contractors}) or prefixes ({@code /contractors/*}), as the whiteboard has them.
 */
final class LangOwningPaths {

    /** Request attribute set on requests to such a path, for the language switcher's links. */
    static final String ATTRIBUTE = "org.cec.portal.web.ownsLang";

    private final Map<Object, List<String>> patternsByServlet = new ConcurrentHashMap<>();

    void add(Object servlet, Object patterns) {
        patternsByServlet.put(servlet, asList(patterns));
    }

    void remove(Object servlet) {
        patternsByServlet.remove(servlet);
    }

    boolean owns(String path) {
        for (List<String> patterns : patternsByServlet.values()) {
            for (String pattern : patterns) {
                if (pattern.equals(path)
                        || (pattern.endsWith("/*") && path.startsWith(pattern.substring(0, pattern.length() - 1)))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> asList(Object patterns) {
        if (patterns instanceof String s) {
            return List.of(s);
        }
        if (patterns instanceof String[] a) {
            return List.of(a);
        }
        if (patterns instanceof java.util.Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
