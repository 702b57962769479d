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
        assertTrue(model.get("message").toString().contains("last enabled admin"));
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
}
