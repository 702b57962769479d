package org.cec.portal.email.internal.bounces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cec.portal.email.internal.CountingRateLimits;
import org.cec.portal.email.internal.ServletResponses;
import org.junit.jupiter.api.Test;

/** The webhook's answers: secret checks (401, 503 without one), content type, body reasons, rate limits. */
class BounceWebhookTest {

    static final String SECRET = "a-long-enough-secret-42";
    static final String BODY = "{\"recipient\": \"ana@example.org\", \"type\": \"hard\"}";

    private final Bounces bounces = mock(Bounces.class);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    BounceWebhookTest() {
        when(bounces.record(any())).thenReturn(new Bounces.Outcome(1, 0, 1, 0));
    }

    @Test
    void theRightSecretInEitherHeaderRecordsTheBounces() throws Exception {
        BounceWebhook hook = hook(SECRET, 10);
        HttpServletResponse response = post(hook, BODY, "Authorization", "bearer " + SECRET);
        verify(response).setStatus(200);
        assertEquals("{\"hard\":1,\"soft\":0,\"counted\":1,\"suppressed\":0}\n", body());
        verify(bounces)
                .record(List.of(
                        new BounceReport("ana@example.org", BounceReport.Type.HARD, java.util.Optional.empty(), "")));
        out.reset();
        verify(post(hook, BODY, BounceWebhook.SECRET_HEADER, SECRET)).setStatus(200);
    }

    @Test
    void aMissingOrWrongSecretIs401WithoutDetailAndAfterTooManyTheClientWaits() throws Exception {
        BounceWebhook hook = hook(SECRET, 3);
        for (String[] headers : List.of(
                new String[0],
                new String[] {"Authorization", "Bearer " + SECRET.substring(0, SECRET.length() - 1)},
                new String[] {BounceWebhook.SECRET_HEADER, SECRET + " x"})) {
            out.reset();
            HttpServletResponse response = post(hook, BODY, headers);
            verify(response).setStatus(401);
            assertEquals("{}\n", body());
        }
        out.reset();
        HttpServletResponse limited = post(hook, BODY, "Authorization", "Bearer " + SECRET);
        verify(limited).setStatus(429);
        verify(limited).setHeader("Retry-After", "600");
        verify(bounces, never()).record(any());
    }

    @Test
    void withoutASecretEveryRequestIs503WithTheReason() throws Exception {
        HttpServletResponse response = post(hook("", 10), BODY, "Authorization", "Bearer ");
        verify(response).setStatus(503);
        assertTrue(body().contains("set secret in configuration org.cec.portal.email.bounces"), body());
        verify(bounces, never()).record(any());
    }

    @Test
    void aShortSecretIsRefusedAtActivation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> hook("short", 10));
        assertTrue(e.getMessage().contains("at least 16"), e.getMessage());
    }

    @Test
    void aBodyThatIsNotJsonIs415OrItsReasonIs400() throws Exception {
        BounceWebhook hook = hook(SECRET, 10);
        HttpServletRequest form = request("recipient=x", BounceWebhook.SECRET_HEADER, SECRET);
        when(form.getContentType()).thenReturn("application/x-www-form-urlencoded");
        HttpServletResponse response = response();
        hook.doPost(form, response);
        verify(response).setStatus(415);

        out.reset();
        HttpServletResponse bad =
                post(hook, "{\"recipient\": \"ana@example.org\"}", BounceWebhook.SECRET_HEADER, SECRET);
        verify(bad).setStatus(400);
        assertEquals("{\"error\":\"type is missing\"}\n", body());
        verify(bounces, never()).record(any());
    }

    @Test
    void aFailingDatabaseIs503SoTheProviderSendsAgain() throws Exception {
        when(bounces.record(any())).thenThrow(new IllegalStateException("ana@example.org: connection lost"));
        HttpServletResponse response = post(hook(SECRET, 10), BODY, BounceWebhook.SECRET_HEADER, SECRET);
        verify(response).setStatus(503);
        verify(response).setHeader("Retry-After", "60");
        assertTrue(!body().contains("ana@"), body());
    }

    private String body() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private HttpServletResponse post(BounceWebhook hook, String body, String... headers) throws Exception {
        HttpServletResponse response = response();
        hook.doPost(request(body, headers), response);
        return response;
    }

    private static HttpServletRequest request(String body, String... headers) throws Exception {
        HttpServletRequest request = mock(HttpServletRequest.class);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        when(request.getMethod()).thenReturn("POST");
        when(request.getRemoteAddr()).thenReturn("192.0.2.7");
        when(request.getContentType()).thenReturn("application/json; charset=utf-8");
        when(request.getContentLengthLong()).thenReturn((long) bytes.length);
        for (int i = 0; i < headers.length; i += 2) {
            when(request.getHeader(headers[i])).thenReturn(headers[i + 1]);
        }
        when(request.getInputStream()).thenReturn(new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
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
            public void setReadListener(ReadListener listener) {}
        });
        return request;
    }

    private HttpServletResponse response() throws Exception {
        return ServletResponses.writingTo(out);
    }

    private BounceWebhook hook(String secret, int unauthorised) {
        return new BounceWebhook(config(secret, unauthorised), bounces, new CountingRateLimits());
    }

    private static BounceConfig config(String secret, int unauthorised) {
        return new BounceConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return BounceConfig.class;
            }

            @Override
            public String secret() {
                return secret;
            }

            @Override
            public int hard_bounces_to_suppress() {
                return 3;
            }

            @Override
            public int rateLimit_requests() {
                return 100;
            }

            @Override
            public int rateLimit_unauthorised() {
                return unauthorised;
            }

            @Override
            public int rateLimit_windowSeconds() {
                return 600;
            }
        };
    }
}
