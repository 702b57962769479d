package org.cec.portal.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.cec.portal.api.web.View;
import org.cec.portal.api.web.ViewRenderer;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * The {@link ViewRenderer} each bundle gets: one instance per using bundle, loading templates from
 * that bundle's {@code templates/} folder through its own class loader, with the texts of its
 * {@code messages/} folder.
 */
@Component(service = ViewRenderer.class, scope = ServiceScope.BUNDLE)
public final class BundleViewRenderer implements ViewRenderer {

    private final Pages pages;
    private final BundleTemplates templates;

    @Activate
    public BundleViewRenderer(@Reference Pages pages, ComponentContext context) {
        this.pages = pages;
        Bundle user = context.getUsingBundle();
        BundleWiring wiring = user.adapt(BundleWiring.class);
        if (wiring == null) {
            throw new IllegalStateException("Bundle " + user.getSymbolicName() + " is not resolved");
        }
        this.templates = pages.templatesOf(user, wiring.getClassLoader());
    }

    @Override
    public void render(HttpServletRequest request, HttpServletResponse response, View view) throws IOException {
        pages.render(request, response, templates, view);
    }
}
