package org.cec.portal.api.web;

import java.util.Map;
import java.util.Objects;

/**
 * What a {@link PageContribution} shows on one page, or what a {@link ConsoleViewRenderer} renders
 * as a console page's content: a template of the contributing bundle and the values it may use.
 *
 * @param template path of a Freemarker template inside the contributing bundle, relative to its
 *     {@code templates/} folder, for example {@code consent/banner.ftlh}
 * @param model values the template may use (on public pages besides the ones every page template
 *     gets; on console pages only these)
 */
public record PageFragment(String template, Map<String, Object> model) {

    public PageFragment {
        Objects.requireNonNull(template, "template");
        model = model == null ? Map.of() : Map.copyOf(model);
    }
}
