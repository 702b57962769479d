package org.cec.portal.analytics.internal.rollups;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.cec.portal.analytics.internal.AnalyticsSettings;
import org.cec.portal.api.analytics.AnalyticsSink;
import org.cec.portal.api.data.ModuleDatabase;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the analytics jobs on one thread of its own: a few seconds after the start and then every
 * {@value #PERIOD_MINUTES} minutes the {@link Rollups}, then {@link Retention} (at the start and once a
 * day), then the {@link SinkDeliveries}. The sinks are a
 * dynamic multiple reference, each known by its {@code component.name} (else its {@code service.pid},
 * else its class name); a sink that appears is recorded (today is its first day) and a round runs at once.
 */
@Component(service = AnalyticsJobs.class, immediate = true)
public final class AnalyticsJobs {

    static final long PERIOD_MINUTES = 5;
    private static final long FIRST_DELAY_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsJobs.class);

    private final Rollups rollups;
    private final Retention retention;
    private final SinkDeliveries deliveries;
    private final Map<String, AnalyticsSink> sinks = new ConcurrentSkipListMap<>();
    private final Map<AnalyticsSink, String> ids = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor;
    private volatile boolean retentionRan;
    private volatile boolean stopping;

    @Activate
    public AnalyticsJobs(
            @Reference(target = "(" + ModuleDatabase.MODULE_PROPERTY + "=analytics)") ModuleDatabase db,
            @Reference AnalyticsSettings settings) {
        this(db, settings, Days.clock(settings), true);
    }

    /** Jobs on {@code clock}; when not {@code scheduled} they run only when {@link #runOnce} is called (tests). */
    AnalyticsJobs(ModuleDatabase db, AnalyticsSettings settings, Clock clock, boolean scheduled) {
        this.rollups = new Rollups(db, clock);
        this.retention = new Retention(db, settings, clock);
        this.deliveries = new SinkDeliveries(db, settings, clock);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "analytics-rollups");
            t.setDaemon(true);
            return t;
        });
        if (scheduled) {
            executor.scheduleWithFixedDelay(
                    this::safeRun, FIRST_DELAY_SECONDS, TimeUnit.MINUTES.toSeconds(PERIOD_MINUTES), TimeUnit.SECONDS);
        }
    }

    @Reference(
            service = AnalyticsSink.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addSink(AnalyticsSink sink, Map<String, Object> properties) {
        String id = idOf(sink, properties);
        ids.put(sink, id);
        sinks.put(id, sink);
        try {
            // its first day is the day it appears; then a whole round, so it gets fresh rollups
            executor.execute(() -> {
                try {
                    deliveries.seen(id);
                } catch (RuntimeException e) {
                    LOG.warn("Could not record the new analytics sink {}: {}", id, e.toString());
                }
                safeRun();
            });
        } catch (RejectedExecutionException stopped) {
            // deactivating
        }
    }

    void removeSink(AnalyticsSink sink) {
        String id = ids.remove(sink);
        if (id != null) {
            sinks.remove(id, sink);
        }
    }

    static String idOf(AnalyticsSink sink, Map<String, Object> properties) {
        Object name = properties.get("component.name");
        if (name == null) {
            name = properties.get(Constants.SERVICE_PID);
        }
        if (name instanceof String[] a && a.length > 0) {
            name = a[0];
        }
        String id = name == null ? sink.getClass().getName() : name.toString();
        return id.length() > 200 ? id.substring(0, 200) : id;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        stopping = true;
        executor.shutdown();
        if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.warn("The analytics jobs did not stop within 30 s");
        }
    }

    private void safeRun() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.warn("The analytics jobs failed; trying again in {} min: {}", PERIOD_MINUTES, e.toString());
            }
        }
    }

    /** One round: rollups, retention when due (always on the first round), deliveries. */
    void runOnce() {
        rollups.run();
        if (!retentionRan) {
            retention.run();
            retentionRan = true;
        } else {
            retention.runIfDue();
        }
        if (!stopping) {
            deliveries.run(Map.copyOf(sinks));
        }
    }
}
