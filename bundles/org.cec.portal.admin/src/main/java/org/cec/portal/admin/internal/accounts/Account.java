package org.cec.portal.admin.internal.accounts;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.TreeSet;
import org.cec.portal.api.staff.ConsoleRoles;

/**
 * A staff account as stored, without its secrets' values: whether it has a second factor, not the
 * factor itself.
 *
 * @param mustChange the password was generated or set by an admin and must be replaced at sign-in
 * @param hasSecondFactor a TOTP secret is enrolled
 * @param recoveryCodesLeft unused recovery codes
 */
public record Account(
        String username,
        Set<String> roles,
        boolean mustChange,
        boolean disabled,
        boolean hasSecondFactor,
        int recoveryCodesLeft,
        OffsetDateTime createdAt,
        OffsetDateTime changedAt) {

    public Account {
        roles = Set.copyOf(roles);
    }

    /** Whether the account has {@code role}; admin has every role. */
    public boolean hasRole(String role) {
        return roles.contains(role) || roles.contains(ConsoleRoles.ADMIN);
    }

    /** Admins must have a second factor before they reach any console page. */
    public boolean needsSecondFactor() {
        return roles.contains(ConsoleRoles.ADMIN) && !hasSecondFactor;
    }

    /** The roles in a stable order, for pages. */
    public Set<String> sortedRoles() {
        return new TreeSet<>(roles);
    }
}
