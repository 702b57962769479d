package org.cec.portal.intake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.mockito.Mockito.mock;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.cec.portal.api.analytics.AnalyticsEvent;
import org.cec.portal.api.analytics.AnalyticsRecorder;
import org.cec.portal.testing.RecordingAnalytics;
import org.junit.jupiter.api.Test;

/** The request form's funnel as reported to a recording fake recorder. */
class FormAnalyticsTest {

    private final HttpServletRequest request = mock(HttpServletRequest.class);

    @Test
    void eachStepReachedEachFieldWithAnErrorAndTheSubmissionWithItsServicesAreReported() {
        RecordingAnalytics recorder = new RecordingAnalytics();
        FormAnalytics analytics = new FormAnalytics(recorder);

        analytics.stepShown(request, "contact", List.of());
        // the field names only: the messages (and what was typed) are not given to the recorder
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        errors.put("email", "Enter an email address like maria@example.com (you typed maria.example.com).");
        errors.put("zip", "Enter your ZIP code.");
        analytics.stepShown(request, "contact", errors.keySet());
        analytics.stepShown(request, "services", List.of());
        analytics.stepShown(request, "review", List.of());
        analytics.submitted(request, List.of("solar-pv", "heat-pump"));

        assertEquals(
                List.of(
                        AnalyticsEvent.of(AnalyticsEvent.FORM_STEP, Map.of("form", "request", "step", "contact")),
                        AnalyticsEvent.of(
                                AnalyticsEvent.FORM_ERROR,
                                Map.of("form", "request", "step", "contact", "field", "email")),
                        AnalyticsEvent.of(
                                AnalyticsEvent.FORM_ERROR,
                                Map.of("form", "request", "step", "contact", "field", "zip")),
                        AnalyticsEvent.of(AnalyticsEvent.FORM_STEP, Map.of("form", "request", "step", "services")),
                        AnalyticsEvent.of(AnalyticsEvent.FORM_STEP, Map.of("form", "request", "step", "review")),
                        AnalyticsEvent.of(AnalyticsEvent.FORM_STEP, Map.of("form", "request", "step", "done")),
                        AnalyticsEvent.of(
                                AnalyticsEvent.FORM_SUBMITTED,
                                Map.of("form", "request", "service", "heat-pump,solar-pv"))),
                recorder.events);
        for (HttpServletRequest r : recorder.requests) {
            assertSame(request, r, "recorded for the visitor's request, whose consent decides");
        }
        assertFalse(recorder.events.toString().contains("maria"), recorder.events.toString());
    }

    @Test
    void withoutARecorderOrWithOneThatFailsNothingIsReportedAndNothingThrows() {
        new FormAnalytics(null).stepShown(request, "contact", List.of("email"));
        new FormAnalytics(null).submitted(request, List.of("solar-pv"));
        FormAnalytics broken = new FormAnalytics(new AnalyticsRecorder() {
            @Override
            public void record(HttpServletRequest r, AnalyticsEvent event) {
                throw new IllegalStateException("broken");
            }

            @Override
            public void record(AnalyticsEvent event) {
                throw new IllegalStateException("broken");
            }
        });
        broken.stepShown(request, "contact", List.of("email"));
        broken.submitted(request, List.of("solar-pv"));
    }
}
