package org.cec.portal.api.directory;

import java.util.Objects;

/**
 * A contractor found by a search.
 *
 * @param contractor the contractor
 * @param distanceMiles the distance from the searched ZIP's centre to the contractor's base
 * @param sourceLabel the label of its source in the language asked for ("Demo" for demonstration data)
 */
public record ContractorMatch(Contractor contractor, double distanceMiles, String sourceLabel) {

    public ContractorMatch {
        Objects.requireNonNull(contractor, "contractor");
        sourceLabel = sourceLabel == null ? "" : sourceLabel;
    }
}
