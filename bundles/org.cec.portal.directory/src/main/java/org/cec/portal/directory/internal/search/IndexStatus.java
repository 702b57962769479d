package org.cec.portal.directory.internal.search;

import java.util.List;

/** What the directory's index holds and how its sources fare: for the health check. */
public interface IndexStatus {

    /** One partner source in use. */
    record Source(String id, int contractors, boolean read, String failure) {}

    /**
     * @param contractors every contractor the index holds
     * @param searchable the active ones
     * @param storeRead whether the stored contractors were read at least once
     * @param storeFailure why the last reading of the stored contractors failed; empty if it did not
     * @param sources the partner sources in use
     */
    record Status(int contractors, int searchable, boolean storeRead, String storeFailure, List<Source> sources) {}

    Status status();
}
