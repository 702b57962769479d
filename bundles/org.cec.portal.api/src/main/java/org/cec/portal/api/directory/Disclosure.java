package org.cec.portal.api.directory;

import java.time.Instant;
import java.util.Objects;

/**
 * One time a person's service request was given to a contractor, because the person chose that
 * contractor.
 *
 * @param contractorId the contractor's id, as {@link ContractorDirectory#find} takes it
 * @param requestReference the service request's reference
 * @param sharedAt when the request was given to the contractor
 * @since 1.2
 */
public record Disclosure(String contractorId, String requestReference, Instant sharedAt) {

    public Disclosure {
        Objects.requireNonNull(contractorId, "contractorId");
        Objects.requireNonNull(requestReference, "requestReference");
        Objects.requireNonNull(sharedAt, "sharedAt");
    }
}
