package org.cec.portal.testing;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cec.portal.api.analytics.AnalyticsEvent;
import org.cec.portal.api.analytics.AnalyticsRecorder;

/**
 * An {@link AnalyticsRecorder} for a module's unit tests: it keeps every event it is given, and the
 * request of each event recorded for a visitor, so a test sees what its module reports.
 */
public final class RecordingAnalytics implements AnalyticsRecorder {

    /** Every event, in order. */
    public final List<AnalyticsEvent> events = new CopyOnWriteArrayList<>();

    /** The request of each event recorded for a visitor, in order. */
    public final List<HttpServletRequest> requests = new CopyOnWriteArrayList<>();

    @Override
    public void record(HttpServletRequest request, AnalyticsEvent event) {
        requests.add(request);
        events.add(event);
    }

    @Override
    public void record(AnalyticsEvent event) {
        events.add(event);
    }
}
