package org.cec.portal.consent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.cec.portal.api.audit.AuditEntry;
import org.cec.portal.api.consent.OptOut;
import org.cec.portal.api.consent.Purpose;
import org.cec.portal.api.consent.PurposeDeclaration;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.api.staff.StaffMember;
import org.cec.portal.testing.ConsoleTestRenderer;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/** The console page "Consent" in English and Spanish, from the module's own template and texts. */
class ConsentConsolePluginTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC);

    private final ConsoleTestRenderer renderer = new ConsoleTestRenderer(ConsentConsolePlugin.class);
    private final List<AuditEntry> audited = new ArrayList<>();

    @Test
    void showsTheReceiptCountsAndOptOutsInTheStaffMembersLanguage() throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create("h2", "consent")) {
            ConsentRecords records = new ConsentRecords(db, db, Fakes.settings("2026-1"), CLOCK);
            String receipt = records.record(
                            new Selection(Selection.CUSTOM, true, false, true),
                            new Signals(true, false),
                            true,
                            ConsentRecords.FROM_BANNER,
                            Languages.ENGLISH)
                    .receiptId();
            records.optOut("ada@example.org", OptOut.MARKETING_EMAIL);
            ConsentConsolePlugin plugin = new ConsentConsolePlugin(renderer, audited::add, records);
            plugin.addDeclaration(new Declaration(), reference("org.example.partner"));
            plugin.addDeclaration(new Broken(), reference(null));

            String english = render(plugin, null, receipt);
            assertTrue(english.startsWith("<div id=\"consent-page\" lang=\"en\">"), english);
            assertTrue(english.contains("<h2>Look up a receipt</h2>"), english);
            assertTrue(english.contains("<tr><td>Receipt</td><td>" + receipt + "</td></tr>"), english);
            assertTrue(english.contains("<tr><td>Choice</td><td>custom (from the banner)</td></tr>"), english);
            assertTrue(english.contains("<tr><td>Necessary</td><td>granted (always)</td></tr>"), english);
            assertTrue(english.contains("<tr><td>Analytics</td><td>refused</td></tr>"), english);
            assertTrue(english.contains("<tr><td>Do Not Track sent</td><td>true</td></tr>"), english);
            assertTrue(english.contains("<tr><td>Language</td><td>en</td></tr>"), english);
            assertTrue(english.contains("<p class=\"statline\">1 receipt(s) in total.</p>"), english);
            assertTrue(english.contains("<th>Day</th><th>accept-all</th><th>reject-all</th><th>custom</th>"), english);
            assertTrue(english.contains("<tr><td>2026-03-01</td><td>0</td><td>0</td><td>1</td></tr>"), english);
            assertTrue(english.contains("<td>ada@example.org</td><td>marketing-email</td>"), english);
            assertTrue(english.contains("<td>org.example.partner</td><td>analytics</td><td>Counting visits</td>"));
            assertTrue(
                    english.contains("<td>(gone)</td><td>(error)</td><td>The declaration of this bundle failed:"
                            + " java.lang.IllegalStateException</td>"),
                    english);
            assertTrue(english.contains("<p>None.</p>"), "no pending opt-in: " + english);
            assertFalse(english.contains("console."), english);

            String spanish = render(plugin, "es", receipt);
            assertTrue(spanish.startsWith("<div id=\"consent-page\" lang=\"es\">"), spanish);
            assertTrue(spanish.contains("<h2>Buscar un comprobante</h2>"), spanish);
            assertTrue(spanish.contains("<tr><td>Comprobante</td><td>" + receipt + "</td></tr>"), spanish);
            assertTrue(spanish.contains("<tr><td>Elección</td><td>custom (desde el banner)</td></tr>"), spanish);
            assertTrue(spanish.contains("<tr><td>Estadísticas</td><td>rechazado</td></tr>"), spanish);
            assertTrue(spanish.contains("<tr><td>Se envió Do Not Track</td><td>sí</td></tr>"), spanish);
            assertTrue(spanish.contains("1 comprobante(s) en total."), spanish);
            assertTrue(spanish.contains("<th>Día</th><th>aceptar todo (accept-all)</th>"), spanish);
            assertTrue(spanish.contains("<td>(ya no está)</td><td>(error)</td><td>Falló la declaración"), spanish);
            assertTrue(spanish.contains("<p>Ninguno.</p>"), spanish);
            assertFalse(spanish.contains("Look up"), spanish);
            assertFalse(spanish.contains("console."), spanish);

            String missing = render(plugin, "es", "nope");
            assertTrue(missing.contains("No hay ningún comprobante con este id."), missing);
            assertEquals("receipt nope", audited.get(audited.size() - 2).record());
        }
    }

    @Test
    void saysWhenTheDatabaseIsNotAvailable() throws Exception {
        ConsentConsolePlugin plugin = new ConsentConsolePlugin(renderer, audited::add);
        String english = render(plugin, null, null);
        assertTrue(
                english.contains("<p class=\"statline\">The consent database is not available: see the health checks"
                        + " <em>Database</em> and <em>Migrations consent</em>.</p>"),
                english);
        assertTrue(english.contains("<h2>Purposes by bundle</h2>\n<p>None.</p>"), english);
        String spanish = render(plugin, "es", null);
        assertTrue(
                spanish.contains("La base de datos de consentimiento no está disponible: consulte las comprobaciones"
                        + " de estado <em>Database</em> y <em>Migrations consent</em>."),
                spanish);
        assertFalse(spanish.contains("console."), spanish);
        assertTrue(audited.isEmpty(), "nothing shown, nothing audited");
    }

    private String render(ConsentConsolePlugin plugin, String lang, String receipt) throws Exception {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getParameter("lang")).thenReturn(lang);
        when(request.getParameter("receipt")).thenReturn(receipt);
        when(request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT)).thenReturn("/system/console/consent");
        when(request.getAttribute(StaffMember.REQUEST_ATTRIBUTE))
                .thenReturn(new StaffMember("ana", Set.of("staff"), "192.0.2.1"));
        plugin.renderContent(request, mock(HttpServletResponse.class));
        return renderer.html();
    }

    @SuppressWarnings("unchecked")
    private static ServiceReference<PurposeDeclaration> reference(String symbolicName) {
        ServiceReference<PurposeDeclaration> reference = mock(ServiceReference.class);
        if (symbolicName != null) {
            Bundle bundle = mock(Bundle.class);
            when(bundle.getSymbolicName()).thenReturn(symbolicName);
            when(reference.getBundle()).thenReturn(bundle);
        }
        return reference;
    }

    private static final class Declaration implements PurposeDeclaration {
        @Override
        public Set<Purpose> purposes() {
            return Set.of(Purpose.ANALYTICS);
        }

        @Override
        public String use() {
            return "Counting visits";
        }
    }

    private static final class Broken implements PurposeDeclaration {
        @Override
        public Set<Purpose> purposes() {
            throw new IllegalStateException("broken");
        }

        @Override
        public String use() {
            return "";
        }
    }
}
