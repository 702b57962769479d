package org.cec.portal.api.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Builds the query string of a link from names and values, URL-encoded (UTF-8), leaving out the names
 * whose value is empty: the filter of a list page kept in its paging and export links.
 *
 * <pre>{@code
 * String query = QueryString.of("status", status, "zip", zip); // "status=new&zip=94110", or ""
 * }</pre>
 *
 * @since 1.4
 */
public final class QueryString {

    private QueryString() {}

    /**
     * The query string (without {@code ?}) of the pairs {@code name, value, name, value, ...}; a null or
     * empty value leaves its name out; empty when every value is.
     *
     * @throws IllegalArgumentException for an odd number of arguments or an empty name
     */
    public static String of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("QueryString.of takes names and values in pairs");
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = namesAndValues[i];
            String value = namesAndValues[i + 1];
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("A query parameter needs a name");
            }
            if (value == null || value.isEmpty()) {
                continue;
            }
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return b.toString();
    }
}
