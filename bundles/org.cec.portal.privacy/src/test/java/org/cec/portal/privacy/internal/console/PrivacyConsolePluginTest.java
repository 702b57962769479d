package org.cec.portal.privacy.internal.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.sql.Connection;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.cec.portal.api.i18n.Messages;
import org.cec.portal.api.privacy.PersonalRecord;
import org.cec.portal.api.staff.StaffMember;
import org.cec.portal.privacy.internal.data.Access;
import org.cec.portal.privacy.internal.data.Erasure;
import org.cec.portal.privacy.internal.data.PersonalData.Area;
import org.cec.portal.privacy.internal.data.PersonalData.Erased;
import org.cec.portal.privacy.internal.pages.AreaTexts;
import org.cec.portal.privacy.internal.requests.RequestLog;
import org.cec.portal.privacy.internal.retention.RetentionJob;
import org.cec.portal.privacy.internal.retention.RetentionSettings;
import org.cec.portal.testing.ConsoleTestRenderer;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.api.Test;

/** The console page "Privacy requests" in English and Spanish, from the module's own template and texts. */
class PrivacyConsolePluginTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

    private final ConsoleTestRenderer renderer = new ConsoleTestRenderer(PrivacyConsolePlugin.class);
    private final Access access = mock(Access.class);
    private final Erasure erasure = mock(Erasure.class);
    private final RetentionJob retention = mock(RetentionJob.class);
    private final AreaTexts areaTexts = mock(AreaTexts.class);

    /** The status the plugin last set. */
    private int status;

    @Test
    void theListAndRetentionSpeakTheStaffMembersLanguage() throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create("h2", "privacy")) {
            RequestLog log = new RequestLog();
            db.inTransaction(
                    em -> log.openBySelf(em.unwrap(Connection.class), NOW.minus(java.time.Duration.ofDays(50))));
            db.inTransaction(em -> log.openByStaff(em.unwrap(Connection.class), "ana", "called back", NOW));
            when(retention.settings())
                    .thenReturn(new RetentionSettings(
                            true, LocalTime.of(3, 30), 500, Map.of("intake", Period.ofMonths(24)), "", "", ""));
            when(retention.nextRun()).thenReturn(Optional.of(Instant.parse("2026-03-02T03:30:00Z")));
            when(retention.lastRun())
                    .thenReturn(Optional.of(new RetentionJob.Report(
                            NOW,
                            "ana",
                            List.of(
                                    new RetentionJob.AreaReport(
                                            "intake", "2024-03-01T10:15:30Z", 2, 0, RetentionJob.PARTIAL),
                                    new RetentionJob.AreaReport(
                                            "email",
                                            "2025-09-01T10:15:30Z",
                                            0,
                                            4,
                                            RetentionJob.FAILED + "SQLException")))));
            PrivacyConsolePlugin plugin = plugin(db);

            String english = get(plugin, null);
            assertTrue(english.startsWith("<div id=\"privacy-page\" lang=\"en\">"), english);
            assertTrue(english.contains("<h2>Open a request for a person who wrote or called</h2>"), english);
            assertTrue(english.contains("Due 45 days after receipt. A person&#39;s own requests"), english);
            assertTrue(english.contains("<td>self</td><td>link-sent</td>"), "codes stay codes: " + english);
            assertTrue(english.contains("<strong class=\"privacy-overdue\">overdue: 2026-02-24"), english);
            assertFalse(english.contains("<strong class=\"privacy-soon\">"), english);
            assertTrue(english.contains(
                    "Ages in effect (configuration &quot;CEC Portal: privacy retention&quot;): intake P24M."));
            assertTrue(
                    english.contains("Next daily run: 2026-03-02 03:30 UTC. Last run: 2026-03-01 10:15 UTC by ana."));
            assertTrue(english.contains("<td>some modules could not erase; the next run tries again</td>"), english);
            assertTrue(english.contains("<td>failed: SQLException</td>"), english);
            assertTrue(english.contains(">Run retention now</button>"), english);
            assertFalse(english.contains("console."), english);

            String spanish = get(plugin, "es");
            assertTrue(spanish.startsWith("<div id=\"privacy-page\" lang=\"es\">"), spanish);
            assertTrue(spanish.contains("<h2>Abrir una solicitud para una persona que escribió o llamó</h2>"), spanish);
            assertTrue(spanish.contains("<th>Solicitud</th><th>Vía</th><th>Estado</th>"), spanish);
            assertTrue(spanish.contains("vencida: 2026-02-24"), spanish);
            assertTrue(
                    spanish.contains("Plazos vigentes (configuración «CEC Portal: privacy retention»): intake P24M."));
            assertTrue(spanish.contains("Próxima ejecución diaria: 2026-03-02 03:30 UTC. Última ejecución:"), spanish);
            assertTrue(spanish.contains("<td>algunos módulos no pudieron borrar; la próxima ejecución lo intenta"));
            assertTrue(spanish.contains("<td>falló: SQLException</td>"), spanish);
            assertFalse(spanish.contains("console.") || spanish.contains("Retention"), spanish);

            when(retention.settings())
                    .thenReturn(new RetentionSettings(
                            false,
                            LocalTime.of(3, 30),
                            1,
                            Map.of(),
                            "other.areas entries are area=days with days 1 or more: notes",
                            "console.privacy.retention.config.otherAreas",
                            "notes"));
            when(retention.nextRun()).thenReturn(Optional.empty());
            when(retention.lastRun()).thenReturn(Optional.empty());
            String off = get(plugin, null);
            assertTrue(
                    off.contains("Retention is off: other.areas entries are area=days with days 1 or more: notes."
                            + " Fix &quot;CEC Portal: privacy retention&quot;."),
                    off);
            assertTrue(off.contains("none: everything is kept"), off);
            assertTrue(off.contains("Next daily run: off (run it here).</p>"), off);
            String apagada = get(plugin, "es");
            assertTrue(apagada.contains("La retención está desactivada: las entradas de other.areas tienen la forma"));
            assertTrue(apagada.contains("ninguno: se conserva todo"), apagada);
            assertTrue(apagada.contains("Próxima ejecución diaria: desactivada (ejecútela aquí).</p>"), apagada);
        }
    }

    @Test
    void staffOpenShowAndEraseWithMessagesInTheStaffMembersLanguage() throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create("h2", "privacy")) {
            when(retention.settings())
                    .thenReturn(new RetentionSettings(true, LocalTime.of(3, 30), 1, Map.of(), "", "", ""));
            when(access.view(anyLong(), anyString(), any()))
                    .thenReturn(List.of(
                            new Area(
                                    "intake",
                                    List.of(new PersonalRecord(
                                            "intake.request", NOW, Map.of("name", "Cleo <b>", "status", "new"))),
                                    false),
                            new Area("partner", List.of(), true)));
            when(areaTexts.of("intake"))
                    .thenReturn(Optional.of(new Texts(Map.of(
                            "privacy.area.intake", "Your service requests",
                            "privacy.field.name", "Name",
                            "es.privacy.area.intake", "Sus solicitudes de servicio",
                            "es.privacy.field.name", "Nombre"))));
            when(areaTexts.of("partner")).thenReturn(Optional.empty());
            PrivacyConsolePlugin plugin = plugin(db);

            String refused = post(plugin, "es", Map.of("action", "open", "email", "cleo@example.com"));
            assertEquals(400, status);
            assertTrue(
                    refused.contains("identityCheck debe indicar, en una línea de 500 caracteres como máximo,"),
                    refused);
            assertTrue(post(plugin, null, Map.of("action", "open", "email", "cleo@example.com"))
                    .contains("identityCheck must say, on one line of at most 500 characters, how you checked who"));
            assertTrue(post(plugin, null, Map.of("action", "show", "email", "x"))
                    .contains("email must be the person&#39;s complete email address."));
            assertTrue(post(plugin, "es", Map.of("action", "nope")).contains("Acción desconocida: use open, show"));

            String opened = post(
                    plugin,
                    null,
                    Map.of("action", "open", "email", "cleo@example.com", "identityCheck", "called back"));
            assertEquals(200, status);
            java.util.regex.Matcher id =
                    java.util.regex.Pattern.compile("Request (\\d+) opened\\.").matcher(opened);
            assertTrue(id.find(), opened);
            assertTrue(opened.contains("Request " + id.group(1) + ": what the portal holds for cleo@example.com"));
            assertTrue(opened.contains("<h3>Your service requests</h3>"), opened);
            assertTrue(opened.contains("<th scope=\"row\">Name</th><td>Cleo &lt;b&gt;</td>"), opened);
            assertTrue(opened.contains("<h3>partner</h3>\n<p class=\"ui-state-error\">This part could not be read"));
            assertTrue(opened.contains(">Download as JSON</button>"), opened);

            String shown = post(plugin, "es", Map.of("action", "show", "id", id.group(1), "email", "cleo@example.com"));
            assertFalse(shown.contains("id=\"privacy-message\""), "showing again says nothing more: " + shown);
            assertTrue(shown.contains("Solicitud " + id.group(1) + ": lo que el portal guarda de cleo@example.com"));
            assertTrue(shown.contains("<h3>Sus solicitudes de servicio</h3>"), "the data in Spanish too: " + shown);
            assertTrue(shown.contains("<th scope=\"row\">Nombre</th>"), shown);
            assertTrue(shown.contains("Esta parte no se pudo leer en este momento."), shown);
            assertTrue(shown.contains(">Descargar como JSON</button>"), shown);
            assertFalse(shown.contains("console."), shown);

            String unconfirmed =
                    post(plugin, "es", Map.of("action", "erase", "id", id.group(1), "email", "cleo@example.com"));
            assertEquals(400, status);
            assertTrue(unconfirmed.contains("Marque la confirmación: el borrado no se puede deshacer."), unconfirmed);

            when(erasure.run(anyLong(), anyString(), any()))
                    .thenReturn(new Erasure.Outcome(
                            List.of(new Erased("intake", 1200, false), new Erased("partner", 0, true)),
                            false,
                            1200,
                            2));
            Map<String, String> erase =
                    Map.of("action", "erase", "id", id.group(1), "email", "cleo@example.com", "confirm", "yes");
            String incomplete = post(plugin, "es", erase);
            assertEquals(503, status);
            assertTrue(incomplete.contains("algunas partes no se pudieron borrar; borre de nuevo."), incomplete);
            assertTrue(incomplete.contains("<td>1200</td>"), incomplete);
            assertTrue(incomplete.contains("<td>falló: borre de nuevo</td>"), incomplete);
            assertTrue(incomplete.contains("Se pidió a 2 contratista(s) que borren su copia."), incomplete);

            when(erasure.run(anyLong(), anyString(), any()))
                    .thenReturn(new Erasure.Outcome(List.of(new Erased("intake", 1200, false)), true, 1200, 2));
            String erased = post(plugin, null, erase);
            assertTrue(erased.contains("Request " + id.group(1) + ": 1200 record(s) erased."), erased);
            assertTrue(erased.contains("<h2 id=\"privacy-erased\">Request " + id.group(1) + ": erased</h2>"), erased);
            assertTrue(
                    erased.contains("2 contractor(s) asked to delete their copy. Kept: the email opt-outs, anonymous"
                            + " counts, the audit entries and this request&#39;s row."),
                    erased);

            when(retention.run(anyString(), anyString())).thenReturn(new RetentionJob.Report(NOW, "ana", List.of()));
            assertTrue(
                    post(plugin, null, Map.of("action", "retention")).contains("Retention ran: 0 area(s), see below."));
            assertTrue(
                    post(plugin, "es", Map.of("action", "retention")).contains("La retención se ejecutó: 0 área(s)"));
        }
    }

    private PrivacyConsolePlugin plugin(ModuleTestDatabase db) {
        return new PrivacyConsolePlugin(
                db,
                access,
                erasure,
                retention,
                renderer,
                new Texts(Map.of()),
                areaTexts,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private String get(PrivacyConsolePlugin plugin, String lang) throws Exception {
        HttpServletRequest request = request(lang, Map.of());
        plugin.renderContent(request, response());
        return renderer.html();
    }

    /** A POST the plugin answers with a page the console then draws (as the console's adapter does). */
    private String post(PrivacyConsolePlugin plugin, String lang, Map<String, String> params) throws Exception {
        HttpServletRequest request = request(lang, params);
        HttpServletResponse response = response();
        plugin.doPost(request, response);
        plugin.renderContent(request, response);
        return renderer.html();
    }

    private HttpServletResponse response() {
        HttpServletResponse response = mock(HttpServletResponse.class);
        status = 200;
        doAnswer(i -> status = i.getArgument(0)).when(response).setStatus(anyInt());
        return response;
    }

    private static HttpServletRequest request(String lang, Map<String, String> params) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(ServletConstants.ATTR_PLUGIN_ROOT, "/system/console/privacy");
        attributes.put(StaffMember.REQUEST_ATTRIBUTE, new StaffMember("ana", Set.of("staff"), "192.0.2.1"));
        when(request.getAttribute(anyString())).thenAnswer(i -> attributes.get(i.<String>getArgument(0)));
        doAnswer(i -> attributes.put(i.getArgument(0), i.getArgument(1)))
                .when(request)
                .setAttribute(anyString(), any());
        when(request.getParameter("lang")).thenReturn(lang);
        params.forEach((name, value) -> when(request.getParameter(name)).thenReturn(value));
        return request;
    }

    /** Texts by key, the Spanish ones as {@code es.<key>}; English where Spanish lacks one. */
    private record Texts(Map<String, String> texts) implements Messages {
        @Override
        public String get(Locale locale, String key, Object... args) {
            String text = find(locale, key).orElse(key);
            return args.length == 0 ? text : new MessageFormat(text, locale).format(args);
        }

        @Override
        public Optional<String> find(Locale locale, String key) {
            String own = locale.getLanguage().equals("en") ? null : texts.get(locale.getLanguage() + "." + key);
            return Optional.ofNullable(own == null ? texts.get(key) : own);
        }

        @Override
        public String localize(Locale locale, String textOrKey) {
            return textOrKey;
        }

        @Override
        public boolean has(Locale locale, String key) {
            return find(locale, key).isPresent();
        }
    }
}
