package org.cec.portal.directory.internal.pages;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.cec.portal.api.analytics.AnalyticsEvent;
import org.cec.portal.api.analytics.AnalyticsRecorder;
import org.cec.portal.api.directory.ContractorQuery;
import org.cec.portal.api.directory.SearchResult;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports the directory's visitors' searches and website clicks to the analytics module's {@link
 * AnalyticsRecorder}, when it is there (optional, dynamic: without it nothing is reported and nothing
 * else changes). The recorder decides, from the visitor's consent, whether anything is kept. A search
 * is reported by ZIP3 only, never the full ZIP code; the first page of its results only, so that
 * paging through them is not counted as more searches.
 */
@Component(service = DirectoryAnalytics.class)
public final class DirectoryAnalytics {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryAnalytics.class);

    /** The {@code service} of a search for any service. */
    static final String ANY_SERVICE = "any";

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AnalyticsRecorder recorder;

    public DirectoryAnalytics() {}

    /** For tests: reports to {@code recorder} (null: none). */
    DirectoryAnalytics(AnalyticsRecorder recorder) {
        this.recorder = recorder;
    }

    /** A search of the page or the API: {@code zip3}, {@code service}, {@code radius}, {@code results}. */
    void searched(HttpServletRequest request, ContractorQuery query, SearchResult result) {
        AnalyticsRecorder r = recorder;
        if (r == null || result.page() != 1) {
            return;
        }
        String zip = query.zip() == null ? "" : query.zip();
        String service = query.service() == null || query.service().isBlank() ? ANY_SERVICE : query.service();
        report(
                r,
                request,
                AnalyticsEvent.DIRECTORY_SEARCH,
                Map.of(
                        "zip3",
                        zip.length() >= 3 ? zip.substring(0, 3) : "",
                        "service",
                        service,
                        "radius",
                        Integer.toString(query.radiusMiles()),
                        "results",
                        Long.toString(result.total())));
    }

    /** A visitor followed the website link {@code /out/{id}} of contractor {@code contractorId}. */
    void clicked(HttpServletRequest request, String contractorId) {
        AnalyticsRecorder r = recorder;
        if (r == null || contractorId.length() > AnalyticsEvent.MAX_VALUE_LENGTH) {
            return;
        }
        report(r, request, AnalyticsEvent.OUTBOUND_CLICK, Map.of("contractor", contractorId));
    }

    /** Reports an event; a recorder that fails anyway costs the visitor nothing (one debug line). */
    private static void report(
            AnalyticsRecorder r, HttpServletRequest request, String type, Map<String, String> dimensions) {
        try {
            r.record(request, AnalyticsEvent.of(type, dimensions));
        } catch (RuntimeException e) {
            LOG.debug("A {} event was not reported: {}", type, e.toString());
        }
    }
}
