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

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.cec.portal.email.internal.campaigns.Campaigns;
import org.cec.portal.email.internal.outbox.OutboxAdmin;
import org.cec.portal.email.internal.outbox.OutboxSignal;
import org.cec.portal.testing.ConsoleTestRenderer;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The console page's views from its real template on a real outbox (H2): escaping, the sandboxed HTML part, 400s. */
class EmailConsolePluginTest {

    private static final String SCRIPT = "<script>alert(1)</script>";

    private final ModuleTestDatabase db;
    private final ConsoleTestRenderer renderer = new ConsoleTestRenderer(EmailConsolePlugin.class);

    /** The status the plugin last set. */
    private int status;

    /** The headers the plugin last set (a redirect's Location). */
    private final Map<String, String> headers = new HashMap<>();

    private final Campaigns campaigns = mock(Campaigns.class);
    private final EmailConsolePlugin plugin;

    /** What the plugin recorded in the audit log. */
    private final java.util.List<org.cec.portal.api.audit.AuditEntry> audited = new java.util.ArrayList<>();

    EmailConsolePluginTest() throws Exception {
        db = ModuleTestDatabase.create("h2", "email");
        plugin = new EmailConsolePlugin(new OutboxAdmin(db, new OutboxSignal()), campaigns, renderer, audited::add);
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
        assertEquals(200, status);
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
        assertEquals(400, status);
        assertTrue(renderer.html().contains("page must be a number"), renderer.html());
        get(Map.of("page", "1"));
        assertEquals(400, status);
        get(Map.of("status", "lost"));
        assertEquals(400, status);
        get(Map.of("to", "a\nb"));
        assertEquals(400, status);
        get(Map.of("view", "nothing"));
        assertEquals(400, status);
        post(Map.of("action", "cancel", "id", "1"));
        assertEquals(400, status);
        assertTrue(renderer.html().contains("only a queued message can be cancelled"), renderer.html());
        post(Map.of("action", "retry", "id", "12345678901234567890"));
        assertEquals(400, status);
        post(Map.of("action", "suppress", "address", "two@at@"));
        assertEquals(400, status);
        post(Map.of("action", "suppress", "address", "a@b.org\r\nBcc: x@y.org"));
        assertEquals(400, status);
        post(Map.of("action", "unsuppress", "address", "a@b.org"));
        assertEquals(400, status);
        assertTrue(renderer.html().contains("not on the suppression list"), renderer.html());
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
        assertEquals(400, status);
        assertTrue(html.contains("The subject must be one line"), html);
        assertTrue(html.contains("The ZIP prefix must be up to 5 digits"), html);
        assertTrue(html.contains(">Text &lt;script&gt;alert(1)&lt;/script&gt;</textarea>"), html);
        assertTrue(html.contains("name=\"zipPrefix\" value=\"9&quot;x\""), html);
        assertFalse(html.contains(SCRIPT), html);
        verify(campaigns, never()).create(any());
        post(Map.of("action", "campaign-send", "id", "x"));
        assertEquals(400, status);
        assertTrue(renderer.html().contains("id must be the number of a campaign"), renderer.html());
        get(Map.of("view", "campaign", "id", "5"));
        assertEquals(400, status);
        assertTrue(renderer.html().contains("No campaign 5."), renderer.html());
    }

    @Test
    void everyViewSpeaksSpanishWithoutARawKey() throws Exception {
        when(campaigns.list(anyInt())).thenReturn(List.of(progress("draft")));
        String outbox = get(Map.of("lang", "es"));
        assertTrue(outbox.startsWith("<div id=\"email-page\" lang=\"es\">"), outbox);
        assertTrue(outbox.contains(">Bandeja de salida</a>"), outbox);
        assertTrue(outbox.contains("1 mensaje(s), los más recientes primero."), outbox);
        assertTrue(outbox.contains("<option value=\"queued\">en cola</option>"), outbox);
        assertTrue(outbox.contains("<td class=\"email-status\">enviado</td>"), outbox);
        assertTrue(outbox.contains("<th>Próximo intento</th>"), outbox);
        assertTrue(get(Map.of("view", "suppression", "lang", "es")).contains("<h2>Lista de supresión</h2>"));
        String sent = get(Map.of("view", "sent", "lang", "es"));
        assertTrue(sent.contains("Para ana@example.org · intake.confirmation (de relación) · enviado "), sent);
        assertTrue(sent.contains("title=\"Parte HTML del mensaje 1\""), sent);
        String list = get(Map.of("view", "campaigns", "lang", "es"));
        assertTrue(list.contains("<h3>Nueva campaña</h3>"), list);
        assertTrue(list.contains("<td class=\"email-campaign-status\">borrador</td>"), list);
        assertTrue(list.contains("Guardar como borrador"), list);
        String refused = get(Map.of("page", "x", "lang", "es"));
        assertEquals(400, status);
        assertTrue(refused.contains("<h2>No se hizo</h2>"), refused);
        assertTrue(refused.contains("page debe ser un número desde 0."), refused);
        for (String html : List.of(outbox, sent, list, refused)) {
            assertFalse(html.contains("console."), html);
        }
        String english = get(Map.of("view", "campaigns"));
        assertTrue(english.startsWith("<div id=\"email-page\" lang=\"en\">"), english);
        assertTrue(english.contains("<td class=\"email-campaign-status\">draft</td>"), english);
        assertFalse(english.contains("console."), english);
    }

    @Test
    void aCampaignShowsItsProgressAndWhyItCannotBeSentInSpanish() throws Exception {
        when(campaigns.progress(9)).thenReturn(Optional.of(progress("sending")));
        when(campaigns.preview(any()))
                .thenReturn(List.of(new Campaigns.Preview("es", "Noticias", "Hola", "<p>Hola</p>")));
        when(campaigns.blocked()).thenReturn(Optional.of(Campaigns.BLOCKED_NO_POSTAL_ADDRESS));
        String html = get(Map.of("view", "campaign", "id", "9", "lang", "es"));
        assertEquals(200, status);
        assertTrue(html.contains("<h2>Campaña 9: News &lt;b&gt;</h2>"), html);
        assertTrue(html.contains("<span id=\"email-campaign-status\">enviándose</span>"), html);
        assertTrue(html.contains("audiencia 1234 solicitud(es), 1000 revisada(s)"), "no thousands separator: " + html);
        assertTrue(html.contains("esta página se recarga cada 2 segundos"), html);
        assertTrue(html.contains("Prefijo de código postal: cualquiera"), html);
        assertTrue(
                html.contains("No se pueden enviar campañas mientras no esté definida la dirección postal"
                        + " del operador (postal.address en la configuración org.cec.portal.email)."),
                html);
        assertTrue(html.contains("<h3>Vista previa (es): Noticias</h3>"), html);
        assertFalse(html.contains("console."), html);
        String english = get(Map.of("view", "campaign", "id", "9"));
        assertTrue(english.contains("audience 1234 request(s), 1000 looked at"), english);
        assertTrue(
                english.contains("the operator&#39;s postal address is not set (postal.address in configuration"),
                english);
        post(Map.of("action", "campaign-send", "id", "9", "lang", "es"));
        assertEquals(400, status);
        assertTrue(renderer.html().contains("id=\"email-refused\">No se pueden enviar campañas"), renderer.html());
    }

    @Test
    void aRedirectCarriesAKnownMessageByKeyAndAnythingElseIsNotShown() throws Exception {
        HttpServletRequest request = request(Map.of("action", "suppress", "address", "x@example.org"));
        plugin.doPost(request, response());
        assertEquals(303, status);
        assertEquals(
                "/system/console/email?view=suppression&message=console.email.flash.suppressed",
                headers.get("Location"));
        post(Map.of("action", "retry", "id", "1"));
        assertEquals(400, status, "a sent message is not retried");

        String es = get(Map.of("view", "suppression", "message", "console.email.flash.suppressed", "lang", "es"));
        assertTrue(es.contains("id=\"email-message\">Se agregó a la lista de supresión.</p>"), es);
        String due = get(Map.of("message", "console.email.flash.due", "arg", "12"));
        assertTrue(due.contains("id=\"email-message\">Message 12 is due now.</p>"), due);
        assertFalse(get(Map.of("message", "console.email.flash.due")).contains("email-message"), "no number");
        assertFalse(
                get(Map.of("message", "console.email.flash.due", "arg", "<b>")).contains("email-message"));
        assertFalse(get(Map.of("message", "Anything " + SCRIPT)).contains("email-message"), "not a key of the page");
        assertFalse(get(Map.of("message", "console.email.refused.heading")).contains("email-message"));
    }

    private static Campaigns.Progress progress(String state) {
        return new Campaigns.Progress(
                new org.cec.portal.email.internal.campaigns.Campaign(
                        9, "News <b>", "Text", "", "", state, 0, 0, 0, 1000, null, null),
                1234,
                1000,
                10,
                state.equals("sending") ? 4 : 0,
                6,
                0,
                0);
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
        return renderer.html();
    }

    /** A POST the plugin answers with a page the console then draws (as the console's adapter does). */
    private String post(Map<String, String> params) throws Exception {
        HttpServletRequest request = request(params);
        HttpServletResponse response = response();
        plugin.doPost(request, response);
        plugin.renderContent(request, response);
        return renderer.html();
    }

    private HttpServletResponse response() {
        HttpServletResponse response = mock(HttpServletResponse.class);
        status = 200;
        headers.clear();
        doAnswer(i -> status = i.getArgument(0)).when(response).setStatus(org.mockito.ArgumentMatchers.anyInt());
        doAnswer(i -> headers.put(i.getArgument(0), i.getArgument(1)))
                .when(response)
                .setHeader(anyString(), anyString());
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
}
