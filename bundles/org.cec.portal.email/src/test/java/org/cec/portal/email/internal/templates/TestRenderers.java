package org.cec.portal.email.internal.templates;

import org.cec.portal.email.internal.HtmlFragments;
import org.cec.portal.email.internal.MessageRenderer;

/** The module's renderer with its built-in templates and texts, outside a framework. */
public final class TestRenderers {

    private TestRenderers() {}

    /** The module's own HTML fragments (the open pixel). */
    public static HtmlFragments fragments() {
        return new FreemarkerRenderer(null, new FileMessages(), TestRenderers.class.getClassLoader());
    }

    public static MessageRenderer builtIn() {
        return new FreemarkerRenderer(null, new FileMessages(), TestRenderers.class.getClassLoader());
    }
}
