package org.cec.portal.directory.internal.pages;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.ContractorDirectory;
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
 * {@code GET /contractors/{id}}: a contractor's profile (services, credentials with their expiry,
 * insurance, languages, service area, contact details, the website link through {@code /out/{id}}).
 * An unknown or inactive contractor gets a kind "not found" page (404) with a link back to search.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(SearchPage.PATH + "/*")
public final class ProfilePage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** Ids of stored contractors ({@code a-z 0-9 -}) and of a source's ({@code source:own}). */
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}(:[a-z0-9][a-z0-9-]{0,63})?");

    private final transient ContractorDirectory directory;
    private final transient ServiceLabels services;
    private final transient SourceLabels sources;
    private final transient ViewRenderer views;

    @Activate
    public ProfilePage(
            @Reference ContractorDirectory directory,
            @Reference ServiceLabels services,
            @Reference SourceLabels sources,
            @Reference ViewRenderer views) {
        this.directory = directory;
        this.services = services;
        this.sources = sources;
        this.views = views;
    }

    /** The path of contractor {@code id}'s profile. */
    static String path(String id) {
        return SearchPage.PATH + "/" + id;
    }

    /** The contractor id of a request to {@code <servlet path>/<id>}, when it looks like one. */
    static Optional<String> idOf(HttpServletRequest request) {
        String info = request.getPathInfo();
        if (info == null || info.length() < 2) {
            return Optional.empty();
        }
        String id = info.substring(1);
        return ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }

    /** The kind "not found" page of an unknown contractor. */
    static View missing() {
        return new View("directory/missing.ftlh", "%directory.profile.missing.title", Map.of(), 404);
    }

    /** The business name as a page title: one starting with {@code %} would be read as a message key. */
    static String title(String businessName) {
        return businessName.startsWith("%") ? "\u200b" + businessName : businessName;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Contractor> found = idOf(request).flatMap(directory::find).filter(Contractor::active);
        if (found.isEmpty()) {
            views.render(request, response, missing());
            return;
        }
        Contractor c = found.get();
        Locale locale = Languages.of(request);
        String sourceLabel = Contractor.BUILT_IN.equals(c.source()) || Contractor.DEMO.equals(c.source())
                ? ""
                : sources.label(c.source(), locale).orElse(c.source());
        Map<String, Object> model = new HashMap<>();
        model.put("c", ContractorModel.profile(c, services.labels(locale), locale, LocalDate.now(), sourceLabel));
        model.put("search", SearchPage.PATH + (c.baseZip() == null ? "" : "?zip=" + c.baseZip()));
        views.render(request, response, View.of("directory/profile.ftlh", title(c.businessName()), model));
    }
}
