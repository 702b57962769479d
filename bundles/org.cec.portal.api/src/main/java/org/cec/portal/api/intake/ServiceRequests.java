package org.cec.portal.api.intake;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Read access to submitted service requests, for modules that act on them (the contractor directory
 * passes a request to the contractors its homeowner chose). The intake module registers one instance;
 * the requests stay in its tables.
 * <p>The confirmation page of a request that was just submitted carries the request's reference in the
 * request attribute {@link #CONFIRMED_ATTRIBUTE}: a {@link org.cec.portal.api.web.PageContribution} in
 * the slot {@code MAIN} can add to that page (the directory offers the contractors to choose from).
 * @since 1.1
 */
@ProviderType
public interface ServiceRequests {

    /** Request attribute (a {@code String}, the reference) set while the confirmation page is rendered. */
    String CONFIRMED_ATTRIBUTE = "org.cec.portal.intake.confirmed";

    /** The submitted request with this reference, or empty (unknown, or erased). */
    Optional<ServiceRequest> find(String reference);

    /** The references of the requests submitted with this normalised email address, oldest first. */
    List<String> referencesOf(String normalisedEmail);
}
