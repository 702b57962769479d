/**
 * Who is signed in to the Web Console, and which roles may open a console page.
 * <ul>
 *   <li>{@link org.cec.portal.api.staff.ConsoleRoles}: the roles and the service property with which
 *       a console plugin (a {@code felix.webconsole.label} servlet, the portal's or a partner's) names
 *       the roles that may open it. A plugin without it is for {@code admin} only.
 *   <li>{@link org.cec.portal.api.staff.StaffMember}: the signed-in staff member of a console request,
 *       for the audit log and for what a page shows.
 *   <li>{@link org.cec.portal.api.staff.StaffTokens}: who a staff API token outside the console belongs
 *       to (since 1.2).
 * </ul>
 */
@Version("1.2.0")
package org.cec.portal.api.staff;

import org.osgi.annotation.versioning.Version;
