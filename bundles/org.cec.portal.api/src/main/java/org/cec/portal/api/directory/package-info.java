/**
 * The contractor directory: qualified clean-energy contractors a homeowner finds by ZIP code and
 * radius, and chooses to contact.
 * <ul>
 *   <li>{@link org.cec.portal.api.directory.Contractor}: one contractor with its services, service
 *       area, credentials and public contact details.
 *   <li>{@link org.cec.portal.api.directory.ContractorSource}: a partner plugin supplies contractors
 *       from its own system; they appear in search tagged with the source and disappear when the
 *       plugin stops.
 *   <li>{@link org.cec.portal.api.directory.ContractorDirectory}: searching and reading the directory
 *       (every source together), for plugins that show contractors in their own pages.
 *   <li>{@link org.cec.portal.api.directory.ContractorChoices}: the links a homeowner and a contractor
 *       use (choosing contractors for a request, reporting a lead's outcome), for the module that
 *       sends them by email.
 *   <li>{@link org.cec.portal.api.directory.ContractorDisclosures}: which contractors received a
 *       person's request ({@link org.cec.portal.api.directory.Disclosure}), for the module that asks
 *       them to delete it after an erasure (since 1.2).
 * </ul>
 * <p>Events the directory appends to the event log: {@code directory.contact-requested} (a homeowner
 * chose a contractor: the request's data was disclosed to it), {@code directory.contractors-chosen}
 * (once per choice that disclosed the request to someone new, after that choice's contact-requested
 * events and in the same transaction: the request's {@code reference}, the {@code contractors} chosen and
 * their {@code disclosures} in the same order, the request's {@code language}; the email module sends
 * the homeowner one note naming them), {@code directory.lead-updated} (a
 * contractor reported an outcome), {@code directory.contractor-changed} (staff created, changed or
 * deactivated a contractor), {@code directory.outbound-click} (a visitor followed a contractor's
 * website link).
 */
@Version("1.2.0")
package org.cec.portal.api.directory;

import org.osgi.annotation.versioning.Version;
