package org.cec.portal.email.internal.outbox;

import java.sql.Connection;
import java.time.Clock;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.email.MailTransport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code Email}: WARN while messages wait and no mail transport is there (with how many), while due
 * messages wait longer than a few minutes (sending is behind or failing), and when messages were given
 * up in the last day.
 */
@Component(
        service = HealthCheck.class,
        property = {HealthCheck.NAME + "=Email", HealthCheck.TAGS + "=cec-portal"})
public final class EmailHealthCheck implements HealthCheck {

    static final long BEHIND_MILLIS = 5 * 60_000L;
    static final long FAILED_WINDOW_MILLIS = 24 * 3_600_000L;

    private final ModuleDatabase db;
    private final OutboxSender sender;
    private final OutboxStore store = new OutboxStore();
    private final Clock clock = Clock.systemUTC();

    @Activate
    public EmailHealthCheck(
            @Reference(target = "(" + ModuleDatabase.MODULE_PROPERTY + "=email)") ModuleDatabase db,
            @Reference OutboxSender sender) {
        this.db = db;
        this.sender = sender;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        long now = clock.millis();
        OutboxStore.Counts counts;
        try {
            counts = db.read(em -> store.counts(em.unwrap(Connection.class), now, now - FAILED_WINDOW_MILLIS));
        } catch (RuntimeException e) {
            log.critical("The outbox cannot be read: {}", e.getMessage());
            return new Result(log);
        }
        MailTransport transport = sender.transport();
        if (transport == null && counts.waiting() + counts.sending() == 0) {
            // A portal whose mail is not set up yet is in service: nothing is held back so far.
            log.info(
                    "No mail transport yet, and no message waits (configure {} or deploy a transport)",
                    "org.cec.portal.email.smtp");
        } else if (transport == null) {
            log.warn(
                    "No mail transport: {} message(s) wait in the outbox (configure {} or deploy a transport)",
                    counts.waiting() + counts.sending(),
                    "org.cec.portal.email.smtp");
        } else {
            log.info("Sending through {}", transport.describe());
            if (counts.due() > 0 && counts.oldestDue() > 0 && counts.oldestDue() < now - BEHIND_MILLIS) {
                String problem = sender.lastProblem();
                log.warn(
                        "{} message(s) are due and the oldest waits for {} minute(s){}",
                        counts.due(),
                        (now - counts.oldestDue()) / 60_000,
                        problem == null ? "" : ": " + problem);
            }
        }
        log.info("Outbox: {} waiting, {} being sent, {} sent", counts.waiting(), counts.sending(), counts.sent());
        if (counts.failed() > 0) {
            log.warn("{} message(s) were given up in the last 24 hours", counts.failed());
        }
        return new Result(log);
    }
}
