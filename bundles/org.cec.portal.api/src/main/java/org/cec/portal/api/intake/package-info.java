/**
 * Homeowner service requests: what a partner plugin adds to the request form at {@code /request}.
 *
 * <ul>
 *   <li>{@link org.cec.portal.api.intake.ServiceType}: a kind of service a homeowner can ask for (a
 *       checkbox on the form's services step, an id in {@code POST /api/v1/requests}).
 *   <li>{@link org.cec.portal.api.intake.IntakeSection}: a titled group of extra questions, described
 *       declaratively as {@link org.cec.portal.api.intake.IntakeField}s and checked by the section's
 *       own {@link org.cec.portal.api.intake.IntakeSection#validate validation}; the answers are stored
 *       with the request, keyed by section id and version, and shown to staff.
 *   <li>{@link org.cec.portal.api.intake.ServiceRequests}: read access to submitted requests
 *       ({@link org.cec.portal.api.intake.ServiceRequest}) for the modules that act on them, such as
 *       the contractor directory (since 1.1).
 * </ul>
 *
 * <p>Register either as an OSGi service: it is on the next form page that is loaded. Unregister it
 * (stop the bundle) and it is gone from the form, while the requests stored with its answers keep
 * them.
 */
@Version("1.1.0")
package org.cec.portal.api.intake;

import org.osgi.annotation.versioning.Version;
