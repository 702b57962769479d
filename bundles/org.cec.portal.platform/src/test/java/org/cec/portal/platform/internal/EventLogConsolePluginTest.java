package org.cec.portal.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.cec.portal.testing.ConsoleTestRenderer;
import org.cec.portal.testing.ModuleMessages;
import org.junit.jupiter.api.Test;

class EventLogConsolePluginTest {

    private final ConsoleTestRenderer texts = new ConsoleTestRenderer(EventLogConsolePlugin.class);
    private final EventLogConsolePlugin plugin =
            new EventLogConsolePlugin(texts, new ModuleMessages(EventLogConsolePlugin.class));

    private static HttpServletRequest get(String lang, Map<String, String[]> params) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getParameter("lang")).thenReturn(lang);
        params.forEach((k, v) -> {
            when(request.getParameter(k)).thenReturn(v[0]);
            when(request.getParameterValues(k)).thenReturn(v);
        });
        return request;
    }

    private static HttpServletResponse response() throws Exception {
        HttpServletResponse response = mock(HttpServletResponse.class);
        when(response.getWriter()).thenReturn(new PrintWriter(new StringWriter()));
        return response;
    }

    private String page(String lang, Map<String, String[]> params) throws Exception {
        plugin.renderContent(get(lang, params), response());
        String html = texts.html();
        assertFalse(html.contains("console."), "no raw message key:\n" + html);
        assertTrue(html.startsWith("<div id=\"events-page\" lang=\"" + (lang == null ? "en" : lang) + "\">"), html);
        return html;
    }

    @Test
    void withoutTheDatabaseThePageSaysSoInEnglishAndSpanish() throws Exception {
        String en = page(null, Map.of());
        assertTrue(en.contains("The database is not connected: see the health check <em>Database</em>."), en);
        String es = page("es", Map.of());
        assertTrue(
                es.contains(
                        "La base de datos no está conectada: consulte la comprobación de estado <em>Database</em>."),
                es);
    }

    @Test
    void consumersAndParkedEventsInEnglishAndSpanish() throws Exception {
        try (TestDatabase db = TestDatabase.create("h2")) {
            db.migratePlatform();
            DispatcherTest.append(db, 3, "test.thing");
            try (Connection c = db.dataSource.getConnection()) {
                try (PreparedStatement i = c.prepareStatement("INSERT INTO platform_consumer (consumer_id, position,"
                        + " event_types, attempts, failing_event_id, next_attempt_at, last_error, registered_at,"
                        + " updated_at) VALUES (?, 1, ?, ?, NULL, 0, ?, ?, ?)")) {
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    i.setString(1, "test.crm");
                    i.setString(2, "");
                    i.setInt(3, 2);
                    i.setString(4, "the CRM is <down>");
                    i.setObject(5, now);
                    i.setObject(6, now);
                    i.executeUpdate();
                }
                new ParkedEvents().park(c, "test.crm", 2, 5, "java.lang.IllegalStateException: boom");
                new ParkedEvents().park(c, "test.crm", 99, 5, "lost");
            }
            plugin.setDatabase(new PlatformDatabase(db.dataSource, db.dialect, db.migrator()));

            String en = page(null, Map.of());
            assertTrue(en.contains("3 event(s) appended; 1 consumer(s); 2 parked event(s)."), en);
            assertTrue(en.contains("<th>Lag (events waiting)</th>"), en);
            assertTrue(en.contains("<td>test.crm</td><td>(all)</td><td>1</td><td>2</td>"), en);
            assertTrue(en.contains("attempt 2: the CRM is &lt;down&gt;"), en);
            assertTrue(en.contains("<h2>Parked events</h2>"), en);
            assertTrue(en.contains("<td>test.crm</td><td>2</td><td>test.thing</td>"), en);
            assertTrue(en.contains("<td>test.crm</td><td>99</td><td>(gone)</td>"), en);
            assertTrue(en.contains("<button type=\"submit\">Retry</button>"), en);

            String es = page("es", Map.of());
            assertTrue(es.contains("3 evento(s) registrado(s); 1 consumidor(es); 2 evento(s) retenido(s)."), es);
            assertTrue(es.contains("<th>Retraso (eventos en espera)</th>"), es);
            assertTrue(es.contains("<td>(todos)</td>"), es);
            assertTrue(es.contains("intento 2: the CRM is &lt;down&gt;"), es);
            assertTrue(es.contains("<h2>Eventos retenidos</h2>"), es);
            assertTrue(es.contains("<td>(ya no existe)</td>"), es);
            assertTrue(es.contains("<button type=\"submit\">Reintentar</button>"), es);

            HttpServletRequest retry =
                    get(null, Map.of("consumer", new String[] {"test.crm"}, "event", new String[] {"2"}));
            when(retry.getAttribute(org.apache.felix.webconsole.servlet.ServletConstants.ATTR_PLUGIN_ROOT))
                    .thenReturn("/system/console/events");
            HttpServletResponse redirect = response();
            plugin.doPost(retry, redirect);
            verify(redirect).setStatus(303);
            verify(redirect)
                    .setHeader("Location", "/system/console/events?message=console.events.flash.retryRequested&arg=2");
            assertTrue(page("es", Map.of()).contains("reintento solicitado"));
            assertTrue(page(null, Map.of()).contains("retry requested"));

            HttpServletResponse none = response();
            plugin.doPost(get(null, Map.of("consumer", new String[] {"nobody"}, "event", new String[] {"2"})), none);
            verify(none).setHeader("Location", "events?message=console.events.flash.noSuchParked");
        }
    }

    @Test
    void theRedirectsMessageIsAKnownKeyWithPlainArgumentsAnythingElseIsIgnored() throws Exception {
        String en = page(
                null,
                Map.of("message", new String[] {EventLogConsolePlugin.FLASH_RETRY_REQUESTED}, "arg", new String[] {
                    "1234"
                }));
        assertTrue(en.contains("<p class=\"statline\">Retry of event 1234 requested.</p>"), en);
        String es = page(
                "es",
                Map.of("message", new String[] {EventLogConsolePlugin.FLASH_RETRY_REQUESTED}, "arg", new String[] {
                    "1234"
                }));
        assertTrue(es.contains("<p class=\"statline\">Se solicitó el reintento del evento 1234.</p>"), es);
        String error = page(
                "es",
                Map.of("message", new String[] {EventLogConsolePlugin.FLASH_RETRY_NOT_STORED}, "arg", new String[] {
                    "<script>alert(1)</script>"
                }));
        assertTrue(error.contains("No se pudo guardar el reintento: &lt;script&gt;alert(1)&lt;/script&gt;"), error);
        String english = page(null, Map.of("message", new String[] {"The database is not connected."}));
        assertFalse(
                english.contains("statline\">The database is not connected.</p>"), "free text is ignored: " + english);
        String markup = page(null, Map.of("message", new String[] {"<script>alert(1)</script>"}));
        assertFalse(markup.contains("alert(1)"), markup);
        assertEquals(
                "message=console.events.flash.retryNotStored&arg=a+%26+b",
                EventLogConsolePlugin.flashQuery(
                        EventLogConsolePlugin.FLASH_RETRY_NOT_STORED, java.util.List.of("a & b")));
    }

    @Test
    void badInputIsRefusedInThePagesLanguage() throws Exception {
        try (TestDatabase db = TestDatabase.create("h2")) {
            db.migratePlatform();
            plugin.setDatabase(new PlatformDatabase(db.dataSource, db.dialect, db.migrator()));
            HttpServletResponse en = response();
            plugin.doPost(get(null, Map.of("event", new String[] {"x"})), en);
            verify(en).sendError(400, "consumer and event are required");
            HttpServletResponse es = response();
            plugin.doPost(get("es", Map.of("event", new String[] {"x"})), es);
            verify(es).sendError(400, "se requieren el consumidor y el evento");
        }
    }
}
