package org.cec.portal.api.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * An entry as the audit log stored it.
 *
 * @param seq its place in the log (1, 2, 3, …, without gaps)
 * @param at when it was recorded
 * @param entry what was recorded
 * @since 1.1
 */
public record RecordedEntry(long seq, Instant at, AuditEntry entry) {

    public RecordedEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(entry, "entry");
    }
}
