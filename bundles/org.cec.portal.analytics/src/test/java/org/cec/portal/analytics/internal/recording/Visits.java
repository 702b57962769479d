package org.cec.portal.analytics.internal.recording;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import org.cec.portal.api.consent.ConsentService;
import org.cec.portal.api.consent.Purpose;
import org.cec.portal.api.i18n.Languages;

/** Requests of test visitors, and consent services that answer as a test needs. */
final class Visits {

    static final String ADDRESS = "203.0.113.77";

    private Visits() {}

    /** A GET of {@code uri} (with its query) from {@code address} with {@code userAgent}, in {@code language}. */
    static HttpServletRequest get(
            String uri, String address, String userAgent, Locale language, Map<String, String> headers) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? null : uri.substring(q + 1);
        when(request.getMethod()).thenReturn("GET");
        when(request.getRequestURI()).thenReturn(path);
        when(request.getQueryString()).thenReturn(query);
        when(request.getContextPath()).thenReturn("");
        when(request.getServerName()).thenReturn("portal.example.org");
        when(request.getRemoteAddr()).thenReturn(address);
        when(request.getHeader("User-Agent")).thenReturn(userAgent);
        when(request.getAttribute(Languages.ATTRIBUTE)).thenReturn(language);
        headers.forEach((name, value) -> when(request.getHeader(name)).thenReturn(value));
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                when(request.getParameter(kv[0]))
                        .thenReturn(java.net.URLDecoder.decode(
                                kv.length > 1 ? kv[1] : "", java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return request;
    }

    static HttpServletRequest get(String uri) {
        return get(uri, ADDRESS, UserAgentsTest.CHROME_WINDOWS, Locale.ENGLISH, Map.of());
    }

    static HttpServletResponse answered(int status, String contentType) {
        HttpServletResponse response = mock(HttpServletResponse.class);
        when(response.getStatus()).thenReturn(status);
        when(response.getContentType()).thenReturn(contentType);
        return response;
    }

    /** A consent service that allows analytics to everyone ({@code true}) or to nobody. */
    static ConsentService consent(boolean analytics) {
        ConsentService consent = mock(ConsentService.class);
        when(consent.allows(
                        org.mockito.ArgumentMatchers.any(HttpServletRequest.class),
                        org.mockito.ArgumentMatchers.eq(Purpose.ANALYTICS)))
                .thenReturn(analytics);
        return consent;
    }
}
