package org.cec.portal.platform.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How events are delivered to consumers. */
@ObjectClassDefinition(
        name = "CEC Portal event dispatch",
        description = "Delivery of the durable event log to event consumers.")
public @interface DispatcherConfig {

    String PID = "org.cec.portal.platform.events";

    @AttributeDefinition(name = "Threads", description = "Consumers served at the same time.", min = "1", max = "32")
    int threads() default 2;

    @AttributeDefinition(
            name = "Poll interval (ms)",
            description = "How often to look for events committed by other portal nodes; events of this node"
                    + " are dispatched at once.",
            min = "10")
    long pollMillis() default 1000;

    @AttributeDefinition(name = "Batch size", description = "Events delivered per transaction.", min = "1")
    int batchSize() default 100;

    @AttributeDefinition(
            name = "Attempts before parking",
            description = "Failed deliveries of one event before it is parked and the consumer goes on.",
            min = "1")
    int maxAttempts() default 5;

    @AttributeDefinition(
            name = "First retry delay (ms)",
            description = "Delay before the first retry; it doubles with each failure.",
            min = "0")
    long initialBackoffMillis() default 1000;

    @AttributeDefinition(name = "Longest retry delay (ms)", description = "Upper bound of the retry delay.", min = "0")
    long maxBackoffMillis() default 60000;
}
