package org.cec.portal.web.internal;

import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;
import org.cec.portal.api.web.ConsoleViewRenderer;
import org.cec.portal.api.web.PageFragment;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ConsoleViewRenderer} each bundle gets: one instance per using bundle, rendering that
 * bundle's {@code templates/} (auto-escaped {@code .ftlh}, the same Freemarker settings as the
 * public pages) as the content of a Web Console page, without the portal layout. Templates get
 * {@code msg}, that bundle's texts in the page's {@link #language}, and {@code lang}, its tag.
 */
@Component(service = ConsoleViewRenderer.class, scope = ServiceScope.BUNDLE)
public final class BundleConsoleViewRenderer implements ConsoleViewRenderer {

    private static final Logger LOG = LoggerFactory.getLogger(BundleConsoleViewRenderer.class);

    private final Configuration templates;
    private final PortalTranslations translations;
    private final Bundle user;

    @Activate
    public BundleConsoleViewRenderer(ComponentContext context, @Reference PortalTranslations translations) {
        this(classLoaderOf(context.getUsingBundle()), translations, context.getUsingBundle());
    }

    /**
     * A renderer of the templates {@code loader} finds under {@code /templates}, with the texts
     * {@code translations} has of {@code user}.
     */
    BundleConsoleViewRenderer(ClassLoader loader, PortalTranslations translations, Bundle user) {
        this.templates = Pages.newConfiguration(loader);
        this.translations = translations;
        this.user = user;
    }

    private static ClassLoader classLoaderOf(Bundle user) {
        BundleWiring wiring = user.adapt(BundleWiring.class);
        if (wiring == null) {
            throw new IllegalStateException("Bundle " + user.getSymbolicName() + " is not resolved");
        }
        return wiring.getClassLoader();
    }

    @Override
    public void render(HttpServletRequest request, HttpServletResponse response, PageFragment fragment)
            throws IOException {
        String html;
        try {
            html = render(fragment, language(request));
        } catch (TemplateException | IOException | RuntimeException e) {
            // The template's name and the exception type are safe to log; model values are not.
            LOG.error(
                    "Rendering console template {} failed: {}",
                    fragment.template(),
                    e.getClass().getName());
            if (!response.isCommitted()) {
                response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            }
            return;
        }
        response.getWriter().write(html);
    }

    @Override
    public Locale language(HttpServletRequest request) {
        return VisitorLanguages.ofConsole(request);
    }

    /** The fragment's HTML in {@code locale}, rendered whole before any of it is written. */
    String render(PageFragment fragment, Locale locale) throws IOException, TemplateException {
        Map<String, Object> texts = Map.of(
                "msg",
                new TemplateMessages((BundleMessages) translations.of(user), translations.common(), locale),
                "lang",
                locale.toLanguageTag());
        StringWriter out = new StringWriter(4096);
        templates
                .getTemplate(fragment.template(), locale)
                .process(PageModels.layered(texts, fragment.model(), templates.getObjectWrapper()), out);
        return out.toString();
    }
}
