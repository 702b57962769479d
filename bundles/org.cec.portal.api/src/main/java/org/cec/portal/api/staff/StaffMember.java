package org.cec.portal.api.staff;

import jakarta.servlet.ServletRequest;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The staff member signed in for a Web Console request: the console's security provider puts it on
 * the request as {@link #REQUEST_ATTRIBUTE} before any console plugin runs.
 *
 * @param username the account's name
 * @param roles the account's roles (see {@link ConsoleRoles})
 * @param address the client address of the request, as the web layer resolved it (a forwarded
 *     address only from a trusted proxy)
 */
public record StaffMember(String username, Set<String> roles, String address) {

    /** The request attribute that holds the signed-in staff member. */
    public static final String REQUEST_ATTRIBUTE = "org.cec.portal.staff.member";

    public StaffMember {
        Objects.requireNonNull(username, "username");
        roles = Set.copyOf(roles);
        address = address == null ? "" : address;
    }

    /** The staff member of a console request, or empty outside the console (or before sign-in). */
    public static Optional<StaffMember> of(ServletRequest request) {
        Object member = request.getAttribute(REQUEST_ATTRIBUTE);
        return member instanceof StaffMember m ? Optional.of(m) : Optional.empty();
    }

    /**
     * The staff member of a console request that the console let through: what a console plugin
     * records in the audit log as the actor.
     *
     * @throws IllegalStateException when the request carries no staff member (it did not come
     *     through the console's sign-in)
     * @since 1.1
     */
    public static StaffMember signedIn(ServletRequest request) {
        return of(request)
                .orElseThrow(() -> new IllegalStateException("The console did not name the signed-in staff member"));
    }

    /** Whether the member has {@code role}; an {@link ConsoleRoles#ADMIN admin} has every role. */
    public boolean hasRole(String role) {
        return roles.contains(role) || roles.contains(ConsoleRoles.ADMIN);
    }
}
