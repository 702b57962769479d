package org.cec.portal.api.web;

import java.util.Map;
import java.util.Objects;

/**
 * What a {@link PageContribution} shows on one page: a template of the contributing bundle and the
 * values it may use.
 *
 * @param template path of a Freemarker template inside the contributing bundle, relative to its
 *     {@code templates/} folder, for example {@code consent/banner.ftlh}
 * @param model values the template may use, besides the ones every page template gets
 */
public record PageFragment(String template, Map<String, Object> model) {

    public PageFragment {
        Objects.requireNonNull(template, "template");
        model = model == null ? Map.of() : Map.copyOf(model);
    }
}
