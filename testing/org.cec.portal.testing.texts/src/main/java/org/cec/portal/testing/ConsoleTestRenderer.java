package org.cec.portal.testing;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.ext.beans.ZeroArgumentNonVoidMethodPolicy;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.SimpleHash;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNumberModel;
import freemarker.template.TemplateScalarModel;
import freemarker.template.TemplateSequenceModel;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.api.web.ConsoleViewRenderer;
import org.cec.portal.api.web.PageFragment;

/**
 * A {@link ConsoleViewRenderer} for a module's unit tests: the module's own {@code templates/} with
 * the portal renderer's Freemarker settings (auto-escaped HTML, errors rethrown), {@code msg} from
 * the module's {@code messages/messages*.properties} ({@link ModuleMessages}) and {@code lang}. A key the module lacks fails
 * the rendering, so a test catches a text that would show as its key. The language is {@code ?lang=}
 * of the request, else English. The last page rendered is kept in {@link #html()}.
 */
public final class ConsoleTestRenderer implements ConsoleViewRenderer {

    private final Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
    private final ModuleMessages texts;
    private String html = "";

    /** A renderer of the templates and texts that {@code moduleClass}'s class loader finds. */
    public ConsoleTestRenderer(Class<?> moduleClass) {
        this.texts = new ModuleMessages(moduleClass);
        cfg.setTemplateLoader(new ClassTemplateLoader(moduleClass.getClassLoader(), "/templates"));
        cfg.setDefaultEncoding("UTF-8");
        cfg.setRecognizeStandardFileExtensions(true);
        cfg.setOutputFormat(HTMLOutputFormat.INSTANCE);
        cfg.setLocale(Locale.ENGLISH);
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setFallbackOnNullLoopVariable(false);
        DefaultObjectWrapperBuilder wrapper = new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34);
        wrapper.setRecordZeroArgumentNonVoidMethodPolicy(
                ZeroArgumentNonVoidMethodPolicy.BOTH_METHOD_AND_PROPERTY_UNLESS_BEAN_PROPERTY_READ_METHOD);
        cfg.setObjectWrapper(wrapper.build());
    }

    /** The HTML of the last page rendered. */
    public String html() {
        return html;
    }

    @Override
    public Locale language(HttpServletRequest request) {
        String lang = request == null ? null : request.getParameter(Languages.PARAMETER);
        return Languages.ofTag(lang).orElse(Languages.ENGLISH);
    }

    @Override
    public void render(HttpServletRequest request, HttpServletResponse response, PageFragment fragment)
            throws IOException {
        html = render(fragment, language(request));
        PrintWriter writer = response == null ? null : response.getWriter();
        if (writer != null) {
            writer.write(html);
        }
    }

    /** The fragment's HTML in {@code locale}. */
    public String render(PageFragment fragment, Locale locale) throws IOException {
        SimpleHash model = new SimpleHash(cfg.getObjectWrapper());
        fragment.model().forEach(model::put);
        model.put("msg", new Texts(texts, locale));
        model.put("lang", locale.toLanguageTag());
        StringWriter out = new StringWriter();
        try {
            cfg.getTemplate(fragment.template(), locale).process(model, out);
        } catch (TemplateException e) {
            throw new IOException(e);
        }
        return out.toString();
    }

    /** {@code msg(key, args...)} or {@code msg(key, [args])}, as the portal's renderer offers it. */
    private record Texts(ModuleMessages texts, Locale locale) implements TemplateMethodModelEx {

        @Override
        public Object exec(@SuppressWarnings("rawtypes") List arguments) throws TemplateModelException {
            String key = ((TemplateScalarModel) arguments.get(0)).getAsString();
            List<Object> args = new ArrayList<>();
            for (int i = 1; i < arguments.size(); i++) {
                TemplateModel arg = (TemplateModel) arguments.get(i);
                if (arguments.size() == 2 && arg instanceof TemplateSequenceModel sequence) {
                    for (int j = 0; j < sequence.size(); j++) {
                        args.add(unwrap(sequence.get(j)));
                    }
                } else {
                    args.add(unwrap(arg));
                }
            }
            try {
                return texts.get(locale, key, args.toArray());
            } catch (IllegalArgumentException missing) {
                throw new TemplateModelException(missing.getMessage());
            }
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
}
