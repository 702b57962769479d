package org.cec.portal.admin.internal.sessions;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.cec.portal.admin.internal.accounts.Account;
import org.cec.portal.admin.internal.accounts.StaffAccounts;
import org.cec.portal.api.staff.StaffMember;
import org.cec.portal.api.staff.StaffTokens;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who an {@code Authorization: Bearer} token belongs to: the console's security provider asks it, and
 * so does any page outside the console through the SDK's {@link StaffTokens}. A token counts only while
 * it is not revoked and its account is enabled.
 */
@Component(service = {TokenHolders.class, StaffTokens.class})
public final class TokenHolders implements StaffTokens {

    private static final Logger LOG = LoggerFactory.getLogger(TokenHolders.class);
    private static final String SCHEME = "Bearer ";

    private final ApiTokens tokens;
    private final StaffAccounts accounts;

    @Activate
    public TokenHolders(@Reference ApiTokens tokens, @Reference StaffAccounts accounts) {
        this.tokens = tokens;
        this.accounts = accounts;
    }

    /** The token of a request's {@code Authorization: Bearer} header, or empty without one. */
    public static Optional<String> bearer(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(SCHEME.length()).strip());
    }

    /** The enabled account a token belongs to; empty for an unknown or revoked token or a disabled account. */
    public Optional<Account> account(String token) {
        return tokens.verify(token).flatMap(t -> accounts.find(t.username())).filter(a -> !a.disabled());
    }

    @Override
    public Optional<StaffMember> holder(HttpServletRequest request) {
        Optional<String> token = bearer(request);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        try {
            return account(token.get()).map(a -> new StaffMember(a.username(), a.roles(), request.getRemoteAddr()));
        } catch (RuntimeException e) {
            // the database is unreachable, say: the caller answers as it answers anyone
            LOG.warn("Staff token check failed: {}", e.getClass().getName());
            return Optional.empty();
        }
    }
}
