package org.cec.portal.directory.internal.pages;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.cec.portal.api.directory.ContractorDirectory;
import org.cec.portal.api.directory.ContractorMatch;
import org.cec.portal.api.directory.ContractorQuery;
import org.cec.portal.api.directory.SearchResult;
import org.cec.portal.api.geo.ZipCentroids;
import org.cec.portal.api.i18n.Messages;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Runs the searches of the page and the API: reads the parameters ({@link SearchForm}) against the
 * ZIP codes and services that exist now, asks the directory, notes the source labels the results show
 * for the profiles, and reports each search to analytics ({@link DirectoryAnalytics}). The form's
 * certification choices come from the directory.
 */
@Component(service = Searches.class)
public final class Searches {

    private final ContractorDirectory directory;
    private final ZipCentroids zips;
    private final ServiceLabels services;
    private final SourceLabels sources;
    private final DirectoryAnalytics analytics;

    @Activate
    public Searches(
            @Reference ContractorDirectory directory,
            @Reference ZipCentroids zips,
            @Reference ServiceLabels services,
            @Reference SourceLabels sources,
            @Reference DirectoryAnalytics analytics) {
        this.directory = directory;
        this.zips = zips;
        this.services = services;
        this.sources = sources;
        this.analytics = analytics;
    }

    /** Searches that report nothing to analytics. */
    Searches(ContractorDirectory directory, ZipCentroids zips, ServiceLabels services, SourceLabels sources) {
        this(directory, zips, services, sources, new DirectoryAnalytics());
    }

    /** A search's parameters and, when they are fine and name a ZIP, its result. */
    record Outcome(SearchForm form, SearchResult result) {}

    Outcome run(HttpServletRequest request, Locale locale) {
        String raw = request.getQueryString();
        SearchForm form = SearchForm.read(
                request.getParameterMap(),
                raw == null ? 0 : raw.length(),
                zips::exists,
                services.labels(locale).keySet(),
                ContractorQuery.DEFAULT_PAGE_SIZE);
        ContractorQuery query = form.query();
        if (query == null) {
            return new Outcome(form, null);
        }
        SearchResult result;
        try {
            result = directory.search(query, locale);
        } catch (IllegalArgumentException unknownZip) {
            return new Outcome(form.withZipUnknown(), null);
        }
        for (ContractorMatch m : result.matches()) {
            sources.learn(m, locale);
        }
        analytics.searched(request, query, result);
        return new Outcome(form, result);
    }

    /** Names of the services offered now, in {@code locale}. */
    ServiceLabels services() {
        return services;
    }

    /** The certification filter's choices: the names of certifications that active contractors hold, valid today. */
    List<String> certificationNames() {
        return directory.certificationNames();
    }

    /** The text of a problem in {@code locale}. */
    static String message(Messages messages, Locale locale, SearchForm.Problem problem) {
        return problem.argument() == null
                ? messages.get(locale, problem.key())
                : messages.get(locale, problem.key(), problem.argument());
    }

    /** The query string of {@code query} with another page and radius ({@code base} is a path). */
    static String link(String base, ContractorQuery query, int radius, int page) {
        StringBuilder sb = new StringBuilder(base).append("?zip=").append(query.zip());
        sb.append("&radius=").append(radius);
        add(sb, SearchForm.SERVICE, query.service());
        add(sb, SearchForm.CERT, query.certification());
        add(sb, SearchForm.LANG, query.language());
        if (page > 1) {
            sb.append("&page=").append(page);
        }
        return sb.toString();
    }

    private static void add(StringBuilder sb, String name, String value) {
        if (value != null && !value.isEmpty()) {
            sb.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
