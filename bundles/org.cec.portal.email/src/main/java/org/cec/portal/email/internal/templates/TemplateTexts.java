package org.cec.portal.email.internal.templates;

import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNumberModel;
import freemarker.template.TemplateScalarModel;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cec.portal.api.i18n.Messages;

/**
 * {@code msg} in message templates: {@code ${msg("key")}} or {@code ${msg("key", arg, ...)}} gives the
 * text of {@code key} in the message's language, from the first of the given message bundles that has it
 * (a partner's own texts, then the email module's), English where a language lacks it. The result is
 * plain text, escaped by an HTML template like any value.
 */
final class TemplateTexts implements TemplateMethodModelEx {

    private final List<Messages> sources;
    private final Locale locale;

    TemplateTexts(List<Messages> sources, Locale locale) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("at least one message bundle");
        }
        this.sources = List.copyOf(sources);
        this.locale = locale;
    }

    @Override
    public Object exec(@SuppressWarnings("rawtypes") List arguments) throws TemplateModelException {
        if (arguments.isEmpty() || !(arguments.get(0) instanceof TemplateScalarModel keyModel)) {
            throw new TemplateModelException("msg needs a message key as its first argument");
        }
        String key = keyModel.getAsString();
        Object[] args = new Object[arguments.size() - 1];
        for (int i = 1; i < arguments.size(); i++) {
            args[i - 1] = unwrap((TemplateModel) arguments.get(i));
        }
        Messages source = sources.get(sources.size() - 1);
        for (Messages m : sources) {
            Optional<String> text = m.find(locale, key);
            if (text.isPresent()) {
                source = m;
                break;
            }
        }
        return source.get(locale, key, args);
    }

    private static Object unwrap(TemplateModel model) throws TemplateModelException {
        if (model instanceof TemplateNumberModel number) {
            return number.getAsNumber();
        }
        if (model instanceof TemplateScalarModel scalar) {
            return scalar.getAsString();
        }
        return String.valueOf(model);
    }
}
