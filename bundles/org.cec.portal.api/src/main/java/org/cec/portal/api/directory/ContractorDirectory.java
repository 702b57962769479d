package org.cec.portal.api.directory;

import java.util.Locale;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads the directory: the active contractors of every source together (staff's, demonstration data,
 * and each registered {@link ContractorSource}). The directory module registers one instance.
 * Answers come from memory and reflect changes within a second.
 */
@ProviderType
public interface ContractorDirectory {

    /**
     * The contractors who serve the query's ZIP (it is within their service radius of their base, or in
     * their list of served ZIPs), whose base is within the query's radius, and who pass its filters.
     *
     * @param locale the language source labels are given in
     * @throws IllegalArgumentException when the query's ZIP does not exist
     */
    SearchResult search(ContractorQuery query, Locale locale);

    /** The contractor with this id, active or not, or empty. */
    Optional<Contractor> find(String id);
}
