package org.cec.portal.directory.internal.search;

import java.util.ArrayList;
import java.util.List;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.directory.internal.store.ContractorChanges;

/** Stored contractors in memory: each {@link #put} is one change, the listeners are told at once. */
final class MemoryChanges implements ContractorChanges {

    private record Row(Contractor contractor, long revision) {}

    private final java.util.Map<String, Row> rows = new java.util.LinkedHashMap<>();
    private final List<Runnable> listeners = new ArrayList<>();
    private long revision;

    synchronized void put(Contractor... contractors) {
        revision++;
        for (Contractor c : contractors) {
            rows.remove(c.id());
            rows.put(c.id(), new Row(c, revision));
        }
        listeners.forEach(Runnable::run);
    }

    @Override
    public synchronized long revision() {
        return revision;
    }

    @Override
    public synchronized Changes since(long since) {
        return new Changes(
                rows.values().stream()
                        .filter(r -> r.revision() > since)
                        .map(Row::contractor)
                        .toList(),
                revision);
    }

    @Override
    public synchronized boolean isEmpty() {
        return rows.isEmpty();
    }

    @Override
    public synchronized void addListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public synchronized void removeListener(Runnable listener) {
        listeners.remove(listener);
    }
}
