package org.cec.portal.web.internal;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.ext.beans.ZeroArgumentNonVoidMethodPolicy;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateDirectiveModel;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateHashModel;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Year;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.cec.portal.api.i18n.Languages;
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
 * Renders pages: the shared layout, with a module's template rendered where the layout places the
 * content. Both are Freemarker templates with HTML auto-escaping; the module's output goes into the
 * page as it is, already escaped by its own template, so nothing is ever marked safe by hand.
 * Fragments of {@link org.cec.portal.api.web.PageContribution}s enter the layout the same way.
 *
 * <p>The whole page is built in one buffer before anything is sent: a template that fails gives the
 * 500 error page and no part of the page.
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

        @AttributeDefinition(
                name = "Time zone",
                description = "The time zone dates and times are shown in, for example America/Los_Angeles.")
        String time_zone() default "America/Los_Angeles";
    }

    private static final Logger LOG = LoggerFactory.getLogger(Pages.class);
    private static final int INITIAL_PAGE_CHARS = 8 * 1024;
    /** A thread keeps a grown buffer up to this size (64 KiB), larger ones are left to the collector. */
    private static final int MAX_KEPT_PAGE_CHARS = 32 * 1024;

    private final Navigation navigation;
    private final PageContributions contributions;
    private final PortalTranslations translations;
    private final BundleTemplates own;
    private final Map<String, Object> site;
    private final ZoneId zone;
    /**
     * Each thread's spare page buffer (a JDK type, so a stopped bundle's classes are not kept alive
     * by the thread). A page is built in it and then copied out as bytes; the buffer itself is never
     * sent, so nothing of one visitor's page reaches another.
     */
    private final ThreadLocal<char[][]> spareBuffer = ThreadLocal.withInitial(() -> new char[1][]);

    @Activate
    public Pages(
            @Reference Navigation navigation,
            @Reference PageContributions contributions,
            @Reference PortalTranslations translations,
            Config config) {
        this.navigation = navigation;
        this.contributions = contributions;
        this.translations = translations;
        this.own = new BundleTemplates(
                newConfiguration(Pages.class.getClassLoader()), translations.common(), "org.cec.portal.web");
        this.site =
                Map.of("name", config.site_name(), "operator", config.operator(), "privacyPath", config.privacy_path());
        try {
            this.zone = ZoneId.of(config.time_zone().strip());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("time.zone is not a time zone id: " + config.time_zone(), e);
        }
    }

    /** A Freemarker configuration that loads {@code templates/...} through {@code loader}, escaping HTML. */
    static Configuration newConfiguration(ClassLoader loader) {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setTemplateLoader(new ClassTemplateLoader(loader, "/templates"));
        cfg.setDefaultEncoding("UTF-8");
        cfg.setOutputEncoding("UTF-8");
        cfg.setRecognizeStandardFileExtensions(true);
        cfg.setOutputFormat(HTMLOutputFormat.INSTANCE);
        // never the machine's default: a page is formatted for its visitor's language (set per page)
        cfg.setLocale(Languages.ENGLISH);
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

    /** Renders {@code view} from {@code module}'s templates, with its texts, inside the layout. */
    public void render(HttpServletRequest request, HttpServletResponse response, BundleTemplates module, View view)
            throws IOException {
        PageWriter page = new PageWriter(takeBuffer());
        byte[] bytes;
        try {
            Locale locale = language(request);
            String title = module.messages().localize(locale, view.title());
            Map<String, Object> common = commonModel(request, title, locale);
            Template template = module.templates().getTemplate(view.template());
            TemplateHashModel model = PageModels.layered(
                    withTexts(common, module.messages(), locale),
                    view.model(),
                    module.templates().getObjectWrapper());
            Map<String, Object> layoutModel = Map.of(
                    "content", content(template, model, locale),
                    "status", view.status(),
                    "contributions", contributions.render(request, common, locale));
            BundleTemplates.process(
                    own.templates().getTemplate("web/layout.ftlh"),
                    PageModels.layered(
                            withTexts(common, own.messages(), locale),
                            layoutModel,
                            own.templates().getObjectWrapper()),
                    page,
                    locale);
            bytes = page.toString().getBytes(StandardCharsets.UTF_8);
            giveBack(page.wipedBuffer());
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
        write(response, view.status(), language(request), bytes);
    }

    /** The visitor's language: set by {@link LanguageFilter}, or worked out here for a request it did not see. */
    static Locale language(HttpServletRequest request) {
        Object language = request.getAttribute(Languages.ATTRIBUTE);
        return language instanceof Locale locale ? locale : VisitorLanguages.of(request);
    }

    /** {@code common} with {@code msg} reading {@code messages} (and the portal's shared texts). */
    Map<String, Object> withTexts(Map<String, Object> common, BundleMessages messages, Locale locale) {
        Map<String, Object> model = new HashMap<>(common);
        model.put("msg", new TemplateMessages(messages, translations.common(), locale));
        return model;
    }

    /**
     * {@code <@content/>} in the layout: the module's template, rendered right where the layout
     * places it, into the page itself. Its output is escaped by its own {@code .ftlh} format; a
     * failure fails the whole page, which is then never sent.
     */
    private static TemplateDirectiveModel content(Template template, TemplateHashModel model, Locale locale) {
        return (env, params, loopVars, body) -> BundleTemplates.process(template, model, env.getOut(), locale);
    }

    /** This thread's spare page buffer, or a new one if it has none (or is rendering one already). */
    private char[] takeBuffer() {
        char[][] slot = spareBuffer.get();
        char[] page = slot[0];
        if (page == null) {
            return new char[INITIAL_PAGE_CHARS];
        }
        slot[0] = null;
        return page;
    }

    private void giveBack(char[] page) {
        if (page.length <= MAX_KEPT_PAGE_CHARS) {
            spareBuffer.get()[0] = page;
        }
    }

    /** Renders one of the web bundle's own templates. */
    public void renderOwn(HttpServletRequest request, HttpServletResponse response, View view) throws IOException {
        render(request, response, own, view);
    }

    /** The templates and texts of {@code bundle}, for its pages. */
    BundleTemplates templatesOf(org.osgi.framework.Bundle bundle, ClassLoader loader) {
        return new BundleTemplates(
                newConfiguration(loader), (BundleMessages) translations.of(bundle), bundle.getSymbolicName());
    }

    private Map<String, Object> commonModel(HttpServletRequest request, String title, Locale locale) {
        Map<String, Object> model = new HashMap<>();
        String path = Csrf.pathWithinContext(request);
        model.put("site", site);
        model.put("title", title);
        model.put("navigation", navigation.entries(locale));
        model.put("currentPath", path);
        model.put("year", Year.now().getValue());
        model.put("csrf", PageModels.csrf(request));
        model.put("lang", locale.getLanguage());
        model.put("languages", LanguageLinks.of(request, path, locale));
        model.put("fmt", new PageFormats(locale, zone));
        return model;
    }

    private static void write(HttpServletResponse response, int status, Locale locale, byte[] bytes)
            throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Content-Language", locale.toLanguageTag());
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
