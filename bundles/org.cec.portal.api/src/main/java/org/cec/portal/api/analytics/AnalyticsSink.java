package org.cec.portal.api.analytics;

import java.time.LocalDate;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives analytics to forward elsewhere (a funder's spreadsheet, a data warehouse). Register it as
 * an OSGi service; the analytics module delivers to each sink, by its {@code component.name} (or
 * {@code service.pid}), every finished day it has not yet confirmed, in order, from the day the sink
 * first appeared. A sink that throws gets the same day again later. Deliveries are at least once:
 * a sink must accept a day it has seen before.
 */
@ConsumerType
public interface AnalyticsSink {

    /**
     * The rollups of one finished day (every metric, every item). Returns when the sink has kept them.
     *
     * @throws Exception when the sink could not keep them; the day is offered again later
     */
    void dailyRollups(LocalDate day, List<DailyRollup> rollups) throws Exception;

    /**
     * Consented raw events of one finished day, in order, in chunks of at most a few thousand. Called
     * only when the operator allows raw events to leave the portal (setting {@code
     * sinks.rawEvents} of PID {@code org.cec.portal.analytics}, off by default), before {@link
     * #dailyRollups} of the same day. The default keeps nothing.
     *
     * @throws Exception when the sink could not keep them; the day is offered again later
     */
    default void rawEvents(LocalDate day, List<RawEvent> events) throws Exception {}
}
