package org.cec.portal.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cec.portal.api.analytics.AnalyticsEvent;
import org.cec.portal.api.analytics.AnalyticsRecorder;
import org.cec.portal.testing.RecordingAnalytics;
import org.junit.jupiter.api.Test;

/** 404s as reported to a recording fake recorder: the path without query, ids and tokens. */
class NotFoundAnalyticsTest {

    @Test
    void idsTokensAndTheQueryNeverReachTheRecorder() {
        assertEquals("/contractors/{id}", NotFoundAnalytics.normalise("/contractors/sunny-solar-42"));
        assertEquals("/contractors/{id}", NotFoundAnalytics.normalise("/contractors/acme"));
        assertEquals(
                "/contractors/choose/{token}",
                NotFoundAnalytics.normalise("/contractors/choose/Q2hvb3NlLXRva2VuLTEyMzQ1Njc4OTA"));
        assertEquals("/leads/{token}", NotFoundAnalytics.normalise("/leads/abcdefabcdefabcdefabcdef"));
        assertEquals("/request/draft/{token}", NotFoundAnalytics.normalise("/request/draft/x7k2?lang=es"));
        assertEquals("/out/{id}", NotFoundAnalytics.normalise("/out/c-3"));
        assertEquals("/orders/{id}/items", NotFoundAnalytics.normalise("/orders/12345/items"));
        assertEquals("/files/{id}", NotFoundAnalytics.normalise("/files/123e4567-e89b-12d3-a456-426614174000"));
        assertEquals("/no-such-page", NotFoundAnalytics.normalise("/no-such-page?email=ana@example.org#top"));
        assertEquals("/wp-login.php", NotFoundAnalytics.normalise("/wp-login.php"));
        assertEquals("/x/{token}", NotFoundAnalytics.normalise("/x/Ana%20Lopez"));
        assertEquals("/x/{token}", NotFoundAnalytics.normalise("/x/a1b2c3"));
        assertEquals("/page/{token}", NotFoundAnalytics.normalise("/page/<script>;jsessionid=1"));
        assertEquals("/email/click/{token}", NotFoundAnalytics.normalise("/email/click/abc.def"));
        assertEquals("/privacy/opt-in/confirm/{token}", NotFoundAnalytics.normalise("/privacy/opt-in/confirm/x"));
        assertEquals("/", NotFoundAnalytics.normalise("/"));
        assertEquals("/", NotFoundAnalytics.normalise(""));
        assertEquals("/a/b/c/d/e/f/g/h/...", NotFoundAnalytics.normalise("/a/b/c/d/e/f/g/h/i/j"));
    }

    @Test
    void aNotFoundPageIsReportedForTheVisitorsRequestAndNothingWithoutARecorder() {
        RecordingAnalytics recorder = new RecordingAnalytics();
        List<AnalyticsEvent> events = recorder.events;
        List<HttpServletRequest> requests = recorder.requests;
        HttpServletRequest request = mock(HttpServletRequest.class);
        new NotFoundAnalytics(recorder).notFound(request, "/contractors/choose/secret-token-123");
        assertEquals(
                List.of(AnalyticsEvent.of(AnalyticsEvent.NOT_FOUND, Map.of("path", "/contractors/choose/{token}"))),
                events);
        assertSame(request, requests.get(0));

        new NotFoundAnalytics(null).notFound(request, "/nothing");
        new NotFoundAnalytics(new AnalyticsRecorder() {
                    @Override
                    public void record(HttpServletRequest r, AnalyticsEvent event) {
                        throw new IllegalStateException("broken");
                    }

                    @Override
                    public void record(AnalyticsEvent event) {}
                })
                .notFound(request, "/nothing");
        assertEquals(1, events.size());
    }

    @Test
    void theErrorPagesReportA404ByItsRequestUriButNoOtherError() throws Exception {
        List<AnalyticsEvent> events = new ArrayList<>();
        AnalyticsRecorder recorder = new AnalyticsRecorder() {
            @Override
            public void record(HttpServletRequest request, AnalyticsEvent event) {
                events.add(event);
            }

            @Override
            public void record(AnalyticsEvent event) {
                events.add(event);
            }
        };
        ErrorPages pages = new ErrorPages(mock(Pages.class), new NotFoundAnalytics(recorder));
        for (int status : new int[] {404, 500, 400}) {
            HttpServletRequest request = mock(HttpServletRequest.class);
            when(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE)).thenReturn(status);
            when(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)).thenReturn("/leads/abc123secret");
            pages.service(request, mock(HttpServletResponse.class));
        }
        assertEquals(List.of(AnalyticsEvent.of(AnalyticsEvent.NOT_FOUND, Map.of("path", "/leads/{token}"))), events);
    }
}
