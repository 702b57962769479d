package org.cec.portal.intake.internal;

import static org.cec.portal.intake.internal.RequestSubmissionsTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.cec.portal.api.staff.StaffMember;
import org.cec.portal.testing.ConsoleTestRenderer;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The console page "Service requests" in English and Spanish, from the module's own template and texts. */
class RequestsConsolePluginTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC);

    private final ConsoleTestRenderer renderer = new ConsoleTestRenderer(RequestsConsolePlugin.class);

    @Test
    void listDetailAndStatusChangeSpeakTheStaffMembersLanguage() throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create("h2", "intake")) {
            RequestSubmissions submissions = new RequestSubmissions(db, db, new References(new SecureRandom()), CLOCK);
            TestAudit audit = new TestAudit();
            Catalog catalog = TestMessages.newCatalog();
            BuiltInServiceTypes.ALL.forEach(catalog::addService);
            RequestsConsolePlugin plugin = new RequestsConsolePlugin(
                    new RequestQueries(db, audit.requestAudit(), CLOCK),
                    audit.requestAudit(),
                    catalog,
                    renderer,
                    TestMessages.intake());
            String reference = submissions.submit(request("a@example.com", "94110", "heat-pump"), "form");

            String english = get(plugin, Map.of());
            assertTrue(english.startsWith("<div id=\"requests-page\" lang=\"en\">"), english);
            assertTrue(english.contains("<p class=\"statline\">1 request(s). <a href="), english);
            assertTrue(english.contains(">Export these as CSV</a>"), english);
            assertTrue(english.contains("<th>Received</th><th>Reference</th><th>Status</th>"), english);
            assertTrue(english.contains("<option value=\"\">any</option>"), english);
            assertTrue(english.contains(">Heat pump</option>"), english);
            assertFalse(english.contains("console."), english);

            String spanish = get(plugin, Map.of("lang", "es"));
            assertTrue(spanish.startsWith("<div id=\"requests-page\" lang=\"es\">"), spanish);
            assertTrue(spanish.contains("1 solicitud(es)."), spanish);
            assertTrue(spanish.contains(">Exportarlas como CSV</a>"), spanish);
            assertTrue(spanish.contains("<label>Desde <input type=\"date\" name=\"from\""), spanish);
            assertTrue(spanish.contains(">Bomba de calor</option>"), "the services in Spanish too:\n" + spanish);
            assertTrue(spanish.contains("<option>contacted</option>"), "statuses stay the codes posted");
            assertFalse(spanish.contains("console.") || spanish.contains("Export these"), spanish);

            String invalid = get(plugin, Map.of("lang", "es", "zip", "abc"));
            assertTrue(invalid.contains("Revise el filtro: las fechas se escriben AAAA-MM-DD"), invalid);

            String detail = get(plugin, Map.of("ref", reference));
            assertTrue(detail.contains("<tr><th>Reference</th><td>" + reference + "</td></tr>"), detail);
            assertTrue(detail.contains("<tr><th>Street address</th><td>"), detail);
            assertTrue(detail.contains("<td>Rebate eligibility (rebates v1)</td><td>Utility</td>"), detail);
            assertTrue(detail.contains("<button type=\"submit\">Change status</button>"), detail);
            String detalle = get(plugin, Map.of("ref", reference, "lang", "es"));
            assertTrue(detalle.contains("<tr><th>Referencia</th><td>" + reference + "</td></tr>"), detalle);
            assertTrue(detalle.contains("<h2>Respuestas a las preguntas de los socios</h2>"), detalle);
            assertTrue(detalle.contains("<h2>Quién consultó o cambió esta solicitud</h2>"), detalle);
            assertFalse(detalle.contains("console."), detalle);
            assertTrue(get(plugin, Map.of("ref", "nope", "lang", "es")).contains("No hay ninguna solicitud con esta"));

            String location = post(plugin, Map.of("ref", reference, "status", "contacted"));
            assertEquals(
                    "/system/console/requests?ref=" + reference
                            + "&message=console.requests.statusChanged&arg=contacted",
                    location);
            Map<String, String> changed = new HashMap<>(query(location));
            assertTrue(get(plugin, changed).contains("<p class=\"statline\">Status changed to contacted.</p>"));
            changed.put("lang", "es");
            assertTrue(get(plugin, changed).contains("<p class=\"statline\">El estado cambió a contacted.</p>"));
            String missing = post(plugin, Map.of("ref", "0000-0000", "status", "contacted"));
            assertTrue(get(plugin, query(missing)).contains("<p class=\"statline\">No request with this reference."));

            String forged = get(plugin, Map.of("ref", reference, "message", "You won a prize", "arg", "x"));
            assertFalse(forged.contains("prize"), "a text of the link is not shown: " + forged);
            String badArg = get(
                    plugin, Map.of("ref", reference, "message", RequestsConsolePlugin.STATUS_CHANGED, "arg", "<b>"));
            assertFalse(badArg.contains("Status changed"), "only a known status: " + badArg);
        }
    }

    @Test
    void refusedPostsAndExportsAnswerInTheStaffMembersLanguage() throws Exception {
        RequestsConsolePlugin plugin =
                new RequestsConsolePlugin(null, null, TestMessages.newCatalog(), renderer, TestMessages.intake());
        HttpServletRequest post = http("POST", Map.of("ref", "x", "status", "sold"));
        HttpServletResponse response = mock(HttpServletResponse.class);
        plugin.doPost(post, response);
        verify(response).sendError(HttpServletResponse.SC_BAD_REQUEST, "ref and a known status are required");

        HttpServletRequest export = http("GET", Map.of("lang", "es", "zip", "abc"));
        when(export.getPathInfo()).thenReturn("/export.csv");
        HttpServletResponse refused = mock(HttpServletResponse.class);
        plugin.doGet(export, refused);
        ArgumentCaptor<String> text = ArgumentCaptor.forClass(String.class);
        verify(refused).sendError(org.mockito.ArgumentMatchers.eq(400), text.capture());
        assertEquals("Revise el filtro", text.getValue());
    }

    private String get(RequestsConsolePlugin plugin, Map<String, String> params) throws Exception {
        plugin.renderContent(http("GET", params), mock(HttpServletResponse.class));
        return renderer.html();
    }

    /** The Location of the answer to a status change. */
    private static String post(RequestsConsolePlugin plugin, Map<String, String> params) throws Exception {
        HttpServletResponse response = mock(HttpServletResponse.class);
        plugin.doPost(http("POST", params), response);
        verify(response).setStatus(HttpServletResponse.SC_SEE_OTHER);
        ArgumentCaptor<String> location = ArgumentCaptor.forClass(String.class);
        verify(response).setHeader(org.mockito.ArgumentMatchers.eq("Location"), location.capture());
        return location.getValue();
    }

    private static Map<String, String> query(String location) {
        Map<String, String> params = new HashMap<>();
        for (String pair : location.substring(location.indexOf('?') + 1).split("&")) {
            int eq = pair.indexOf('=');
            params.put(
                    pair.substring(0, eq),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return params;
    }

    private static HttpServletRequest http(String method, Map<String, String> params) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getMethod()).thenReturn(method);
        params.forEach((name, value) -> when(request.getParameter(name)).thenReturn(value));
        when(request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT)).thenReturn("/system/console/requests");
        when(request.getAttribute(StaffMember.REQUEST_ATTRIBUTE)).thenReturn(TestAudit.staff("ana"));
        return request;
    }
}
