package org.cec.portal.platform.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code Event log}: WARN while events are parked (with how many), while a consumer is failing, or
 * while a consumer waits to be registered or cannot claim its events (the database is unreachable).
 */
@Component(
        service = HealthCheck.class,
        property = {HealthCheck.NAME + "=Event log", HealthCheck.TAGS + "=cec-portal"})
public final class EventLogHealthCheck implements HealthCheck {

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PlatformDatabase database;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventDispatcher dispatcher;

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        PlatformDatabase db = database;
        if (db == null) {
            log.warn("The event log waits for the database (see the Database check)");
            return new Result(log);
        }
        EventDispatcher d = dispatcher;
        if (d != null) {
            // Known without the database: a consumer that cannot be registered or claim gets nothing.
            d.problems().forEach((consumer, problem) -> log.warn("Consumer {} {}", consumer, problem));
        }
        EventStore store = new EventStore(db.dialect());
        try (Connection c = db.dataSource().getConnection()) {
            int parked = new ParkedEvents().parkedCount(c);
            List<EventLogStatistics.ConsumerStatus> consumers = new EventLogStatistics().consumers(c);
            log.info("{} event(s) appended, {} consumer(s) known", store.lastId(c), consumers.size());
            if (parked > 0) {
                log.warn("{} parked event(s): see the console's Event log page and retry them", parked);
            }
            for (EventLogStatistics.ConsumerStatus s : consumers) {
                if (s.attempts() > 0) {
                    log.warn("Consumer {} is failing (attempt {}): {}", s.consumerId(), s.attempts(), s.lastError());
                }
            }
        } catch (SQLException e) {
            log.critical("The event log cannot be read: {}", e.getMessage());
        }
        return new Result(log);
    }
}
