package org.cec.portal.admin.internal.audit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cec.portal.api.staff.StaffMember;
import org.cec.portal.testing.ConsoleTestRenderer;
import org.cec.portal.testing.ModuleMessages;
import org.cec.portal.testing.MovableClock;
import org.junit.jupiter.api.Test;

class AuditConsolePluginTest {

    private final AuditChainCheckTest.Table table = new AuditChainCheckTest.Table();
    private final AuditLogImpl audit = mock(AuditLogImpl.class);
    private final ConsoleTestRenderer renderer = new ConsoleTestRenderer(AuditConsolePlugin.class);
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final AuditConsolePlugin plugin = new AuditConsolePlugin(
            audit, new AuditChainCheck(table::verify, clock), renderer, new ModuleMessages(AuditConsolePlugin.class));

    private static HttpServletRequest request(String lang, Map<String, String> params) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getParameter("lang")).thenReturn(lang);
        params.forEach((k, v) -> when(request.getParameter(k)).thenReturn(v));
        when(request.getAttribute(StaffMember.REQUEST_ATTRIBUTE))
                .thenReturn(new StaffMember("boss", Set.of("admin"), "127.0.0.1"));
        return request;
    }

    private static HttpServletResponse response() throws Exception {
        HttpServletResponse response = mock(HttpServletResponse.class);
        when(response.getWriter()).thenReturn(new PrintWriter(new StringWriter()));
        return response;
    }

    private String page(String lang, Map<String, String> params) throws Exception {
        plugin.renderContent(request(lang, params), response());
        String html = renderer.html();
        assertTrue(html.startsWith("<div id=\"audit-page\" lang=\"" + (lang == null ? "en" : lang) + "\">"), html);
        assertFalse(html.contains("console."), "no raw message key:\n" + html);
        return html;
    }

    private void entries(int n) {
        for (int i = 0; i < n; i++) {
            table.append("x");
        }
        when(audit.distinct("module")).thenReturn(List.of("intake"));
        when(audit.distinct("action")).thenReturn(List.of("view"));
        when(audit.count(any())).thenReturn(60L);
        when(audit.list(any(), anyInt(), anyInt())).thenReturn(table.rows);
    }

    @Test
    void thePageInEnglishAndSpanish() throws Exception {
        entries(3);
        String en = page(null, Map.of());
        assertTrue(
                en.contains("data-intact=\"true\">Chain intact: all 3 entries match their hashes (checked in full"
                        + " now).</p>"),
                en);
        assertTrue(en.contains("<button type=\"submit\" id=\"audit-verify\">Check the whole chain now</button>"), en);
        assertTrue(en.contains("<label>Staff member <input type=\"text\" name=\"actor\""), en);
        assertTrue(en.contains("<option value=\"\">any</option>"), en);
        assertTrue(
                en.contains("60 entries. <a href=\"audit/export.csv\" id=\"audit-export\">Export these as CSV</a>"
                        + " (the export is recorded in the log too).</p>"),
                en);
        assertTrue(
                en.contains("<th>#</th><th>When</th><th>Staff member</th><th>Address</th><th>Module</th>"
                        + "<th>Action</th><th>Record</th><th>Detail</th>"),
                en);
        assertTrue(en.contains("Page 1 of 2. <a href=\"audit?page=1\">Older</a>"), en);
        assertTrue(en.contains("<td>request R-2</td>"), en);

        String es = page("es", Map.of());
        assertTrue(
                es.contains("Cadena intacta: las 3 entradas coinciden con sus hashes (verificada por completo el"
                        + " 2026-12-01 12:00:00 UTC; las 0 entradas posteriores se verificaron ahora)."),
                es);
        assertTrue(es.contains(">Verificar ahora toda la cadena</button>"), es);
        assertTrue(es.contains("<label>Miembro del personal <input"), es);
        assertTrue(es.contains("<option value=\"\">cualquiera</option>"), es);
        assertTrue(
                es.contains("60 entradas. <a href=\"audit/export.csv\" id=\"audit-export\">Exportar estas entradas"
                        + " como CSV</a>"),
                es);
        assertTrue(es.contains("<th>Cuándo</th>"), es);
        assertTrue(es.contains("Página 1 de 2. <a href=\"audit?page=1\">Más antiguas</a>"), es);
        String second = page("es", Map.of("page", "1"));
        assertTrue(second.contains("Página 2 de 2. <a href=\"audit?page=0\">Más recientes</a>"), second);

        String en2 = page(null, Map.of());
        assertTrue(
                en2.contains("(checked in full at 2026-12-01 12:00:00 UTC; the 0 entries since then checked now)."),
                en2);
    }

    @Test
    void aBrokenChainAndABadFilterInEnglishAndSpanish() throws Exception {
        entries(3);
        table.rewrite(2, "rewritten");
        String en = page(null, Map.of());
        assertTrue(
                en.contains("data-intact=\"false\">Chain broken at entry 2: its fields do not match its hash. The"
                        + " audit table was changed outside the portal; 1 entries before it are intact.</p>"),
                en);
        String es = page("es", Map.of());
        assertTrue(
                es.contains("Cadena rota en la entrada 2: sus campos no coinciden con su hash. La tabla de auditoría"
                        + " se modificó fuera del portal; las 1 entradas anteriores están intactas."),
                es);

        String bad = page(null, Map.of("from", "yesterday"));
        assertTrue(bad.contains("Check the filter: dates are YYYY-MM-DD, a staff member&#39;s name letters"), bad);
        assertFalse(bad.contains("id=\"audit-entries\""), bad);
        String malo = page("es", Map.of("from", "ayer"));
        assertTrue(malo.contains("Revise el filtro: las fechas son AAAA-MM-DD"), malo);
    }

    @Test
    void theBrokenChainsReasonsHaveTexts() throws Exception {
        entries(3);
        table.rows.remove(1);
        String en = page(null, Map.of());
        assertTrue(en.contains("Chain broken at entry 2: entry 2 is missing."), en);
        String es = page("es", Map.of());
        assertTrue(es.contains("Cadena rota en la entrada 2: falta la entrada 2."), es);
    }

    @Test
    void refusalsJavaWritesAreInThePagesLanguage() throws Exception {
        HttpServletResponse en = response();
        plugin.doPost(request(null, Map.of("action", "delete")), en);
        verify(en).sendError(400, "Unknown action: the page only checks the chain (verify).");
        HttpServletResponse es = response();
        plugin.doPost(request("es", Map.of("action", "delete")), es);
        verify(es).sendError(400, "Acción desconocida: la página solo verifica la cadena (verify).");

        HttpServletRequest export = request("es", Map.of("from", "ayer"));
        when(export.getPathInfo()).thenReturn("/audit/export.csv");
        HttpServletResponse filter = response();
        plugin.doGet(export, filter);
        verify(filter)
                .sendError(400, "Revise el filtro: las fechas son AAAA-MM-DD, una acción o un módulo a-z 0-9 . _ -");

        HttpServletRequest anonymous = mock(HttpServletRequest.class);
        when(anonymous.getPathInfo()).thenReturn("/audit/export.csv");
        HttpServletResponse forbidden = response();
        plugin.doGet(anonymous, forbidden);
        verify(forbidden).sendError(403, "Sign in with your staff account.");
    }
}
