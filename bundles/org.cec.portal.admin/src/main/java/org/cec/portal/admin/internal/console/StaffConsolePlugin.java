package org.cec.portal.admin.internal.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.cec.portal.admin.internal.accounts.Account;
import org.cec.portal.admin.internal.accounts.PasswordHasher;
import org.cec.portal.admin.internal.accounts.StaffAccounts;
import org.cec.portal.admin.internal.factor.PasswordPolicy;
import org.cec.portal.admin.internal.sessions.ApiTokens;
import org.cec.portal.api.audit.AuditEntry;
import org.cec.portal.api.audit.AuditLog;
import org.cec.portal.api.staff.ConsoleRoles;
import org.cec.portal.api.staff.StaffMember;
import org.cec.portal.api.web.ConsoleViewRenderer;
import org.cec.portal.api.web.PageFragment;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The Web Console page "Staff" ({@code /system/console/staff}, admin only): lists the staff accounts
 * and their API tokens, and creates accounts, changes roles, disables and enables, sets passwords,
 * resets second factors, creates and revokes tokens. Every change is audited (module {@code admin});
 * passwords and token texts are shown once and never audited or logged. The last enabled admin can
 * neither be disabled nor lose the admin role. The page is {@code templates/staff/staff.ftlh}; its
 * texts are the keys {@code console.staff.*} of the bundle's {@code messages/messages*.properties}, in
 * the staff member's language. An answer's model holds its message as a key ({@code message}) and
 * plain arguments ({@code messageArgs}); a refused password adds the message keys of its problems
 * ({@code problems}, {@link PasswordPolicy}).
 */
@Component(
        service = jakarta.servlet.Servlet.class,
        property = {
            ServletConstants.PLUGIN_LABEL + "=" + StaffConsolePlugin.LABEL,
            ServletConstants.PLUGIN_TITLE + "=Staff",
            ServletConstants.PLUGIN_CATEGORY + "=CEC Portal"
        })
public final class StaffConsolePlugin extends AbstractServlet {

    static final String LABEL = "staff";
    static final String MODULE = "admin";
    static final int MAX_LABEL = 100;
    static final int MAX_PASSWORD = 200;
    private static final long serialVersionUID = 1L;
    private static final String TEMPLATE = "staff/staff.ftlh";
    private static final String MODEL = StaffConsolePlugin.class.getName() + ".model";
    /** The texts of {@link StaffAccounts}' refusals ({@link IllegalArgumentException} messages). */
    private static final Map<String, String> REFUSALS = Map.of(
            "invalid name", "console.staff.refused.invalidName",
            "name taken", "console.staff.refused.nameTaken",
            "no such account", "console.staff.refused.noSuchAccount",
            "unknown role", "console.staff.refused.unknownRole");

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final transient StaffAccounts accounts;
    private final transient ApiTokens tokens;
    private final transient AuditLog audit;
    private final transient ConsoleViewRenderer views;
    private final transient PasswordHasher generator =
            new PasswordHasher(new SecureRandom(), PasswordHasher.ITERATIONS);

    @Activate
    public StaffConsolePlugin(
            @Reference StaffAccounts accounts,
            @Reference ApiTokens tokens,
            @Reference AuditLog audit,
            @Reference ConsoleViewRenderer views) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.audit = audit;
        this.views = views;
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> model = (Map<String, Object>) request.getAttribute(MODEL);
        if (model == null) {
            model = new HashMap<>();
        }
        model.putIfAbsent("message", "");
        model.putIfAbsent("messageArgs", List.of());
        model.putIfAbsent("problems", List.of());
        model.putIfAbsent("newPassword", "");
        model.putIfAbsent("newToken", "");
        model.put("root", pluginRoot(request));
        model.put("allRoles", ConsoleRoles.ALL);
        model.put("accounts", rows());
        Object status = model.remove("status");
        if (status instanceof Integer code && !response.isCommitted()) {
            response.setStatus(code);
        }
        views.render(request, response, new PageFragment(TEMPLATE, model));
    }

    private List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Account a : accounts.list()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("username", a.username());
            row.put("roles", new ArrayList<>(a.sortedRoles()));
            row.put("disabled", a.disabled());
            row.put("secondFactor", a.hasSecondFactor());
            row.put("recoveryLeft", a.recoveryCodesLeft());
            row.put("mustChange", a.mustChange());
            row.put("created", time(a.createdAt()));
            List<Map<String, Object>> list = new ArrayList<>();
            for (ApiTokens.TokenInfo t : tokens.list(a.username())) {
                list.add(Map.of(
                        "id", t.id(),
                        "label", t.label(),
                        "createdBy", t.createdBy() == null ? "" : t.createdBy(),
                        "created", time(t.createdAt()),
                        "lastUsed", time(t.lastUsedAt())));
            }
            row.put("tokens", list);
            rows.add(row);
        }
        return rows;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> model;
        try {
            model = handle(request);
        } catch (IllegalArgumentException e) {
            model = message(e);
        }
        request.setAttribute(MODEL, model);
    }

    /** Performs one action; returns the model of the answer page. Bad input gives a 400 model. */
    Map<String, Object> handle(HttpServletRequest request) {
        Optional<StaffMember> actor = StaffMember.of(request);
        if (actor.isEmpty()) {
            return refused("console.staff.refused.signIn");
        }
        StaffMember who = actor.get();
        String action = param(request, "action");
        return switch (action) {
            case "create" -> create(request, who);
            case "roles" -> roles(request, who);
            case "disable", "enable" -> disabled(request, who, action.equals("disable"));
            case "password" -> password(request, who);
            case "reset-factor" -> resetFactor(request, who);
            case "create-token" -> createToken(request, who);
            case "revoke-token" -> revokeToken(request, who);
            default -> refused("console.staff.refused.action");
        };
    }

    private Map<String, Object> create(HttpServletRequest request, StaffMember who) {
        String username = param(request, "username");
        if (!StaffAccounts.validName(username)) {
            return refused("console.staff.refused.username");
        }
        if (accounts.find(username).isPresent()) {
            return refused("console.staff.refused.exists", username);
        }
        Set<String> roles = roles(request);
        if (roles == null) {
            return refused("console.staff.refused.roles", String.join(", ", ConsoleRoles.ALL));
        }
        String typed = rawParam(request, "password");
        boolean generated = typed.isEmpty();
        String password = generated ? generator.randomPassword(24) : typed;
        Optional<Map<String, Object>> weak = weak(username, password);
        if (weak.isPresent()) {
            return weak.get();
        }
        accounts.create(username, password.toCharArray(), roles);
        audit.record(
                AuditEntry.by(who, MODULE, "account-created", username).withDetail("roles=" + String.join(",", roles)));
        Map<String, Object> model = done("console.staff.done.created", username);
        if (generated) {
            model.put("newPassword", password);
            model.put("newPasswordFor", username);
        }
        return model;
    }

    private Map<String, Object> roles(HttpServletRequest request, StaffMember who) {
        Optional<Account> account = account(request);
        if (account.isEmpty()) {
            return unknownAccount(request);
        }
        Set<String> roles = roles(request);
        if (roles == null) {
            return refused("console.staff.refused.roles", String.join(", ", ConsoleRoles.ALL));
        }
        Account a = account.get();
        if (!roles.contains(ConsoleRoles.ADMIN) && isLastEnabledAdmin(a)) {
            return refused("console.staff.refused.lastAdminRole", a.username());
        }
        accounts.setRoles(a.username(), roles);
        audit.record(AuditEntry.by(who, MODULE, "roles-changed", a.username())
                .withDetail("roles=" + String.join(",", roles)));
        return done("console.staff.done.roles", a.username());
    }

    private Map<String, Object> disabled(HttpServletRequest request, StaffMember who, boolean disable) {
        Optional<Account> account = account(request);
        if (account.isEmpty()) {
            return unknownAccount(request);
        }
        Account a = account.get();
        if (disable && isLastEnabledAdmin(a)) {
            return refused("console.staff.refused.lastAdminDisable", a.username());
        }
        accounts.setDisabled(a.username(), disable);
        audit.record(AuditEntry.by(who, MODULE, disable ? "account-disabled" : "account-enabled", a.username()));
        return done(disable ? "console.staff.done.disabled" : "console.staff.done.enabled", a.username());
    }

    private Map<String, Object> password(HttpServletRequest request, StaffMember who) {
        Optional<Account> account = account(request);
        if (account.isEmpty()) {
            return unknownAccount(request);
        }
        String username = account.get().username();
        String typed = rawParam(request, "password");
        boolean generated = typed.isEmpty();
        String password = generated ? generator.randomPassword(24) : typed;
        Optional<Map<String, Object>> weak = weak(username, password);
        if (weak.isPresent()) {
            return weak.get();
        }
        accounts.setPassword(username, password.toCharArray(), true);
        audit.record(AuditEntry.by(who, MODULE, "password-set", username));
        Map<String, Object> model = done("console.staff.done.password", username);
        if (generated) {
            model.put("newPassword", password);
            model.put("newPasswordFor", username);
        }
        return model;
    }

    private Map<String, Object> resetFactor(HttpServletRequest request, StaffMember who) {
        Optional<Account> account = account(request);
        if (account.isEmpty()) {
            return unknownAccount(request);
        }
        String username = account.get().username();
        accounts.resetSecondFactor(username);
        audit.record(AuditEntry.by(who, MODULE, "second-factor-reset", username));
        return done("console.staff.done.factor", username);
    }

    private Map<String, Object> createToken(HttpServletRequest request, StaffMember who) {
        Optional<Account> account = account(request);
        if (account.isEmpty()) {
            return unknownAccount(request);
        }
        String label = param(request, "label");
        if (label.isEmpty() || label.length() > MAX_LABEL || label.chars().anyMatch(Character::isISOControl)) {
            return refused("console.staff.refused.label", Integer.toString(MAX_LABEL));
        }
        String username = account.get().username();
        ApiTokens.NewToken token = tokens.create(username, label, who.username());
        audit.record(AuditEntry.by(who, MODULE, "token-created", token.id()).withDetail("account=" + username));
        Map<String, Object> model = done("console.staff.done.token", token.id(), username);
        model.put("newToken", token.text());
        return model;
    }

    private Map<String, Object> revokeToken(HttpServletRequest request, StaffMember who) {
        String id = param(request, "id");
        if (id.isEmpty() || id.length() > MAX_LABEL || !id.matches("[A-Za-z0-9_-]+")) {
            return refused("console.staff.refused.tokenId");
        }
        Optional<String> owner = tokens.revoke(id);
        if (owner.isEmpty()) {
            return refused("console.staff.refused.noToken", id);
        }
        audit.record(AuditEntry.by(who, MODULE, "token-revoked", id).withDetail("account=" + owner.get()));
        return done("console.staff.done.revoked", id);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private boolean isLastEnabledAdmin(Account a) {
        if (a.disabled() || !a.roles().contains(ConsoleRoles.ADMIN)) {
            return false;
        }
        return accounts.list().stream()
                .filter(o -> !o.disabled() && o.roles().contains(ConsoleRoles.ADMIN))
                .allMatch(o -> o.username().equals(a.username()));
    }

    private Optional<Account> account(HttpServletRequest request) {
        String username = param(request, "username");
        return StaffAccounts.validName(username) ? accounts.find(username) : Optional.empty();
    }

    private static Map<String, Object> unknownAccount(HttpServletRequest request) {
        if (param(request, "username").isEmpty()) {
            return refused("console.staff.refused.usernameMissing");
        }
        return refused("console.staff.refused.unknownAccount");
    }

    /** The checked roles, or null when one is unknown. */
    static Set<String> roles(HttpServletRequest request) {
        String[] values = request.getParameterValues("roles");
        Set<String> roles = new LinkedHashSet<>();
        if (values != null) {
            for (String v : values) {
                if (!ConsoleRoles.ALL.contains(v)) {
                    return null;
                }
                roles.add(v);
            }
        }
        return roles;
    }

    /** The 400 answer to a password that is too long or too weak; empty when it is fine. */
    private static Optional<Map<String, Object>> weak(String username, String password) {
        if (password.length() > MAX_PASSWORD) {
            return Optional.of(refused("console.staff.refused.passwordLength", Integer.toString(MAX_PASSWORD)));
        }
        List<String> problems = PasswordPolicy.standard().check(username, password);
        if (!problems.isEmpty()) {
            Map<String, Object> model = refused("console.staff.refused.password");
            model.put("problems", List.copyOf(problems));
            return Optional.of(model);
        }
        return Optional.empty();
    }

    /**
     * The 400 answer to a refusal of {@link StaffAccounts} (a race with another admin: the page checks
     * first): its known reasons have texts, any other is shown as it is.
     */
    static Map<String, Object> message(IllegalArgumentException e) {
        String m = e.getMessage();
        if (m == null) {
            return refused("console.staff.refused.badInput");
        }
        String key = REFUSALS.get(m);
        return key == null ? refused("console.staff.refused.other", m) : refused(key);
    }

    /** The answer's model: its message {@code key} and the key's {@code args}, a 400 status. */
    private static Map<String, Object> refused(String key, String... args) {
        Map<String, Object> model = done(key, args);
        model.put("status", HttpServletResponse.SC_BAD_REQUEST);
        return model;
    }

    /** The answer's model: its message {@code key} and the key's {@code args}. */
    private static Map<String, Object> done(String key, String... args) {
        Map<String, Object> model = new HashMap<>();
        model.put("message", key);
        model.put("messageArgs", List.of(args));
        return model;
    }

    private static String time(OffsetDateTime t) {
        return t == null ? "" : TIME.format(t);
    }

    static String param(HttpServletRequest request, String name) {
        String v = request.getParameter(name);
        return v == null ? "" : v.strip();
    }

    private static String rawParam(HttpServletRequest request, String name) {
        String v = request.getParameter(name);
        return v == null ? "" : v;
    }

    private static String pluginRoot(HttpServletRequest request) {
        Object root = request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT);
        return root == null ? LABEL : root.toString();
    }
}
