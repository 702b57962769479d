package org.cec.portal.api.events;

import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives events of the durable event log. Register one as an OSGi service; the platform delivers
 * the events of the {@link #eventTypes() types it asks for} in id (commit) order, at least once,
 * from the position stored under its {@link #consumerId() id}, so a consumer that was stopped goes
 * on where it left off.
 *
 * <p>Delivery is at least once: after a crash an event may come again. Handle events idempotently,
 * for example by storing the ids of handled events in the same transaction as their effect.
 *
 * <p>When {@link #handle} throws, the event is retried with a growing delay; after several failures
 * it is parked (shown in the console's event log page and as a health warning) and the consumer
 * goes on with the next event. An admin can retry a parked event.
 */
@ConsumerType
public interface EventConsumer {

    /** Where a consumer seen for the first time starts reading. */
    enum StartFrom {
        /** From the first event ever appended: replays the whole log. */
        BEGINNING,
        /** After the last event committed when the consumer is first seen. */
        NOW
    }

    /**
     * A stable id under which the consumer's position is stored, for example {@code
     * email.confirmations}. Keep it across versions of the module; a new id starts over.
     */
    String consumerId();

    /** The event types this consumer receives; an empty set means every type. */
    Set<String> eventTypes();

    /** Where to start when the consumer is first seen; ignored once a position is stored. */
    default StartFrom startFrom() {
        return StartFrom.BEGINNING;
    }

    /**
     * Handles one event. Returning normally marks it handled.
     *
     * @throws Exception when the event could not be handled: it is delivered again later
     */
    void handle(PortalEvent event) throws Exception;
}
