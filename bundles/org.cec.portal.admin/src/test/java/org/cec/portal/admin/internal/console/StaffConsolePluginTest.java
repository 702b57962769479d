package org.cec.portal.admin.internal.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cec.portal.admin.internal.accounts.Account;
import org.cec.portal.admin.internal.accounts.StaffAccounts;
import org.cec.portal.admin.internal.sessions.ApiTokens;
import org.cec.portal.api.audit.AuditEntry;
import org.cec.portal.api.audit.AuditLog;
import org.cec.portal.api.staff.StaffMember;
import org.cec.portal.api.web.ConsoleViewRenderer;
import org.cec.portal.testing.ConsoleTestRenderer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class StaffConsolePluginTest {

    private final StaffAccounts accounts = mock(StaffAccounts.class);
    private final ApiTokens tokens = mock(ApiTokens.class);
    private final AuditLog audit = mock(AuditLog.class);
    private final StaffConsolePlugin plugin =
            new StaffConsolePlugin(accounts, tokens, audit, mock(ConsoleViewRenderer.class));

    private static Account account(String name, boolean disabled, String... roles) {
        OffsetDateTime t = OffsetDateTime.parse("2026-01-01T00:00:00Z");
        return new Account(name, Set.of(roles), false, disabled, true, 5, t, t);
    }

    private static HttpServletRequest post(Map<String, String[]> params) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getAttribute(StaffMember.REQUEST_ATTRIBUTE))
                .thenReturn(new StaffMember("boss", Set.of("admin"), "127.0.0.1"));
        params.forEach((k, v) -> {
            when(request.getParameter(k)).thenReturn(v[0]);
            when(request.getParameterValues(k)).thenReturn(v);
        });
        return request;
    }

    @Test
    void refusesDisablingTheLastEnabledAdmin() {
        Account admin = account("admin", false, "admin");
        when(accounts.find("admin")).thenReturn(Optional.of(admin));
        when(accounts.list()).thenReturn(List.of(admin, account("other", true, "admin")));
        Map<String, Object> model =
                plugin.handle(post(Map.of("action", new String[] {"disable"}, "username", new String[] {"admin"})));
        assertEquals(400, model.get("status"));
        assertEquals("console.staff.refused.lastAdminDisable", model.get("message"));
        assertEquals(List.of("admin"), model.get("messageArgs"));
        verify(accounts, never()).setDisabled(any(), org.mockito.ArgumentMatchers.anyBoolean());
        verify(audit, never()).record(any());
    }

    @Test
    void refusesRemovingAdminFromTheLastAdmin() {
        Account admin = account("admin", false, "admin");
        when(accounts.find("admin")).thenReturn(Optional.of(admin));
        when(accounts.list()).thenReturn(List.of(admin));
        Map<String, Object> model = plugin.handle(post(Map.of(
                "action", new String[] {"roles"}, "username", new String[] {"admin"}, "roles", new String[] {"staff"
                })));
        assertEquals(400, model.get("status"));
        verify(accounts, never()).setRoles(any(), any());
    }

    @Test
    void createGeneratesAPasswordShownOnceAndNeverAudited() {
        when(accounts.find("ana")).thenReturn(Optional.empty());
        Map<String, Object> model = plugin.handle(post(Map.of(
                "action", new String[] {"create"},
                "username", new String[] {"ana"},
                "roles", new String[] {"staff"},
                "password", new String[] {""})));
        assertFalse(model.containsKey("status"));
        String password = model.get("newPassword").toString();
        assertTrue(password.length() >= 12);
        ArgumentCaptor<AuditEntry> entry = ArgumentCaptor.forClass(AuditEntry.class);
        verify(audit).record(entry.capture());
        assertEquals("account-created", entry.getValue().action());
        assertEquals("ana", entry.getValue().record());
        assertFalse(entry.getValue().toString().contains(password));
    }

    @Test
    void unknownRoleAndShortPasswordAreRefused() {
        assertEquals(
                400,
                plugin.handle(post(Map.of(
                                "action", new String[] {"create"},
                                "username", new String[] {"ana"},
                                "roles", new String[] {"root"})))
                        .get("status"));
        when(accounts.find("ana")).thenReturn(Optional.of(account("ana", false, "staff")));
        assertEquals(
                400,
                plugin.handle(post(Map.of(
                                "action", new String[] {"password"},
                                "username", new String[] {"ana"},
                                "password", new String[] {"short"})))
                        .get("status"));
        assertEquals(
                400,
                plugin.handle(post(Map.of("action", new String[] {"nope"}))).get("status"));
        verify(audit, never()).record(any());
    }

    @Test
    void createTokenShowsTheTextAndAuditsTheIdOnly() {
        when(accounts.find("ana")).thenReturn(Optional.of(account("ana", false, "staff")));
        when(tokens.create("ana", "export", "boss")).thenReturn(new ApiTokens.NewToken("t1", "cec_secret"));
        Map<String, Object> model = plugin.handle(post(Map.of(
                "action", new String[] {"create-token"},
                "username", new String[] {"ana"},
                "label", new String[] {"export"})));
        assertEquals("cec_secret", model.get("newToken"));
        ArgumentCaptor<AuditEntry> entry = ArgumentCaptor.forClass(AuditEntry.class);
        verify(audit).record(entry.capture());
        assertEquals("t1", entry.getValue().record());
        assertFalse(entry.getValue().toString().contains("cec_secret"));
    }

    // ---- the page in English and Spanish (ConsoleTestRenderer: a missing English key fails) ----------

    private static final String MODEL = StaffConsolePlugin.class.getName() + ".model";

    private final ConsoleTestRenderer renderer = new ConsoleTestRenderer(StaffConsolePlugin.class);
    private final StaffConsolePlugin page = new StaffConsolePlugin(accounts, tokens, audit, renderer);

    private static HttpServletRequest request(String lang, Map<String, String[]> params) {
        HttpServletRequest request = post(params);
        when(request.getParameter("lang")).thenReturn(lang);
        return request;
    }

    private static HttpServletResponse response() throws Exception {
        HttpServletResponse response = mock(HttpServletResponse.class);
        when(response.getWriter()).thenReturn(new PrintWriter(new StringWriter()));
        return response;
    }

    /** The page as rendered for {@code request}, after its POST when {@code post}. */
    private String render(HttpServletRequest request, boolean post) throws Exception {
        HttpServletResponse response = response();
        if (post) {
            page.doPost(request, response);
            ArgumentCaptor<Object> model = ArgumentCaptor.forClass(Object.class);
            verify(request).setAttribute(org.mockito.ArgumentMatchers.eq(MODEL), model.capture());
            when(request.getAttribute(MODEL)).thenReturn(model.getValue());
        }
        page.renderContent(request, response);
        String html = renderer.html();
        String lang = request.getParameter("lang") == null ? "en" : request.getParameter("lang");
        assertTrue(html.contains("<div id=\"staff-page\" lang=\"" + lang + "\">"), html);
        assertFalse(html.contains("console."), "no raw message key:\n" + html);
        return html;
    }

    private void someAccounts() {
        Account ana = account("ana", false, "admin", "staff");
        when(accounts.list()).thenReturn(List.of(ana, account("bob", true, "staff")));
        when(accounts.find("ana")).thenReturn(Optional.of(ana));
        when(tokens.list("ana"))
                .thenReturn(List.of(new ApiTokens.TokenInfo(
                        "t1", "ana", "export", "boss", OffsetDateTime.parse("2026-01-02T00:00:00Z"), null)));
    }

    @Test
    void thePageInEnglishAndSpanish() throws Exception {
        someAccounts();
        String en = render(request(null, Map.of()), false);
        assertTrue(en.contains("<h2>Accounts</h2>"), en);
        assertTrue(
                en.contains("<th>Name</th><th>Roles</th><th>Disabled</th><th>Second factor</th>"
                        + "<th>Recovery codes left</th><th>Must change password</th><th>Created</th>"),
                en);
        assertTrue(en.contains("<td>admin, staff</td><td>no</td><td>yes</td><td>5</td><td>no</td>"), en);
        assertTrue(en.contains("<button type=\"submit\">Change roles</button>"), en);
        assertTrue(en.contains("<button type=\"submit\">Enable</button>"), en);
        assertTrue(en.contains("<button type=\"submit\">Set password</button> (empty: generate)</form>"), en);
        assertTrue(en.contains("<th>Token id</th><th>Label</th><th>Created by</th>"), en);
        assertTrue(en.contains("<h2>New account</h2>"), en);
        assertTrue(
                en.contains("(empty: generate one, shown once; the account must change it at its first sign-in)"), en);

        String es = render(request("es", Map.of()), false);
        assertTrue(es.contains("<h2>Cuentas</h2>"), es);
        assertTrue(es.contains("<th>Códigos de recuperación restantes</th>"), es);
        assertTrue(es.contains("<td>admin, staff</td><td>no</td><td>sí</td>"), es);
        assertTrue(es.contains("<button type=\"submit\">Deshabilitar</button>"), es);
        assertTrue(es.contains("<button type=\"submit\">Habilitar</button>"), es);
        assertTrue(es.contains("<button type=\"submit\">Restablecer el segundo factor</button>"), es);
        assertTrue(es.contains("<button type=\"submit\">Revocar</button>"), es);
        assertTrue(es.contains("<h2>Cuenta nueva</h2>"), es);
        assertTrue(es.contains("name=\"action\" value=\"create-token\""), "form fields unchanged: " + es);
    }

    @Test
    void answersInEnglishAndSpanish() throws Exception {
        someAccounts();
        when(accounts.find("cleo")).thenReturn(Optional.empty());
        Map<String, String[]> create = Map.of(
                "action", new String[] {"create"},
                "username", new String[] {"cleo"},
                "roles", new String[] {"staff"},
                "password", new String[] {""});
        String en = render(request(null, create), true);
        assertTrue(
                en.contains("<p class=\"statline\" id=\"staff-message\">Account cleo created; it must change its"
                        + " password at first sign-in.</p>"),
                en);
        assertTrue(en.contains("Password of cleo (shown once): <code id=\"new-password\">"), en);
        String es = render(request("es", create), true);
        assertTrue(es.contains("Se creó la cuenta cleo; debe cambiar su contraseña"), es);
        assertTrue(es.contains("Contraseña de cleo (se muestra una sola vez): <code id=\"new-password\">"), es);

        when(tokens.create("ana", "ci", "boss")).thenReturn(new ApiTokens.NewToken("t2", "cec_t2_secret"));
        Map<String, String[]> token = Map.of(
                "action", new String[] {"create-token"}, "username", new String[] {"ana"}, "label", new String[] {"ci"
                });
        en = render(request(null, token), true);
        assertTrue(en.contains("Token t2 created for ana. Copy it now: it is not shown again."), en);
        assertTrue(
                en.contains("API token (shown once, send it as <code>Authorization: Bearer &lt;token&gt;</code>):"
                        + " <code id=\"new-token\">cec_t2_secret</code>"),
                en);
        es = render(request("es", token), true);
        assertTrue(es.contains("Se creó el token t2 para ana. Cópielo ahora: no se volverá a mostrar."), es);
        assertTrue(
                es.contains("Token de API (se muestra una sola vez; envíelo como <code>Authorization: Bearer"
                        + " &lt;token&gt;</code>): <code id=\"new-token\">cec_t2_secret</code>"),
                es);
    }

    @Test
    void refusalsInEnglishAndSpanish() throws Exception {
        someAccounts();
        Map<String, String[]> weak = Map.of(
                "action", new String[] {"password"}, "username", new String[] {"ana"}, "password", new String[] {"short"
                });
        String en = render(request(null, weak), true);
        assertTrue(
                en.contains("The password is refused: at least 12 characters, not a common password, not the"
                        + " account name (The password is too short: use at least 12 characters"),
                en);
        String es = render(request("es", weak), true);
        assertTrue(es.contains("La contraseña fue rechazada: al menos 12 caracteres"), es);
        assertTrue(es.contains("(La contraseña es demasiado corta: use al menos 12 caracteres"), es);

        String unknown = render(request("es", Map.of("action", new String[] {"nope"})), true);
        assertTrue(unknown.contains("Acción desconocida: use create, roles, disable"), unknown);
        String label = render(
                request("es", Map.of("action", new String[] {"create-token"}, "username", new String[] {"ana"})), true);
        assertTrue(label.contains("La etiqueta debe tener de 1 a 100 caracteres en una sola línea."), label);
        String roles = render(
                request(
                        null,
                        Map.of(
                                "action",
                                new String[] {"roles"},
                                "username",
                                new String[] {"ana"},
                                "roles",
                                new String[] {"root"})),
                true);
        assertTrue(roles.contains("roles must be among admin, "), roles);
        String noToken =
                render(request(null, Map.of("action", new String[] {"revoke-token"}, "id", new String[] {"t9"})), true);
        assertTrue(noToken.contains("No token t9."), noToken);
        String noAccount = render(request("es", Map.of("action", new String[] {"enable"})), true);
        assertTrue(noAccount.contains("Falta el nombre de usuario."), noAccount);
    }

    @Test
    void refusalsOfTheAccountStoreHaveTextsAndAnyOtherIsShownAsItIs() throws Exception {
        assertEquals(
                "console.staff.refused.nameTaken",
                StaffConsolePlugin.message(new IllegalArgumentException("name taken"))
                        .get("message"));
        assertEquals(
                "console.staff.refused.badInput",
                StaffConsolePlugin.message(new IllegalArgumentException()).get("message"));
        Map<String, Object> other = StaffConsolePlugin.message(new IllegalArgumentException("odd"));
        assertEquals("console.staff.refused.other", other.get("message"));
        assertEquals(List.of("odd"), other.get("messageArgs"));
        assertEquals(400, other.get("status"));
        someAccounts();
        when(accounts.find("cleo")).thenReturn(Optional.empty());
        org.mockito.Mockito.doThrow(new IllegalArgumentException("name taken"))
                .when(accounts)
                .create(org.mockito.ArgumentMatchers.eq("cleo"), any(), any());
        String es = render(
                request(
                        "es",
                        Map.of(
                                "action", new String[] {"create"},
                                "username", new String[] {"cleo"},
                                "password", new String[] {"a-Long-enough-Pass-2026"})),
                true);
        assertTrue(es.contains("Rechazado: el nombre ya está en uso."), es);
    }
}
