package org.cec.portal.analytics.internal.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Analytics page's year view in the background, {@link #FIRST} after the module starts and
 * then every {@link MonthlyItems#KEEP}: the first person to open the page after a restart then does not
 * wait for what a first run costs (on H2 up to half a second for a year's top lists: the months'
 * totals, the database's and the JIT's first use of these queries), and the settled months' totals are
 * renewed as they expire instead of on someone's opening. Its cost is one opening of the page (about
 * 0.1 s on a year modelled on 10 million events, see docs/benchmarks.md) every ten minutes.
 */
@Component(immediate = true)
public final class DashboardWarmer {

    /** Soon after the start: the portal answers /health 200 about then, and staff cannot be quicker. */
    static final Duration FIRST = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(DashboardWarmer.class);

    private final Dashboard dashboard;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cec-analytics-dashboard-warmer");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean failing;

    @Activate
    public DashboardWarmer(@Reference Dashboard dashboard) {
        this(dashboard, Clock.systemDefaultZone());
        executor.scheduleWithFixedDelay(
                this::warm, FIRST.toMillis(), MonthlyItems.KEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A warmer that runs only when {@link #warm} is called (tests). */
    DashboardWarmer(Dashboard dashboard, Clock clock) {
        this.dashboard = dashboard;
        this.clock = clock;
    }

    @Deactivate
    void stop() {
        executor.shutdownNow();
    }

    /** Builds every table of the year up to today, as the page's "year" preset does. */
    void warm() {
        try {
            dashboard.tables(DateRange.parse("year", "", "", LocalDate.now(clock)));
            if (failing) {
                LOG.info("The analytics dashboard's year view is built in the background again");
                failing = false;
            }
        } catch (DateRange.BadRange | RuntimeException e) {
            if (!failing) {
                // once until it works again: the page itself still answers, only its first opening is slower
                LOG.warn("The analytics dashboard's year view could not be built in the background: {}", e.toString());
                failing = true;
            }
        }
    }
}
