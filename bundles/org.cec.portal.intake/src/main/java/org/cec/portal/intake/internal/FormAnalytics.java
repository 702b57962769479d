package org.cec.portal.intake.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
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
 * Reports the request form's funnel to the analytics module's {@link AnalyticsRecorder}, when it is
 * there (optional, dynamic: without it nothing is reported and the form works the same): each step
 * reached ({@code form.step}, the confirmation as step {@code done}), each field sent back with an error ({@code form.error}: the field's name
 * only, never what was typed, nor the message), and the request submitted ({@code form.submitted} with
 * its services' ids). The recorder decides, from the visitor's consent, whether anything is kept.
 */
@Component(service = FormAnalytics.class)
public final class FormAnalytics {

    /** The {@code form} dimension of the request form. */
    static final String FORM = "request";

    /** The {@code step} of the confirmation page. */
    static final String DONE = "done";

    private static final Logger LOG = LoggerFactory.getLogger(FormAnalytics.class);

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AnalyticsRecorder recorder;

    public FormAnalytics() {}

    /** For tests: reports to {@code recorder} (null: none). */
    FormAnalytics(AnalyticsRecorder recorder) {
        this.recorder = recorder;
    }

    /**
     * Step {@code step} is shown: reached ({@code form.step}) when it has no errors, else sent back with
     * an error in each of {@code fieldsWithErrors} ({@code form.error}, one per field name).
     */
    void stepShown(HttpServletRequest request, String step, Collection<String> fieldsWithErrors) {
        AnalyticsRecorder r = recorder;
        if (r == null) {
            return;
        }
        if (fieldsWithErrors.isEmpty()) {
            report(r, request, AnalyticsEvent.FORM_STEP, Map.of("form", FORM, "step", step));
        }
        for (String field : fieldsWithErrors) {
            if (field.length() <= AnalyticsEvent.MAX_VALUE_LENGTH) {
                report(r, request, AnalyticsEvent.FORM_ERROR, Map.of("form", FORM, "step", step, "field", field));
            }
        }
    }

    /** The request was submitted: the confirmation is shown. {@code service} joins the ids with {@code ,}, sorted. */
    void submitted(HttpServletRequest request, Collection<String> services) {
        AnalyticsRecorder r = recorder;
        if (r == null) {
            return;
        }
        String joined = String.join(",", new TreeSet<>(services));
        if (joined.length() > AnalyticsEvent.MAX_VALUE_LENGTH) {
            joined = joined.substring(0, AnalyticsEvent.MAX_VALUE_LENGTH);
        }
        report(r, request, AnalyticsEvent.FORM_STEP, Map.of("form", FORM, "step", DONE));
        report(r, request, AnalyticsEvent.FORM_SUBMITTED, Map.of("form", FORM, "service", joined));
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
