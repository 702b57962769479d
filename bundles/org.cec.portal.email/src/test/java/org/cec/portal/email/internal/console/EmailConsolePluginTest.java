package org.cec.portal.email.internal.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.cec.portal.api.web.ConsoleViewRenderer;
import org.cec.portal.api.web.PageFragment;
import org.cec.portal.email.internal.campaigns.Campaigns;
import org.cec.portal.email.internal.outbox.OutboxAdmin;
import org.cec.portal.email.internal.outbox.OutboxSignal;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The console page's views from its real template on a real outbox (H2): escaping, the sandboxed HTML part, 400s. */
class EmailConsolePluginTest {

    private static final String SCRIPT = "<script>alert(1)</script>";

    private final ModuleTestDatabase db;
    private final Renderer renderer = new Renderer();
    private final Campaigns campaigns = mock(Campaigns.class);
    private final EmailConsolePlugin plugin;

    /** What the plugin recorded in the audit log. */
    private final java.util.List<org.cec.portal.api.audit.AuditEntry> audited = new java.util.ArrayList<>();

    EmailConsolePluginTest() throws Exception {
        db = ModuleTestDatabase.create("h2", "email");
        plugin = new EmailConsolePlugin(
                new OutboxAdmin(db, new OutboxSignal()),
                mock(org.cec.portal.email.internal.campaigns.Campaigns.class),
                renderer,
                audited::add);
        db.inTransaction(em -> em.createNativeQuery("INSERT INTO email_outbox (message_id, kind, type, language,"
                        + " recipient, recipient_name, about, subject, body_text, body_html, headers, status,"
                        + " attempts, next_attempt_at, created_at, sent_at, last_error) VALUES ('<m1@portal.test>',"
                        + " 'relationship', 'intake.confirmation', 'en', 'ana@example.org', 'Ana', 'ana@example.org',"
                        + " 'Hi " + SCRIPT + "', 'Text " + SCRIPT + "', '<p onclick=\"x()\">Hi</p>" + SCRIPT + "', '',"
                        + " 'sent', 1, 0, 1000, 2000, NULL)")
                .executeUpdate());
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void theLastSentAreShownEscapedWithTheHtmlPartInASandboxedFrame() throws Exception {
        String html = get(Map.of("view", "sent"));
        assertEquals(200, renderer.status);
        assertFalse(html.contains(SCRIPT), html);
        assertTrue(html.contains("<h3>Hi &lt;script&gt;alert(1)&lt;/script&gt;</h3>"), html);
        assertTrue(html.contains("<pre class=\"email-text\">Text &lt;script&gt;"), html);
        assertTrue(html.contains("<iframe sandbox=\"\""), html);
        assertTrue(html.contains("srcdoc=\"&lt;p onclick=&quot;x()&quot;&gt;Hi&lt;/p&gt;&lt;script&gt;"), html);
        String outbox = get(Map.of());
        assertTrue(outbox.contains("<td>ana@example.org</td>") && outbox.contains("&lt;m1@portal.test&gt;"), outbox);
        assertFalse(outbox.contains("Retry now"), "a sent message cannot be retried");
        assertEquals(2, audited.size(), "each view of addresses is audited once");
        assertEquals("ana", audited.get(0).actor());
        assertEquals("email", audited.get(0).module());
        assertEquals("view", audited.get(0).action());
        assertEquals("view=sent", audited.get(0).record());
    }

    @Test
    void badInputAnswers400WithTheReason() throws Exception {
        get(Map.of("page", "-1"));
        assertEquals(400, renderer.status);
        assertTrue(renderer.html.contains("page must be a number"), renderer.html);
        get(Map.of("page", "1"));
        assertEquals(400, renderer.status);
        get(Map.of("status", "lost"));
        assertEquals(400, renderer.status);
        get(Map.of("to", "a\nb"));
        assertEquals(400, renderer.status);
        get(Map.of("view", "nothing"));
        assertEquals(400, renderer.status);
        post(Map.of("action", "cancel", "id", "1"));
        assertEquals(400, renderer.status);
        assertTrue(renderer.html.contains("only a queued message can be cancelled"), renderer.html);
        post(Map.of("action", "retry", "id", "12345678901234567890"));
        assertEquals(400, renderer.status);
        post(Map.of("action", "suppress", "address", "two@at@"));
        assertEquals(400, renderer.status);
        post(Map.of("action", "suppress", "address", "a@b.org\r\nBcc: x@y.org"));
        assertEquals(400, renderer.status);
        post(Map.of("action", "unsuppress", "address", "a@b.org"));
        assertEquals(400, renderer.status);
        assertTrue(renderer.html.contains("not on the suppression list"), renderer.html);
    }

    @Test
    void aBadCampaignDraftAnswers400WithTheFormAsTypedEscapedAndSavesNothing() throws Exception {
        when(campaigns.list(anyInt())).thenReturn(List.of());
        when(campaigns.blocked()).thenReturn(Optional.empty());
        String html = post(Map.of(
                "action", "campaign-create",
                "subject", "Hi\r\nBcc: x@y.org",
                "body", "Text " + SCRIPT,
                "zipPrefix", "9\"x",
                "service", ""));
        assertEquals(400, renderer.status);
        assertTrue(html.contains("The subject must be one line"), html);
        assertTrue(html.contains("The ZIP prefix must be up to 5 digits"), html);
        assertTrue(html.contains(">Text &lt;script&gt;alert(1)&lt;/script&gt;</textarea>"), html);
        assertTrue(html.contains("name=\"zipPrefix\" value=\"9&quot;x\""), html);
        assertFalse(html.contains(SCRIPT), html);
        verify(campaigns, never()).create(any());
        post(Map.of("action", "campaign-send", "id", "x"));
        assertEquals(400, renderer.status);
        assertTrue(renderer.html.contains("id must be the number of a campaign"), renderer.html);
        get(Map.of("view", "campaign", "id", "5"));
        assertEquals(400, renderer.status);
        assertTrue(renderer.html.contains("No campaign 5."), renderer.html);
    }

    @Test
    void addressesAreNormalisedOrRefused() {
        assertEquals(Optional.of("ana@example.org"), EmailConsolePlugin.normalise("  Ana@Example.ORG "));
        assertEquals(Optional.empty(), EmailConsolePlugin.normalise("ana"));
        assertEquals(Optional.empty(), EmailConsolePlugin.normalise("ana @example.org"));
        assertEquals(Optional.empty(), EmailConsolePlugin.normalise(""));
        assertEquals("x".repeat(119) + "…", EmailConsolePlugin.shortError("x".repeat(500)));
    }

    // ---- fakes ------------------------------------------------------------------------------------

    private String get(Map<String, String> params) throws Exception {
        HttpServletRequest request = request(params);
        HttpServletResponse response = response();
        plugin.renderContent(request, response);
        return renderer.html;
    }

    /** A POST the plugin answers with a page the console then draws (as the console's adapter does). */
    private String post(Map<String, String> params) throws Exception {
        HttpServletRequest request = request(params);
        HttpServletResponse response = response();
        plugin.doPost(request, response);
        plugin.renderContent(request, response);
        return renderer.html;
    }

    private HttpServletResponse response() {
        HttpServletResponse response = mock(HttpServletResponse.class);
        renderer.status = 200;
        doAnswer(i -> renderer.status = i.getArgument(0))
                .when(response)
                .setStatus(org.mockito.ArgumentMatchers.anyInt());
        return response;
    }

    private static HttpServletRequest request(Map<String, String> params) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(ServletConstants.ATTR_PLUGIN_ROOT, "/system/console/email");
        attributes.put(
                org.cec.portal.api.staff.StaffMember.REQUEST_ATTRIBUTE,
                new org.cec.portal.api.staff.StaffMember("ana", java.util.Set.of("staff"), "192.0.2.1"));
        when(request.getParameter(anyString())).thenAnswer(i -> params.get(i.<String>getArgument(0)));
        when(request.getAttribute(anyString())).thenAnswer(i -> attributes.get(i.<String>getArgument(0)));
        doAnswer(i -> attributes.put(i.getArgument(0), i.getArgument(1)))
                .when(request)
                .setAttribute(anyString(), org.mockito.ArgumentMatchers.any());
        return request;
    }

    static final class Renderer implements ConsoleViewRenderer {
        final Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        String html = "";
        int status;

        Renderer() {
            cfg.setTemplateLoader(new ClassTemplateLoader(EmailConsolePlugin.class.getClassLoader(), "/templates"));
            cfg.setDefaultEncoding("UTF-8");
            cfg.setRecognizeStandardFileExtensions(true);
            cfg.setOutputFormat(HTMLOutputFormat.INSTANCE);
            cfg.setLocale(Locale.ENGLISH);
            cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
            cfg.setFallbackOnNullLoopVariable(false);
        }

        @Override
        public void render(HttpServletRequest request, HttpServletResponse response, PageFragment fragment)
                throws IOException {
            StringWriter out = new StringWriter();
            try {
                cfg.getTemplate(fragment.template()).process(fragment.model(), out);
            } catch (TemplateException e) {
                throw new IOException(e);
            }
            html = out.toString();
        }
    }
}
