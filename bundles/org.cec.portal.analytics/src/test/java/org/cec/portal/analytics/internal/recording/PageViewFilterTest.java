package org.cec.portal.analytics.internal.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageViewFilterTest {

    @ParameterizedTest(name = "{0} {1} -> {2} {3}: {4}")
    @CsvSource({
        "GET, /, 200, text/html;charset=UTF-8, true",
        "GET, /contractors/sunny-solar, 200, text/html, true",
        "GET, /privacy/choices, 200, TEXT/HTML; charset=utf-8, true",
        "GET, /healthy-homes, 200, text/html, true",
        "HEAD, /, 200, text/html, false",
        "POST, /request, 200, text/html, false",
        "GET, /request, 303, text/html, false",
        "GET, /nowhere, 404, text/html, false",
        "GET, /request, 500, text/html, false",
        "GET, /static/portal.css, 200, text/css, false",
        "GET, /static/page.html, 200, text/html, false",
        "GET, /privacy/static/consent.js, 200, text/javascript, false",
        "GET, /privacy/static/help.html, 200, text/html, false",
        "GET, /api/v1/contractors, 200, application/json, false",
        "GET, /api/v1/docs, 200, text/html, false",
        "GET, /health, 200, application/json, false",
        "GET, /health/live, 200, text/html, false",
        "GET, /system/console, 200, text/html, false",
        "GET, /email/open/abc, 200, image/gif, false",
        "GET, /email/click/abc, 302, text/html, false",
        "GET, /nothing, 200, , false",
    })
    void countsSuccessfulGetsOfHtmlPagesOnly(String method, String path, int status, String type, boolean counted) {
        var request = Visits.get(path);
        org.mockito.Mockito.when(request.getMethod()).thenReturn(method);
        assertEquals(counted, PageViewFilter.isPageView(request, Visits.answered(status, type)));
    }

    @ParameterizedTest
    @CsvSource({"Sec-Purpose, prefetch", "Purpose, prefetch", "Sec-Purpose, prefetch;prerender"})
    void aBrowsersPrefetchIsNoPageView(String header, String value) {
        var request =
                Visits.get("/", Visits.ADDRESS, UserAgentsTest.CHROME_WINDOWS, Locale.ENGLISH, Map.of(header, value));
        assertEquals(false, PageViewFilter.isPageView(request, Visits.answered(200, "text/html")));
    }
}
