package org.cec.portal.api.events;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of the durable event log.
 *
 * @param id the event id: unique, growing in commit order
 * @param type the event type, such as {@code intake.submitted}
 * @param payload the event's data as appended
 * @param appendedAt when the transaction that appended it wrote it
 */
public record PortalEvent(long id, String type, String payload, Instant appendedAt) {

    public PortalEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(appendedAt, "appendedAt");
    }
}
