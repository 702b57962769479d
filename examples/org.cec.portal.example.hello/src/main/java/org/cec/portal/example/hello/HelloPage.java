package org.cec.portal.example.hello;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.cec.portal.api.web.PortalWeb;
import org.cec.portal.api.web.View;
import org.cec.portal.api.web.ViewRenderer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * A partner's page in the portal layout, with a small form: it shows how a plugin renders its own
 * template, takes input through a CSRF-protected form and validates it with a clear message.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(HelloPage.PATH)
@Designate(ocd = HelloPage.Config.class)
public final class HelloPage extends HttpServlet {

    static final String PATH = "/partner/hello";
    private static final long serialVersionUID = 1L;
    private static final int MAX_NAME = 100;
    /** The page title: a key of this bundle's messages ({@code messages/messages*.properties}). */
    private static final String TITLE = "%hello.title";

    @ObjectClassDefinition(name = "Example partner page", description = "The greeting the example partner page shows.")
    public @interface Config {
        @AttributeDefinition(name = "Partner name")
        String partner_name() default "Example Energy Nonprofit";
    }

    private final transient ViewRenderer views;
    private final String partnerName;

    @Activate
    public HelloPage(@Reference ViewRenderer views, Config config) {
        this.views = views;
        this.partnerName = config.partner_name();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        views.render(request, response, View.of("hello/hello.ftlh", TITLE, model("", "", "")));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("name");
        name = name == null ? "" : name.strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            // the key of this bundle's message; the template shows it in the visitor's language
            String error = name.isEmpty() ? "hello.error.empty" : "hello.error.long";
            views.render(
                    request,
                    response,
                    View.of("hello/hello.ftlh", TITLE, model(name, error, ""))
                            .withStatus(HttpServletResponse.SC_BAD_REQUEST));
            return;
        }
        views.render(request, response, View.of("hello/hello.ftlh", TITLE, model(name, "", name)));
    }

    private Map<String, Object> model(String name, String error, String greeted) {
        Map<String, Object> model = new HashMap<>();
        model.put("partner", partnerName);
        model.put("name", name);
        model.put("error", error);
        model.put("greeted", greeted);
        model.put("maxName", MAX_NAME);
        return model;
    }
}
