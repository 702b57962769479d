package org.cec.portal.api.directory;

import java.util.List;
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

    /**
     * The names of the certifications that active contractors hold and that are valid today, each once
     * (names that differ only in case are one, spelled as first met), sorted ignoring case: the choices
     * of a certification filter. At most 100.
     *
     * @since 1.1
     */
    List<String> certificationNames();
}
