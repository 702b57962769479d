package org.cec.portal.api.web;

import java.util.Map;
import java.util.Objects;

/**
 * What a page wants shown: a template of the page's own bundle, the page title and the values the
 * template may use.
 *
 * @param template path of a Freemarker template inside the calling bundle, relative to its
 *     {@code templates/} folder, for example {@code hello/hello.ftlh}. Templates ending in
 *     {@code .ftlh} are HTML auto-escaped.
 * @param title the page title, shown in the browser tab and as the main heading: a text, or a
 *     key of the calling bundle's messages written {@code %key} (see {@link
 *     org.cec.portal.api.i18n}), shown in the visitor's language
 * @param model values the template may use; the renderer adds {@code title}, {@code site}, {@code
 *     csrf}, {@code navigation}, {@code currentPath}, {@code msg} (the bundle's texts: {@code
 *     ${msg("key")}}), {@code lang} ({@code en} or {@code es}) and {@code fmt} (dates, numbers and
 *     phone numbers for the language)
 * @param status the HTTP status to answer with
 */
public record View(String template, String title, Map<String, Object> model, int status) {

    public View {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(title, "title");
        model = model == null ? Map.of() : Map.copyOf(model);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status out of range: " + status);
        }
    }

    /** A view answered with 200 OK. */
    public static View of(String template, String title, Map<String, Object> model) {
        return new View(template, title, model, 200);
    }

    /** The same view answered with another status, for example 400 for a form with errors. */
    public View withStatus(int newStatus) {
        return new View(template, title, model, newStatus);
    }
}
