package org.cec.portal.admin.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.felix.webconsole.spi.SecurityProvider;
import org.cec.portal.admin.internal.access.ConsolePages;
import org.cec.portal.admin.internal.accounts.Account;
import org.cec.portal.admin.internal.accounts.StaffAccounts;
import org.cec.portal.admin.internal.sessions.StaffSession;
import org.cec.portal.admin.internal.sessions.StaffSessions;
import org.cec.portal.admin.internal.sessions.Stage;
import org.cec.portal.admin.internal.sessions.TokenHolders;
import org.cec.portal.admin.internal.signin.SignInPaths;
import org.cec.portal.admin.internal.signin.StaffCookie;
import org.cec.portal.api.staff.ConsoleRoles;
import org.cec.portal.api.staff.StaffMember;
import org.cec.portal.api.web.CookieProtection;
import org.cec.portal.api.web.View;
import org.cec.portal.api.web.ViewRenderer;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Web Console's only way in. A request is a staff member's when it carries the console session
 * cookie {@code cec_staff} of a session that completed the sign-in at {@code /system/sign-in}, or an
 * API token ({@code Authorization: Bearer}); anything else is sent to the sign-in page. Then the page
 * asked for must be one the account's roles may open ({@link ConsolePages}); otherwise the answer is
 * 403 with a page that says so. An admin without a second factor is sent to enrol one first.
 *
 * <p>The console lists this provider's id as required, so while this component is not running the
 * console refuses everyone.
 */
@Component(service = SecurityProvider.class, property = SecurityProvider.PROPERTY_ID + "=" + ConsoleSecurityProvider.ID)
public final class ConsoleSecurityProvider implements SecurityProvider {

    /** The id the framework property {@code felix.webconsole.security.providers} names. */
    public static final String ID = "cec-portal";

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSecurityProvider.class);

    private final StaffAccounts accounts;
    private final StaffSessions sessions;
    private final TokenHolders tokens;
    private final ConsolePages pages;
    private final CookieProtection cookies;
    private final ViewRenderer views;
    private final String root;

    @Activate
    public ConsoleSecurityProvider(
            BundleContext context,
            @Reference StaffAccounts accounts,
            @Reference StaffSessions sessions,
            @Reference TokenHolders tokens,
            @Reference ConsolePages pages,
            @Reference CookieProtection cookies,
            @Reference ViewRenderer views) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.tokens = tokens;
        this.pages = pages;
        this.cookies = cookies;
        this.views = views;
        String configured = context.getProperty("felix.webconsole.manager.root");
        this.root = configured == null || configured.isBlank() ? "/system/console" : configured;
    }

    /** A signed-in staff member: the user object the console hands back to {@link #authorize}. */
    record Staff(Account account, String sessionId) {}

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        try {
            Optional<Staff> staff = signedIn(request, response);
            if (staff.isEmpty()) {
                return null;
            }
            Account account = staff.get().account();
            String label = ConsolePages.label(request.getRequestURI(), root);
            String decoded = ConsolePages.label(path(request), root);
            if (label.isEmpty() && decoded.isEmpty() && !account.roles().contains(ConsoleRoles.ADMIN)) {
                Optional<String> first = pages.firstAllowed(account);
                if (first.isPresent()) {
                    redirect(response, root + "/" + first.get());
                    return null;
                }
            }
            if (!pages.allows(account, label) || !pages.allows(account, decoded)) {
                forbidden(request, response, account, decoded);
                return null;
            }
            request.setAttribute(
                    StaffMember.REQUEST_ATTRIBUTE,
                    new StaffMember(account.username(), account.roles(), request.getRemoteAddr()));
            return staff.get();
        } catch (RuntimeException e) {
            // the database is unreachable, say: nobody gets in, and the answer says so without details
            LOG.warn("Console sign-in check failed: {}", e.getClass().getName());
            try {
                if (!response.isCommitted()) {
                    response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Sign-in is unavailable right now.");
                }
            } catch (IOException | IllegalStateException gone) {
                // the client went away
            }
            return null;
        }
    }

    /** The staff member of the request, or empty after having answered it (sign-in page, 401). */
    private Optional<Staff> signedIn(HttpServletRequest request, HttpServletResponse response) throws RuntimeException {
        Optional<String> token = TokenHolders.bearer(request);
        if (token.isPresent()) {
            Optional<Account> account = tokens.account(token.get());
            if (account.isEmpty()) {
                unauthorized(response);
                return Optional.empty();
            }
            return Optional.of(new Staff(account.get(), null));
        }
        Optional<StaffSession> session = StaffCookie.sessionId(request, cookies).flatMap(sessions::find);
        if (session.isEmpty()) {
            toSignIn(request, response);
            return Optional.empty();
        }
        if (session.get().stage() != Stage.SIGNED_IN) {
            redirect(response, session.get().stage().path());
            return Optional.empty();
        }
        Optional<Account> account = accounts.find(session.get().username()).filter(a -> !a.disabled());
        if (account.isEmpty()) {
            sessions.end(session.get().id());
            toSignIn(request, response);
            return Optional.empty();
        }
        if (account.get().needsSecondFactor()) {
            redirect(response, Stage.TOTP_ENROL.path());
            return Optional.empty();
        }
        return Optional.of(new Staff(account.get(), session.get().id()));
    }

    @Override
    public boolean authorize(Object user, String role) {
        return user instanceof Staff staff && staff.account().hasRole(role);
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        StaffCookie.sessionId(request, cookies).ifPresent(sessions::end);
        StaffCookie.clear(request, response);
    }

    private static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String info = request.getPathInfo();
        return (servletPath == null ? "" : servletPath) + (info == null ? "" : info);
    }

    private void toSignIn(HttpServletRequest request, HttpServletResponse response) {
        String next = request.getRequestURI();
        String query = request.getQueryString();
        if ("GET".equals(request.getMethod()) && query != null && query.length() < 500) {
            next = next + "?" + query;
        }
        boolean page = "GET".equals(request.getMethod()) && next.length() < 1000;
        redirect(
                response,
                SignInPaths.SIGN_IN + (page ? "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8) : ""));
    }

    private static void redirect(HttpServletResponse response, String location) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location);
        response.setHeader("Cache-Control", "no-store");
    }

    private static void unauthorized(HttpServletResponse response) {
        try {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"CEC Portal console\"");
            response.sendError(
                    HttpServletResponse.SC_UNAUTHORIZED, "The API token is unknown, revoked or its account disabled.");
        } catch (IOException | IllegalStateException e) {
            // the client went away; it stays refused
        }
    }

    private void forbidden(HttpServletRequest request, HttpServletResponse response, Account account, String label) {
        try {
            response.setHeader("Cache-Control", "no-store");
            views.render(
                    request,
                    response,
                    new View(
                            "signin/forbidden.ftlh",
                            "%signin.forbidden.title",
                            Map.of(
                                    "username", account.username(),
                                    "roles", String.join(", ", account.sortedRoles()),
                                    "page", label,
                                    "allowed", String.join(", ", new java.util.TreeSet<>(pages.rolesOf(label))),
                                    "home", root),
                            HttpServletResponse.SC_FORBIDDEN));
        } catch (IOException | RuntimeException e) {
            try {
                if (!response.isCommitted()) {
                    response.sendError(HttpServletResponse.SC_FORBIDDEN, "Your role may not open this page.");
                }
            } catch (IOException | IllegalStateException gone) {
                // the client went away
            }
        }
    }
}
