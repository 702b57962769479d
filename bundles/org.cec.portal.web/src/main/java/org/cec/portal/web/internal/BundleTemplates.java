package org.cec.portal.web.internal;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateHashModel;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * The Freemarker templates and the texts of one bundle: what a page, a page contribution or a
 * console page of that bundle is rendered with.
 *
 * @param templates the bundle's {@code templates/} folder, HTML auto-escaped
 * @param messages the bundle's {@code messages/} texts
 * @param name the bundle's symbolic name, for log lines
 */
record BundleTemplates(Configuration templates, BundleMessages messages, String name) {

    /** Renders {@code template} of this bundle with {@code model}, numbers and dates formatted for {@code locale}. */
    void process(String template, TemplateHashModel model, Writer out, Locale locale)
            throws IOException, TemplateException {
        process(templates.getTemplate(template), model, out, locale);
    }

    static void process(Template template, TemplateHashModel model, Writer out, Locale locale)
            throws IOException, TemplateException {
        var env = template.createProcessingEnvironment(model, out);
        env.setLocale(locale);
        env.process();
    }
}
