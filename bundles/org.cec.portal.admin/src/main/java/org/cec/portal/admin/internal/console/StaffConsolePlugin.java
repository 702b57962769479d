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
 * neither be disabled nor lose the admin role. The page is {@code templates/staff/staff.ftlh}.
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
            model = refused(message(e));
        }
        request.setAttribute(MODEL, model);
    }

    /** Performs one action; returns the model of the answer page. Bad input gives a 400 model. */
    Map<String, Object> handle(HttpServletRequest request) {
        Optional<StaffMember> actor = StaffMember.of(request);
        if (actor.isEmpty()) {
            return refused("Sign in first.");
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
            default -> refused("Unknown action: use create, roles, disable, enable, password, reset-factor,"
                    + " create-token or revoke-token.");
        };
    }

    private Map<String, Object> create(HttpServletRequest request, StaffMember who) {
        String username = param(request, "username");
        if (!StaffAccounts.validName(username)) {
            return refused("username is not a valid account name (letters, digits, dots, dashes).");
        }
        if (accounts.find(username).isPresent()) {
            return refused("An account " + username + " exists already.");
        }
        Set<String> roles = roles(request);
        if (roles == null) {
            return refused("roles must be among " + String.join(", ", ConsoleRoles.ALL) + ".");
        }
        String typed = rawParam(request, "password");
        boolean generated = typed.isEmpty();
        String password = generated ? generator.randomPassword(24) : typed;
        Optional<String> weak = weak(username, password);
        if (weak.isPresent()) {
            return refused(weak.get());
        }
        accounts.create(username, password.toCharArray(), roles);
        audit.record(
                AuditEntry.by(who, MODULE, "account-created", username).withDetail("roles=" + String.join(",", roles)));
        Map<String, Object> model =
                done("Account " + username + " created; it must change its password at" + " first sign-in.");
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
            return refused("roles must be among " + String.join(", ", ConsoleRoles.ALL) + ".");
        }
        Account a = account.get();
        if (!roles.contains(ConsoleRoles.ADMIN) && isLastEnabledAdmin(a)) {
            return refused(a.username() + " is the last enabled admin: give another account the admin role first,"
                    + " or nobody could manage the portal.");
        }
        accounts.setRoles(a.username(), roles);
        audit.record(AuditEntry.by(who, MODULE, "roles-changed", a.username())
                .withDetail("roles=" + String.join(",", roles)));
        return done("Roles of " + a.username() + " changed.");
    }

    private Map<String, Object> disabled(HttpServletRequest request, StaffMember who, boolean disable) {
        Optional<Account> account = account(request);
        if (account.isEmpty()) {
            return unknownAccount(request);
        }
        Account a = account.get();
        if (disable && isLastEnabledAdmin(a)) {
            return refused(a.username() + " is the last enabled admin: it cannot be disabled, or nobody could"
                    + " manage the portal.");
        }
        accounts.setDisabled(a.username(), disable);
        audit.record(AuditEntry.by(who, MODULE, disable ? "account-disabled" : "account-enabled", a.username()));
        return done("Account " + a.username() + (disable ? " disabled; its sessions ended." : " enabled."));
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
        Optional<String> weak = weak(username, password);
        if (weak.isPresent()) {
            return refused(weak.get());
        }
        accounts.setPassword(username, password.toCharArray(), true);
        audit.record(AuditEntry.by(who, MODULE, "password-set", username));
        Map<String, Object> model =
                done("Password of " + username + " set; it must change it at the next sign-in. Its sessions ended.");
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
        return done("Second factor of " + username + " reset; it enrols a new one at its next sign-in.");
    }

    private Map<String, Object> createToken(HttpServletRequest request, StaffMember who) {
        Optional<Account> account = account(request);
        if (account.isEmpty()) {
            return unknownAccount(request);
        }
        String label = param(request, "label");
        if (label.isEmpty() || label.length() > MAX_LABEL || label.chars().anyMatch(Character::isISOControl)) {
            return refused("label must be 1 to " + MAX_LABEL + " characters on one line.");
        }
        String username = account.get().username();
        ApiTokens.NewToken token = tokens.create(username, label, who.username());
        audit.record(AuditEntry.by(who, MODULE, "token-created", token.id()).withDetail("account=" + username));
        Map<String, Object> model =
                done("Token " + token.id() + " created for " + username + ". Copy it now: it is not shown again.");
        model.put("newToken", token.text());
        return model;
    }

    private Map<String, Object> revokeToken(HttpServletRequest request, StaffMember who) {
        String id = param(request, "id");
        if (id.isEmpty() || id.length() > MAX_LABEL || !id.matches("[A-Za-z0-9_-]+")) {
            return refused("id must be the id of a token.");
        }
        Optional<String> owner = tokens.revoke(id);
        if (owner.isEmpty()) {
            return refused("No token " + id + ".");
        }
        audit.record(AuditEntry.by(who, MODULE, "token-revoked", id).withDetail("account=" + owner.get()));
        return done("Token " + id + " revoked.");
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
            return refused("username is missing.");
        }
        return refused("username must be an existing account.");
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

    private static Optional<String> weak(String username, String password) {
        if (password.length() > MAX_PASSWORD) {
            return Optional.of("password must be at most " + MAX_PASSWORD + " characters.");
        }
        List<String> problems = PasswordPolicy.standard().check(username, password);
        if (!problems.isEmpty()) {
            return Optional.of("The password is refused: at least 12 characters, not a common password, not the"
                    + " account name (" + String.join(", ", problems) + ").");
        }
        return Optional.empty();
    }

    private static String message(IllegalArgumentException e) {
        String m = e.getMessage();
        return "Refused: " + (m == null ? "bad input" : m) + ".";
    }

    private static Map<String, Object> refused(String message) {
        Map<String, Object> model = new HashMap<>();
        model.put("message", message);
        model.put("status", HttpServletResponse.SC_BAD_REQUEST);
        return model;
    }

    private static Map<String, Object> done(String message) {
        Map<String, Object> model = new HashMap<>();
        model.put("message", message);
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
