package org.cec.portal.web.internal;

import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNumberModel;
import freemarker.template.TemplateScalarModel;
import freemarker.template.TemplateSequenceModel;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code msg} in templates: {@code ${msg("key")}} or {@code ${msg("key", arg, ...)}} gives the text
 * ({@code ${msg("key", [arg, ...])}}, the arguments as one list, as a view built in Java hands
 * them over) of the template's own bundle in the visitor's language, else the portal's shared text of that
 * key (words every page uses), English where a language lacks it. The result is plain text, escaped
 * by the template like any value.
 */
final class TemplateMessages implements TemplateMethodModelEx {

    private final BundleMessages own;
    private final BundleMessages common;
    private final Locale locale;

    TemplateMessages(BundleMessages own, BundleMessages common, Locale locale) {
        this.own = own;
        this.common = common;
        this.locale = locale;
    }

    @Override
    public Object exec(@SuppressWarnings("rawtypes") List arguments) throws TemplateModelException {
        if (arguments.isEmpty() || !(arguments.get(0) instanceof TemplateScalarModel keyModel)) {
            throw new TemplateModelException("msg needs a message key as its first argument");
        }
        String key = keyModel.getAsString();
        Object[] args;
        if (arguments.size() == 2 && arguments.get(1) instanceof TemplateSequenceModel sequence) {
            // msg(key, [a, b]): arguments a Java view hands over as one list
            args = new Object[sequence.size()];
            for (int i = 0; i < args.length; i++) {
                args[i] = unwrap(sequence.get(i));
            }
        } else {
            args = new Object[arguments.size() - 1];
            for (int i = 1; i < arguments.size(); i++) {
                args[i - 1] = unwrap((TemplateModel) arguments.get(i));
            }
        }
        BundleMessages source = own;
        if (own != common) {
            Optional<String> ownText = own.find(locale, key);
            if (ownText.isEmpty() && common.find(locale, key).isPresent()) {
                source = common;
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
