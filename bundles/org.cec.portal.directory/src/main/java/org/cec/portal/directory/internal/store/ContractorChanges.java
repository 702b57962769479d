package org.cec.portal.directory.internal.store;

import java.util.List;
import org.cec.portal.api.directory.Contractor;

/**
 * How the search index follows the stored contractors: a cheap change marker to poll (changes made on
 * another portal node), the rows changed since a marker, and a call-back right after each change
 * committed on this node.
 */
public interface ContractorChanges {

    /** The stored contractors changed after {@code revision} (all of them from 0), as of {@code revision}. */
    record Changes(List<Contractor> contractors, long revision) {}

    /** The current change marker; it grows with every committed change. */
    long revision();

    /** Every contractor changed after {@code revision}, active or not, and the marker they bring the reader to. */
    Changes since(long revision);

    /** Whether no contractor is stored at all. */
    boolean isEmpty();

    /** Calls {@code listener} (on the changing thread) after each change committed on this node. */
    void addListener(Runnable listener);

    void removeListener(Runnable listener);
}
