package ${package};

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
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The plugin's page at {@value #PATH}, in the portal's layout: a form that takes a first name, checks
 * it, and answers in the visitor's language.
 *
 * <ul>
 *   <li>Selecting {@link PortalWeb#CONTEXT_SELECT} gives the page the portal's security headers, CSRF
 *       check and error pages: a POST without the form's token never reaches {@link #doPost}.
 *   <li>Invalid input is answered with the form again, what was typed kept, a message next to the
 *       field and status 400.
 *   <li>Its configuration has the PID {@value #PID}: a file {@code etc/<PID>.cfg.json} in the portal
 *       sets it (this project's {@code etc/} has a sample), the console page Configuration too.
 * </ul>
 */
@Component(service = Servlet.class, configurationPid = PartnerPage.PID)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(PartnerPage.PATH)
@Designate(ocd = PartnerPage.Config.class)
public final class PartnerPage extends HttpServlet {

    static final String PATH = "/partner/${artifactId}";
    static final String PID = "${package}.PartnerPage";
    static final int MAX_NAME = 60;
    private static final long serialVersionUID = 1L;
    /** The page title: a key of this bundle's messages. */
    private static final String TITLE = "%page.title";
    private static final String TEMPLATE = "page/page.ftlh";

    /** The page's settings: each method is a property ({@code partner_name} is {@code partner.name}). */
    @ObjectClassDefinition(name = "${partnerName}: workshops page", description = "What the page says about its organization.")
    public @interface Config {
        @AttributeDefinition(name = "Partner name", description = "The organization that runs the workshops.")
        String partner_name() default "${partnerName}";

        @AttributeDefinition(name = "Contact email", description = "Where visitors write with questions.")
        String contact_email() default "hello@example.org";
    }

    private final transient ViewRenderer views;
    private volatile Settings settings;

    /** What the page shows from its configuration (a record: serializable like the servlet). */
    private record Settings(String partner, String contact) implements java.io.Serializable {
        Settings(Config config) {
            this(config.partner_name(), config.contact_email());
        }
    }

    @Activate
    public PartnerPage(@Reference ViewRenderer views, Config config) {
        this.views = views;
        this.settings = new Settings(config);
    }

    /** A changed configuration takes effect at once, without restarting the component. */
    @Modified
    void modified(Config config) {
        this.settings = new Settings(config);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        views.render(request, response, View.of(TEMPLATE, TITLE, model("", "", "")));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("name");
        name = name == null ? "" : name.strip();
        String error = error(name);
        if (!error.isEmpty()) {
            views.render(
                    request,
                    response,
                    View.of(TEMPLATE, TITLE, model(name, error, ""))
                            .withStatus(HttpServletResponse.SC_BAD_REQUEST));
            return;
        }
        views.render(request, response, View.of(TEMPLATE, TITLE, model(name, "", name)));
    }

    /** The message key of what is wrong with {@code name}, or empty when it will do. */
    static String error(String name) {
        if (name.isEmpty()) {
            return "page.error.empty";
        }
        return name.length() > MAX_NAME ? "page.error.long" : "";
    }

    private Map<String, Object> model(String name, String error, String thanked) {
        Settings current = settings;
        Map<String, Object> model = new HashMap<>();
        model.put("path", PATH);
        model.put("partner", current.partner());
        model.put("contact", current.contact());
        model.put("name", name);
        model.put("error", error);
        model.put("thanked", thanked);
        model.put("maxName", MAX_NAME);
        return model;
    }
}
