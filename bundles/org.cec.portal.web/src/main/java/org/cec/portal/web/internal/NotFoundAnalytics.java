package org.cec.portal.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.cec.portal.api.analytics.AnalyticsEvent;
import org.cec.portal.api.analytics.AnalyticsRecorder;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports pages not found ({@code not-found}, dimension {@code path}) to the analytics module's {@link
 * AnalyticsRecorder}, when it is there (optional, dynamic: without it nothing is reported and the 404
 * page is the same). The path is {@linkplain #normalise normalised}: no query, and ids and tokens
 * replaced by {@code {id}} and {@code {token}}, so that no secret of a link ever reaches the data. The
 * recorder decides, from the visitor's consent, whether anything is kept.
 */
@Component(service = NotFoundAnalytics.class)
public final class NotFoundAnalytics {

    private static final Logger LOG = LoggerFactory.getLogger(NotFoundAnalytics.class);

    /** The most segments of a path kept; the rest is replaced by {@code ...}. */
    static final int MAX_SEGMENTS = 8;

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** A word of a path: lower-case letters and hyphens, perhaps with a file extension. */
    private static final Pattern WORD = Pattern.compile("[a-z][a-z-]{0,39}(\\.[a-z0-9]{1,5})?");
    /** The segments after which the next one is a token (links that carry one). */
    private static final Set<String> BEFORE_TOKEN =
            Set.of("choose", "leads", "draft", "unsubscribe", "confirm", "open", "click");
    /** The segments after which the next one is an id. */
    private static final Set<String> BEFORE_ID = Set.of("contractors", "out", "requests");
    /** Pages under a path of {@link #BEFORE_ID} that are not ids. */
    private static final Set<String> SUB_PATHS = Set.of("choose");

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AnalyticsRecorder recorder;

    public NotFoundAnalytics() {}

    /** For tests: reports to {@code recorder} (null: none). */
    NotFoundAnalytics(AnalyticsRecorder recorder) {
        this.recorder = recorder;
    }

    /** A page of {@code path} (the request URI, without query) was not found. */
    void notFound(HttpServletRequest request, String path) {
        AnalyticsRecorder r = recorder;
        if (r == null) {
            return;
        }
        try {
            r.record(request, AnalyticsEvent.of(AnalyticsEvent.NOT_FOUND, Map.of("path", normalise(path))));
        } catch (RuntimeException e) {
            LOG.debug("A not-found event was not reported: {}", e.toString());
        }
    }

    /**
     * The path as analytics keeps it: without query, fragment or path parameters ({@code ;jsessionid}),
     * segment replaced by {@code {id}} (numbers, UUIDs, the segment after {@code /contractors/} or
     * {@code /out/}) or {@code {token}} (the segment after a link's {@code /choose/}, {@code /leads/},
     * {@code /draft/} and the like, and any other that is not a plain lower-case word); at most {@value
     * #MAX_SEGMENTS} segments.
     */
    static String normalise(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        String p = path;
        for (char stop : new char[] {'?', '#', ';'}) {
            int at = p.indexOf(stop);
            if (at >= 0) {
                p = p.substring(0, at);
            }
        }
        String[] segments = p.split("/");
        StringBuilder out = new StringBuilder();
        String previous = "";
        int kept = 0;
        for (String raw : segments) {
            if (raw.isEmpty()) {
                continue;
            }
            if (kept == MAX_SEGMENTS) {
                out.append("/...");
                break;
            }
            String segment = segment(raw, previous);
            out.append('/').append(segment);
            previous = raw.toLowerCase(Locale.ROOT);
            kept++;
        }
        if (out.length() == 0) {
            return "/";
        }
        if (p.endsWith("/") && kept < MAX_SEGMENTS) {
            out.append('/');
        }
        String normalised = out.toString();
        return normalised.length() > AnalyticsEvent.MAX_VALUE_LENGTH
                ? normalised.substring(0, AnalyticsEvent.MAX_VALUE_LENGTH)
                : normalised;
    }

    private static String segment(String raw, String previous) {
        if (BEFORE_TOKEN.contains(previous)) {
            return "{token}";
        }
        if (BEFORE_ID.contains(previous) && !SUB_PATHS.contains(raw)) {
            return "{id}";
        }
        if (DIGITS.matcher(raw).matches() || UUID.matcher(raw).matches()) {
            return "{id}";
        }
        // A word is kept; anything else (digits mixed in, capitals, escapes, long strings) may be a
        // generated token or something a visitor typed, and never reaches the data.
        return WORD.matcher(raw).matches() ? raw : "{token}";
    }
}
