package org.cec.portal.email.internal.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.annotation.Annotation;
import java.util.List;
import org.cec.portal.api.consent.ConsentService;
import org.cec.portal.api.consent.Purpose;
import org.cec.portal.email.internal.CountingRateLimits;
import org.cec.portal.email.internal.EmailSettings;
import org.cec.portal.email.internal.ServletResponses;
import org.cec.portal.email.internal.templates.TestRenderers;
import org.cec.portal.testing.ModuleTestDatabase;
import org.cec.portal.testing.TestCookieProtection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrackingServletTest {

    private static final String ID = "abc234@localhost";
    private static final String URL = "https://example.org/offers";

    private final TrackingLinks links = new TrackingLinks(TestCookieProtection.random());
    private final ConsentService consent = mock(ConsentService.class);
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private ModuleTestDatabase db;
    private TrackingServlet servlet;
    private MailTracking tracking;

    @BeforeEach
    void setUp() throws Exception {
        db = ModuleTestDatabase.create("h2", "email");
        tracking = new MailTracking(links, EmailSettings.defaults("1 Main St"), db, db, TestRenderers.fragments());
        tracking.setConsent(consent);
        when(consent.allows(eq("ana@example.org"), eq(Purpose.MARKETING))).thenReturn(true);
        servlet = new TrackingServlet(config(600, 3, 600), tracking, new CountingRateLimits());
    }

    @AfterEach
    void tearDown() throws Exception {
        tracking.stop();
        db.close();
    }

    @Test
    void thePixelIsATransparentGifNeverCachedAndTheOpenIsRecorded() throws Exception {
        HttpServletResponse response = response();
        servlet.doGet(request("/email/open", links.openToken(ID, "ana@example.org")), response);
        verify(response).setStatus(200);
        verify(response).setContentType("image/gif");
        verify(response).setHeader("Cache-Control", "no-store");
        verify(response, never()).addCookie(org.mockito.ArgumentMatchers.any());
        assertArrayEquals(TrackingServlet.PIXEL, body.toByteArray());
        assertEquals("GIF89a", new String(TrackingServlet.PIXEL, 0, 6, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(
                List.of(new ModuleTestDatabase.Event(MailTracking.OPENED, "{\"messageId\":\"" + ID + "\"}")),
                committed());
    }

    @Test
    void aClickRedirectsToTheSealedUrlAndIsRecorded() throws Exception {
        HttpServletResponse response = response();
        servlet.doGet(request("/email/click", links.clickToken(ID, "ana@example.org", URL)), response);
        verify(response).setStatus(302);
        verify(response).setHeader("Location", URL);
        assertEquals(1, committed().size());
        assertEquals(MailTracking.CLICKED, committed().get(0).type());
    }

    @Test
    void aForgedClickIsA400AndAForgedPixelTheGifWithoutAnEvent() throws Exception {
        String forged = new TrackingLinks(TestCookieProtection.random())
                .clickToken(ID, "ana@example.org", "https://evil.example");
        HttpServletResponse click = response();
        servlet.doGet(request("/email/click", forged), click);
        verify(click).sendError(400);
        verify(click, never()).setHeader(eq("Location"), anyString());
        HttpServletResponse open = response();
        servlet.doGet(request("/email/open", "garbage-garbage-garbage"), open);
        verify(open).setStatus(200);
        assertArrayEquals(TrackingServlet.PIXEL, body.toByteArray());
        assertEquals(List.of(), committed());
    }

    @Test
    void headRecordsNothingAndAClientTryingForgedTokensIsSlowedDown() throws Exception {
        HttpServletResponse head = response();
        servlet.doHead(request("/email/click", links.clickToken(ID, "ana@example.org", URL)), head);
        verify(head).setHeader("Location", URL);
        assertEquals(List.of(), committed());
        for (int i = 0; i < 3; i++) {
            servlet.doGet(request("/email/click", "garbage-garbage-garbage-" + i), response());
        }
        HttpServletResponse limited = response();
        servlet.doGet(request("/email/click", links.clickToken(ID, "ana@example.org", URL)), limited);
        verify(limited).sendError(429);
        verify(limited, never()).setHeader(eq("Location"), anyString());
        assertEquals(List.of(), committed());
    }

    private static HttpServletRequest request(String servletPath, String token) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getMethod()).thenReturn("GET");
        when(request.getPathInfo()).thenReturn("/" + token);
        when(request.getServletPath()).thenReturn(servletPath);
        when(request.getRemoteAddr()).thenReturn("192.0.2.1");
        when(request.getContentLengthLong()).thenReturn(-1L);
        return request;
    }

    private HttpServletResponse response() throws Exception {
        return ServletResponses.writingTo(body);
    }

    private static TrackingServlet.Config config(int requests, int invalid, int window) {
        return new TrackingServlet.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return TrackingServlet.Config.class;
            }

            @Override
            public int rateLimit_requests() {
                return requests;
            }

            @Override
            public int rateLimit_invalid() {
                return invalid;
            }

            @Override
            public int rateLimit_windowSeconds() {
                return window;
            }
        };
    }

    /** The events committed once the tracking queue has written what it holds. */
    private List<ModuleTestDatabase.Event> committed() {
        tracking.flush();
        return db.committedEvents();
    }
}
