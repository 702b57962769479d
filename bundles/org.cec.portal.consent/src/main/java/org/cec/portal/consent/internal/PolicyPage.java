package org.cec.portal.consent.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.api.web.PortalWeb;
import org.cec.portal.api.web.View;
import org.cec.portal.api.web.ViewRenderer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /privacy}: the operator's privacy policy in the visitor's language (or, when the operator
 * wrote it in another language only, that text marked as such), with its version and date.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern("/privacy")
public final class PolicyPage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ViewRenderer views;
    private final transient ConsentSettings settings;

    @Activate
    public PolicyPage(@Reference ViewRenderer views, @Reference ConsentSettings settings) {
        this.views = views;
        this.settings = settings;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ConsentSettings.Texts texts = settings.texts(Languages.of(request));
        views.render(
                request,
                response,
                View.of(
                        "consent/policy.ftlh",
                        "%consent.policy.title",
                        Map.of(
                                "policyVersion", settings.policyVersion(),
                                "policyDate", settings.policyDate(),
                                "blocks", texts.policyBlocks(),
                                "policyFallback", texts.policyFallback(),
                                "policyLanguage", texts.policyLanguage().getLanguage())));
    }
}
