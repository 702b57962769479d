package org.cec.portal.email.internal.unsubscribe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.cec.portal.api.consent.ConsentService;
import org.cec.portal.api.consent.OptOut;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.data.TransactionWork;
import org.cec.portal.api.events.PortalEvents;
import org.cec.portal.api.i18n.Messages;
import org.cec.portal.api.web.View;
import org.cec.portal.api.web.ViewRenderer;
import org.cec.portal.email.internal.CountingRateLimits;
import org.cec.portal.email.internal.ServletResponses;
import org.cec.portal.testing.TestCookieProtection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class UnsubscribePageTest {

    private final UnsubscribeTokens tokens = new UnsubscribeTokens(TestCookieProtection.random());
    private final ConsentService consent = mock(ConsentService.class);
    private final PortalEvents events = mock(PortalEvents.class);
    private final ViewRenderer views = mock(ViewRenderer.class);
    private final AtomicReference<View> rendered = new AtomicReference<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private UnsubscribePage page;

    @BeforeEach
    void setUp() throws Exception {
        ModuleDatabase db = mock(ModuleDatabase.class);
        when(db.inTransaction(any())).thenAnswer(inv -> ((TransactionWork<?>) inv.getArgument(0)).run(null));
        Messages messages = mock(Messages.class);
        when(messages.get(any(), anyString(), any(Object[].class))).thenAnswer(inv -> inv.getArgument(1));
        org.mockito.Mockito.doAnswer(inv -> {
                    rendered.set(inv.getArgument(2));
                    return null;
                })
                .when(views)
                .render(any(), any(), any());
        page = new UnsubscribePage(
                config(600, 6, 600),
                new Unsubscribing(tokens, consent, db, events),
                views,
                messages,
                new CountingRateLimits());
    }

    @Test
    void aVisitOptsOutAtOnceAndShowsTheConfirmation() throws Exception {
        HttpServletResponse response = response();
        page.doGet(request("GET", tokens.tokenFor("ana@example.org"), null), response);

        verify(consent).optOut("ana@example.org", OptOut.MARKETING_EMAIL);
        verify(events).append(Unsubscribing.EVENT, "{\"via\":\"link\"}");
        assertEquals("email/unsubscribe/done.ftlh", rendered.get().template());
        assertEquals(200, rendered.get().status());
        verify(response).setHeader("Cache-Control", "no-store");
    }

    @Test
    void aOneClickPostOptsOutBeforeItAnswers() throws Exception {
        HttpServletResponse response = response();
        page.doPost(request("POST", tokens.tokenFor("ana@example.org"), "One-Click"), response);

        InOrder order = inOrder(consent, events, response);
        order.verify(consent).optOut("ana@example.org", OptOut.MARKETING_EMAIL);
        order.verify(events).append(Unsubscribing.EVENT, "{\"via\":\"one-click\"}");
        order.verify(response).setStatus(200);
        assertEquals("email.unsubscribe.post.done\n", body.toString(StandardCharsets.UTF_8));
        verify(response, never()).sendRedirect(anyString());
    }

    @Test
    void aOneClickPostAsMultipartFormDataCountsToo() throws Exception {
        String multipart =
                "--b\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--b--\r\n";
        HttpServletRequest request = request("POST", tokens.tokenFor("ana@example.org"), null);
        when(request.getContentType()).thenReturn("multipart/form-data; boundary=b");
        java.io.ByteArrayInputStream in =
                new java.io.ByteArrayInputStream(multipart.getBytes(StandardCharsets.US_ASCII));
        when(request.getInputStream()).thenReturn(new jakarta.servlet.ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(jakarta.servlet.ReadListener listener) {}
        });
        HttpServletResponse response = response();
        page.doPost(request, response);
        verify(response).setStatus(200);
        verify(consent).optOut("ana@example.org", OptOut.MARKETING_EMAIL);
    }

    @Test
    void aPostWithoutTheOneClickBodyChangesNothing() throws Exception {
        HttpServletResponse response = response();
        page.doPost(request("POST", tokens.tokenFor("ana@example.org"), null), response);
        verify(response).setStatus(400);
        verify(consent, never()).optOut(anyString(), any());
    }

    @Test
    void anAlteredOrForgedTokenIsA400PageAndChangesNothing() throws Exception {
        String token = tokens.tokenFor("ana@example.org");
        int middle = token.length() / 2;
        String altered =
                token.substring(0, middle) + (token.charAt(middle) == 'A' ? 'B' : 'A') + token.substring(middle + 1);
        String forged = new UnsubscribeTokens(TestCookieProtection.random()).tokenFor("bob@example.org");
        for (String bad : new String[] {altered, forged, "", "garbage", "%00%0A"}) {
            rendered.set(null);
            page.doGet(request("GET", bad, null), response());
            assertEquals("email/unsubscribe/invalid.ftlh", rendered.get().template(), bad);
            assertEquals(400, rendered.get().status());
        }
        HttpServletResponse post = response();
        page.doPost(request("POST", forged, "One-Click"), post);
        verify(post).setStatus(400);
        verify(consent, never()).optOut(anyString(), any());
        verify(events, never()).append(anyString(), anyString());
    }

    @Test
    void headChecksTheLinkWithoutUnsubscribing() throws Exception {
        HttpServletResponse ok = response();
        page.doHead(request("HEAD", tokens.tokenFor("ana@example.org"), null), ok);
        verify(ok).setStatus(200);
        HttpServletResponse bad = response();
        page.doHead(request("HEAD", "garbage-garbage-garbage", null), bad);
        verify(bad).setStatus(400);
        verify(consent, never()).optOut(anyString(), any());
    }

    @Test
    void aClientTryingInvalidLinksIsSlowedDownEvenForValidOnes() throws Exception {
        for (int i = 0; i < 6; i++) {
            page.doGet(request("GET", "garbage-garbage-garbage-" + i, null), response());
        }
        HttpServletResponse response = response();
        page.doGet(request("GET", tokens.tokenFor("ana@example.org"), null), response);
        verify(response).sendError(429);
        verify(consent, never()).optOut(anyString(), any());
    }

    @Test
    void aConsentStoreThatFailsIsA503NotA500() throws Exception {
        doThrow(new IllegalStateException("db down")).when(consent).optOut(anyString(), eq(OptOut.MARKETING_EMAIL));
        HttpServletResponse response = response();
        page.doPost(request("POST", tokens.tokenFor("ana@example.org"), "One-Click"), response);
        verify(response).sendError(503);
    }

    private static HttpServletRequest request(String method, String token, String oneClick) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getMethod()).thenReturn(method);
        when(request.getPathInfo()).thenReturn("/" + token);
        when(request.getServletPath()).thenReturn("/email/unsubscribe");
        when(request.getRemoteAddr()).thenReturn("192.0.2.1");
        when(request.getParameter("List-Unsubscribe")).thenReturn(oneClick);
        when(request.getContentLengthLong()).thenReturn(-1L);
        return request;
    }

    private HttpServletResponse response() throws Exception {
        return ServletResponses.writingTo(body);
    }

    private static UnsubscribePage.Config config(int requests, int invalid, int window) {
        return new UnsubscribePage.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return UnsubscribePage.Config.class;
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
}
