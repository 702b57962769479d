package org.cec.portal.intake.internal;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.api.intake.FieldOption;
import org.cec.portal.api.intake.IntakeField;
import org.cec.portal.api.web.PortalWeb;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /api/v1/services}: the service types and intake sections registered right now, each
 * section's fields with their id, kind, limits, options and labels, in the language asked for ({@code
 * ?language=en|es}, else the request's), so that a partner's site can build its own form for {@code POST
 * /api/v1/requests}. A plugin installed a moment ago is in the next answer. Pages of the origins
 * allowed to post requests may read it from the browser.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(ServicesApi.PATH)
public final class ServicesApi extends HttpServlet {

    static final String PATH = "/api/v1/services";
    private static final long serialVersionUID = 1L;
    private static final JsonProvider JSON = JsonProvider.provider();

    private final transient Catalog catalog;
    private final transient IntakeGuard guard;

    @Activate
    public ServicesApi(@Reference Catalog catalog, @Reference IntakeGuard guard) {
        this.catalog = catalog;
        this.guard = guard;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String origin = request.getHeader("Origin");
        if (origin != null) {
            response.addHeader("Vary", "Origin");
            if (guard.originAllowed(origin)) {
                response.setHeader("Access-Control-Allow-Origin", origin);
            }
        }
        String asked = request.getParameter("language");
        Optional<Locale> language = asked == null ? Optional.of(Languages.of(request)) : Languages.ofTag(asked);
        if (language.isEmpty()) {
            RequestApi.json(response, 400, JsonBodies.error("language must be \"en\" or \"es\"."));
            return;
        }
        response.addHeader("Vary", "Accept-Language");
        RequestApi.json(response, 200, document(catalog.snapshot(language.get())));
    }

    static JsonObject document(Catalog.Snapshot snapshot) {
        JsonArrayBuilder services = JSON.createArrayBuilder();
        for (Catalog.ServiceInfo s : snapshot.services()) {
            services.add(JSON.createObjectBuilder()
                    .add("id", s.id())
                    .add("label", s.label())
                    .add("description", s.description()));
        }
        JsonArrayBuilder sections = JSON.createArrayBuilder();
        for (Catalog.SectionInfo s : snapshot.sections()) {
            JsonArrayBuilder fields = JSON.createArrayBuilder();
            for (IntakeField f : s.fields()) {
                fields.add(field(f));
            }
            sections.add(JSON.createObjectBuilder()
                    .add("id", s.id())
                    .add("version", s.version())
                    .add("title", s.title())
                    .add("description", s.description())
                    .add("fields", fields));
        }
        return JSON.createObjectBuilder()
                .add("language", snapshot.locale().getLanguage())
                .add("services", services)
                .add("sections", sections)
                .build();
    }

    private static JsonObjectBuilder field(IntakeField f) {
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("id", f.id())
                .add("kind", f.kind().name().toLowerCase(Locale.ROOT))
                .add("required", f.required())
                .add("label", f.label())
                .add("hint", f.hint());
        switch (f.kind()) {
            case TEXT -> b.add("maxLength", f.maxLength());
            case NUMBER -> b.add("min", f.min()).add("max", f.max());
            case CHOICE -> {
                JsonArrayBuilder options = JSON.createArrayBuilder();
                for (FieldOption o : f.options()) {
                    options.add(
                            JSON.createObjectBuilder().add("value", o.value()).add("label", o.label()));
                }
                b.add("options", options);
            }
        }
        return b;
    }
}
