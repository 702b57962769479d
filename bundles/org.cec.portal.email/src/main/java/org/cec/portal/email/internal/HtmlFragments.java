package org.cec.portal.email.internal;

import java.util.Map;

/** HTML the module adds to messages itself, such as the open pixel (implemented in .templates, a DS service). */
public interface HtmlFragments {
    /**
     * The fragment from the module's own template {@code templates/email/<name>.ftlh}, auto-escaped like
     * every HTML part.
     *
     * @throws IllegalStateException when the template is missing or fails (a fault of the bundle)
     */
    String fragment(String name, Map<String, Object> model);
}
