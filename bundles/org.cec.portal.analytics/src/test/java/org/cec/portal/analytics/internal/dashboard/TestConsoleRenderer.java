package org.cec.portal.analytics.internal.dashboard;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.ext.beans.ZeroArgumentNonVoidMethodPolicy;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;
import org.cec.portal.api.web.ConsoleViewRenderer;
import org.cec.portal.api.web.PageFragment;

/** The console renderer's Freemarker settings (as the web bundle's Pages.newConfiguration), on this module's templates. */
final class TestConsoleRenderer implements ConsoleViewRenderer {

    private final Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);

    TestConsoleRenderer() {
        cfg.setTemplateLoader(new ClassTemplateLoader(TestConsoleRenderer.class.getClassLoader(), "/templates"));
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

    @Override
    public void render(HttpServletRequest request, HttpServletResponse response, PageFragment fragment)
            throws IOException {
        StringWriter out = new StringWriter();
        try {
            cfg.getTemplate(fragment.template()).process(fragment.model(), out);
        } catch (TemplateException e) {
            throw new IOException(e);
        }
        response.getWriter().write(out.toString());
    }
}
