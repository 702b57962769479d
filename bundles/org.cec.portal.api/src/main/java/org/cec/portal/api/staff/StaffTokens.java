package org.cec.portal.api.staff;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Staff API tokens outside the Web Console: a page or API of the portal's own (or a partner's) that
 * gives staff more than it gives anyone else asks this service who the request's {@code
 * Authorization: Bearer} token belongs to. Tokens are made on the console's Staff page; the portal's
 * {@code /health} shows the checks' messages to an admin's token this way.
 *
 * <pre>{@code
 * @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
 * private volatile StaffTokens tokens;
 *
 * boolean admin = tokens != null && tokens.holder(request).filter(m -> m.hasRole(ConsoleRoles.ADMIN)).isPresent();
 * }</pre>
 *
 * <p>The console's session cookie is not accepted here: it is sent to {@code /system} only. A refused or
 * missing token is no error: the caller answers as it answers anyone.
 *
 * @since 1.2
 */
@ProviderType
public interface StaffTokens {

    /**
     * The staff member whose valid token the request carries in {@code Authorization: Bearer}; empty
     * without that header, for an unknown or revoked token, a disabled account, or when the accounts
     * cannot be read right now.
     */
    Optional<StaffMember> holder(HttpServletRequest request);
}
