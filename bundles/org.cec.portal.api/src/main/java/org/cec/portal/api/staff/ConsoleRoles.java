package org.cec.portal.api.staff;

import java.util.List;

/**
 * The roles of staff accounts, and how a console plugin declares who may open it.
 *
 * <pre>{@code
 * @Component(service = Servlet.class, property = {
 *     ServletConstants.PLUGIN_LABEL + "=partner-leads",
 *     ServletConstants.PLUGIN_TITLE + "=Partner leads",
 *     ConsoleRoles.PROPERTY + "=" + ConsoleRoles.STAFF})
 * public final class PartnerLeadsPlugin extends AbstractServlet { ... }
 * }</pre>
 *
 * <p>{@link #ADMIN} may open every page, declared or not. A page that declares no roles is for
 * {@code admin} only; a request of another role gets 403 with a page that says so, never the page.
 */
public final class ConsoleRoles {

    /**
     * Service property of a console plugin: the roles (a string or a string array) that may open it,
     * besides {@link #ADMIN}.
     */
    public static final String PROPERTY = "cec.console.roles";

    /** Everything: bundles, configuration, components, logs, the shell, staff accounts, the audit log. */
    public static final String ADMIN = "admin";

    /** The portal's pages with personal data (requests, contractors, consent records, email), nothing of the framework. */
    public static final String STAFF = "staff";

    /** The analytics dashboards and aggregate counts only, never a page with personal data. */
    public static final String ANALYST = "analyst";

    /** Installing, updating and configuring partner plugins (bundles and configuration), no personal data. */
    public static final String PARTNER_MANAGER = "partner-manager";

    /** Every role, in the order the console lists them. */
    public static final List<String> ALL = List.of(ADMIN, STAFF, ANALYST, PARTNER_MANAGER);

    private ConsoleRoles() {}
}
