package org.cec.portal.directory.internal.pages;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.ContractorDirectory;
import org.cec.portal.api.web.PortalWeb;
import org.cec.portal.api.web.ViewRenderer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /out/{id}}: the website link of a contractor. It redirects (302) to exactly the website
 * stored for that contractor, when that is an absolute {@code http} or {@code https} URL, and records
 * the click ({@link OutboundClicks}, and to analytics: {@link DirectoryAnalytics}); nothing of the request (query, headers) has any say in where it
 * leads, so it is never an open redirect. An unknown or inactive contractor, or one without such a
 * website, gets the kind "not found" page.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(OutboundLink.PATH + "/*")
public final class OutboundLink extends HttpServlet {

    static final String PATH = "/out";
    private static final long serialVersionUID = 1L;
    private static final int MAX_URL = 2_000;

    private final transient ContractorDirectory directory;
    private final transient OutboundClicks clicks;
    private final transient ViewRenderer views;
    private final transient DirectoryAnalytics analytics;

    @Activate
    public OutboundLink(
            @Reference ContractorDirectory directory,
            @Reference OutboundClicks clicks,
            @Reference ViewRenderer views,
            @Reference DirectoryAnalytics analytics) {
        this.directory = directory;
        this.clicks = clicks;
        this.views = views;
        this.analytics = analytics;
    }

    /** A link that reports nothing to analytics. */
    OutboundLink(ContractorDirectory directory, OutboundClicks clicks, ViewRenderer views) {
        this(directory, clicks, views, new DirectoryAnalytics());
    }

    /** The path of the website link of contractor {@code id}. */
    static String path(String id) {
        return PATH + "/" + id;
    }

    /**
     * Where the website link of {@code contractor} leads: its website when that is an absolute http or
     * https URL with a host and no user name or password, else empty.
     */
    static Optional<URI> target(Contractor contractor) {
        String website = contractor.website();
        if (website.isEmpty() || website.length() > MAX_URL) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(website);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute()
                    || uri.isOpaque()
                    || !(scheme.equals("https") || scheme.equals("http"))
                    || uri.getHost() == null
                    || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(request, response, true);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // A HEAD (link checkers, previews) is answered the same, but is not a visitor's click.
        answer(request, response, false);
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, boolean count) throws IOException {
        Optional<Contractor> contractor =
                ProfilePage.idOf(request).flatMap(directory::find).filter(Contractor::active);
        Optional<URI> target = contractor.flatMap(OutboundLink::target);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        if (target.isEmpty()) {
            views.render(request, response, ProfilePage.missing());
            return;
        }
        if (count) {
            clicks.record(contractor.get().id());
            analytics.clicked(request, contractor.get().id());
        }
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", target.get().toASCIIString());
    }
}
