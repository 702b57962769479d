package org.cec.portal.analytics.internal.recording;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code Analytics}: WARN while events were dropped in the last hour (the buffer was full: with how
 * many since the node started) and while writing failed in the last hour; otherwise OK with what was
 * written. Never CRITICAL: a page is served whatever analytics does.
 */
@Component(
        service = HealthCheck.class,
        property = {HealthCheck.NAME + "=Analytics", HealthCheck.TAGS + "=cec-portal"})
public final class AnalyticsHealthCheck implements HealthCheck {

    private final EventWriter writer;

    @Activate
    public AnalyticsHealthCheck(@Reference EventWriter writer) {
        this.writer = writer;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        EventWriter.Counts c = writer.counts();
        long now = writer.clock().millis();
        if (c.dropped() > 0 && now - c.lastDropMillis() < EventWriter.RECENT_MILLIS) {
            log.warn(
                    "{} analytics event(s) dropped since this node started, the last {} minute(s) ago: the buffer"
                            + " ({} events, buffer.capacity) was full",
                    c.dropped(),
                    (now - c.lastDropMillis()) / 60_000,
                    c.capacity());
        }
        if (c.lastFailure() != null && now - c.lastFailureMillis() < EventWriter.RECENT_MILLIS) {
            log.warn(
                    "Analytics: {} {} minute(s) ago; {} event(s) not written since this node started",
                    c.lastFailure(),
                    (now - c.lastFailureMillis()) / 60_000,
                    c.failed());
        }
        log.info(
                "Analytics: {} event(s) written, {} bot request(s) left out, {} waiting, {} dropped since this node"
                        + " started",
                c.written(),
                c.bots(),
                c.buffered(),
                c.dropped());
        return new Result(log);
    }
}
