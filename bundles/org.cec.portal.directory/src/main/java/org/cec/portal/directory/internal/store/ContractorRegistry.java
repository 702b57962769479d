package org.cec.portal.directory.internal.store;

import java.util.List;
import java.util.Optional;
import org.cec.portal.api.directory.Contractor;

/**
 * The contractors the portal itself stores (source {@code built-in}, and {@code demo}), active or not:
 * what staff create, edit, deactivate and import. Every change is committed with one {@code
 * directory.contractor-changed} event and reaches search within a second. Partner sources are not here.
 */
public interface ContractorRegistry {

    /** Every stored contractor, active or not, by business name. */
    List<Contractor> all();

    /** The stored contractor with this id, or empty. */
    Optional<Contractor> find(String id);

    /** Creates or replaces the contractor with {@code contractor.id()}; returns what is stored. */
    Contractor save(Contractor contractor);

    /** Activates or deactivates a stored contractor; false when there is none with this id. */
    boolean setActive(String id, boolean active);

    /**
     * Creates or replaces all of {@code contractors} in one transaction: all of them are stored, or
     * (on any failure) none. {@code progress} is told how many are written so far.
     *
     * @return how many were stored
     */
    int importAll(List<Contractor> contractors, java.util.function.IntConsumer progress);

    /** A new id for a contractor created by staff. */
    String newId();
}
