package org.cec.portal.web.internal;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.ext.beans.ZeroArgumentNonVoidMethodPolicy;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Year;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.cec.portal.api.web.PortalWeb;
import org.cec.portal.api.web.View;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders pages: a module's template into its content, then the shared layout around it. Both are
 * Freemarker templates with HTML auto-escaping; the content enters the layout as markup that has
 * already been escaped, so nothing is ever marked safe by hand. Fragments of {@link
 * org.cec.portal.api.web.PageContribution}s enter the layout the same way.
 */
@Component(service = Pages.class)
@Designate(ocd = Pages.Config.class)
public final class Pages {

    @ObjectClassDefinition(name = "CEC Portal: site", description = "Name and texts of the portal shown on every page.")
    public @interface Config {
        @AttributeDefinition(name = "Site name", description = "Shown in the header and the browser tab.")
        String site_name() default "Clean Energy Connect";

        @AttributeDefinition(
                name = "Operator",
                description = "The nonprofit that runs this portal, shown in the footer.")
        String operator() default "Clean Energy Connect";

        @AttributeDefinition(
                name = "Privacy policy path",
                description = "Where the footer's privacy policy link points.")
        String privacy_path() default "/privacy";
    }

    private static final Logger LOG = LoggerFactory.getLogger(Pages.class);

    private final Navigation navigation;
    private final PageContributions contributions;
    private final Configuration layoutConfig;
    private final Map<String, Object> site;

    @Activate
    public Pages(@Reference Navigation navigation, @Reference PageContributions contributions, Config config) {
        this.navigation = navigation;
        this.contributions = contributions;
        this.layoutConfig = newConfiguration(Pages.class.getClassLoader());
        this.site =
                Map.of("name", config.site_name(), "operator", config.operator(), "privacyPath", config.privacy_path());
    }

    /** A Freemarker configuration that loads {@code templates/...} through {@code loader}, escaping HTML. */
    static Configuration newConfiguration(ClassLoader loader) {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setTemplateLoader(new ClassTemplateLoader(loader, "/templates"));
        cfg.setDefaultEncoding("UTF-8");
        cfg.setOutputEncoding("UTF-8");
        cfg.setRecognizeStandardFileExtensions(true);
        cfg.setOutputFormat(HTMLOutputFormat.INSTANCE);
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setAPIBuiltinEnabled(false);
        cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        DefaultObjectWrapperBuilder wrapper = new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34);
        wrapper.setRecordZeroArgumentNonVoidMethodPolicy(
                ZeroArgumentNonVoidMethodPolicy.BOTH_METHOD_AND_PROPERTY_UNLESS_BEAN_PROPERTY_READ_METHOD);
        cfg.setObjectWrapper(wrapper.build());
        return cfg;
    }

    /** Renders {@code view} from {@code moduleConfig}'s templates inside the layout. */
    public void render(HttpServletRequest request, HttpServletResponse response, Configuration moduleConfig, View view)
            throws IOException {
        String html;
        try {
            Map<String, Object> model = new HashMap<>(view.model());
            Map<String, Object> common = commonModel(request, view.title());
            model.putAll(common);
            StringWriter content = new StringWriter(4096);
            Template template = moduleConfig.getTemplate(view.template());
            template.process(model, content);

            Map<String, Object> layoutModel = new HashMap<>(common);
            layoutModel.put("content", HTMLOutputFormat.INSTANCE.fromMarkup(content.toString()));
            layoutModel.put("status", view.status());
            layoutModel.put("contributions", contributions.render(request, common));
            StringWriter page = new StringWriter(content.getBuffer().length() + 4096);
            layoutConfig.getTemplate("web/layout.ftlh").process(layoutModel, page);
            html = page.toString();
        } catch (TemplateException | IOException | RuntimeException e) {
            // The template's name and the exception type are safe to log; model values are not.
            LOG.error(
                    "Rendering template {} failed: {}",
                    view.template(),
                    e.getClass().getName());
            if (!response.isCommitted()) {
                response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            }
            return;
        }
        write(response, view.status(), html);
    }

    /** Renders one of the web bundle's own templates. */
    public void renderOwn(HttpServletRequest request, HttpServletResponse response, View view) throws IOException {
        render(request, response, layoutConfig, view);
    }

    private Map<String, Object> commonModel(HttpServletRequest request, String title) {
        Map<String, Object> model = new HashMap<>();
        model.put("site", site);
        model.put("title", title);
        model.put("navigation", navigation.entries());
        model.put("currentPath", Csrf.pathWithinContext(request));
        model.put("year", Year.now().getValue());
        model.put("csrf", new CsrfModel(request));
        return model;
    }

    private static void write(HttpServletResponse response, int status, String html) throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** What templates see as {@code csrf}: {@code csrf.field} and {@code csrf.token} (created on first use). */
    public static final class CsrfModel {
        private final HttpServletRequest request;

        CsrfModel(HttpServletRequest request) {
            this.request = request;
        }

        public String getField() {
            return PortalWeb.CSRF_FIELD;
        }

        public String getToken() {
            Object token = request.getAttribute(PortalWeb.CSRF_TOKEN_ATTRIBUTE);
            if (token instanceof Supplier<?> supplier) {
                return String.valueOf(supplier.get());
            }
            return token == null ? "" : token.toString();
        }
    }
}
