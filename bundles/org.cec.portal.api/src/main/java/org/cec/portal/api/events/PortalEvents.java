package org.cec.portal.api.events;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Appends domain events to the portal's durable event log.
 *
 * <p>An event is written in the transaction that is running on the current thread, started by
 * {@code org.cec.portal.api.data.ModuleDatabase#inTransaction}: it is committed, and delivered,
 * exactly when the change that caused it is committed, and never if that transaction rolls back.
 */
@ProviderType
public interface PortalEvents {

    /** Longest accepted event type, in characters. */
    int MAX_TYPE_LENGTH = 200;

    /**
     * Appends an event to the current thread's transaction.
     *
     * @param type the event type, {@code <area>.<what happened>} such as {@code intake.submitted};
     *     1 to {@link #MAX_TYPE_LENGTH} characters
     * @param payload the event's data, usually a small JSON document; never personal data that is
     *     not needed by the consumers, since the log is kept
     * @return the event id; ids grow in commit order
     * @throws IllegalStateException when no {@code ModuleDatabase} transaction is running on this
     *     thread
     * @throws IllegalArgumentException when the type is empty or too long, or the payload is null
     */
    long append(String type, String payload);
}
