package org.cec.portal.privacy.internal.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.cec.portal.api.audit.AuditEntry;
import org.cec.portal.api.audit.AuditLog;
import org.cec.portal.api.privacy.RetentionProvider;
import org.cec.portal.privacy.internal.data.PersonalData;
import org.cec.portal.privacy.internal.data.PersonalData.Erased;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily retention job: for each {@link RetentionProvider} whose area has an age ({@link
 * RetentionSettings}), erases through every module the persons it names as inactive since then (their
 * opt-outs stay), and has it expire what it keeps for a time. Each run is logged (counts, never an
 * address) and audited (one entry per area: actor {@code system}, or the staff member who ran it from the
 * console), and its report is kept for the console page with the time of the next run.
 */
@Component(service = RetentionJob.class, configurationPid = RetentionSettings.PID)
@Designate(ocd = RetentionSettings.Config.class)
public final class RetentionJob {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    /** An area's problem (English, as the audit log keeps it): some erasures failed. */
    public static final String PARTIAL = "some modules could not erase; the next run tries again";

    /** An area's problem (English, as the audit log keeps it): the area failed, with the exception's name. */
    public static final String FAILED = "failed: ";

    /** What a run did in one area. */
    public record AreaReport(String area, String cutoff, int personsErased, int recordsExpired, String problem) {}

    /** What a run did. */
    public record Report(Instant at, String by, List<AreaReport> areas) {}

    private final RetentionSettings settings;
    private final PersonalData data;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<Long, RetentionProvider> providers = new ConcurrentSkipListMap<>();
    private final ScheduledExecutorService timer;
    private volatile Instant nextRun;
    private volatile Report last;

    @Activate
    public RetentionJob(RetentionSettings.Config config, @Reference PersonalData data, @Reference AuditLog audit) {
        this(settings(config), data, audit, Clock.systemUTC(), true);
    }

    private static RetentionSettings settings(RetentionSettings.Config config) {
        try {
            return RetentionSettings.of(config);
        } catch (RetentionSettings.Unusable e) {
            LOG.error(
                    "{}: {}; retention is off until the configuration is fixed", RetentionSettings.PID, e.getMessage());
            return RetentionSettings.unusable(e);
        }
    }

    RetentionJob(RetentionSettings settings, PersonalData data, AuditLog audit, Clock clock, boolean schedule) {
        this.settings = settings;
        this.data = data;
        this.audit = audit;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cec-privacy-retention");
            t.setDaemon(true);
            return t;
        });
        if (schedule && settings.enabled()) {
            scheduleNext();
        }
    }

    @Reference(
            service = RetentionProvider.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addProvider(RetentionProvider provider, Map<String, Object> properties) {
        providers.put((Long) properties.get(Constants.SERVICE_ID), provider);
    }

    void removeProvider(RetentionProvider provider, Map<String, Object> properties) {
        providers.remove((Long) properties.get(Constants.SERVICE_ID));
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    /** When the daily job runs next, or empty when it is off. */
    public Optional<Instant> nextRun() {
        return Optional.ofNullable(nextRun);
    }

    /** What the last run did, or empty before the first. */
    public Optional<Report> lastRun() {
        return Optional.ofNullable(last);
    }

    /** The ages in effect, for the console ({@code intake=P24M}). */
    public RetentionSettings settings() {
        return settings;
    }

    /**
     * Runs now; {@code by} is the audit log's actor and {@code address} where it came from (empty for
     * the daily run). One run at a time.
     */
    public synchronized Report run(String by, String address) {
        Instant now = clock.instant();
        List<AreaReport> areas = new ArrayList<>();
        for (RetentionProvider p : providers.values()) {
            String area = p.area();
            Optional<Instant> cutoff = settings.cutoff(area, now);
            if (cutoff.isEmpty()) {
                continue;
            }
            int persons = 0;
            int expired = 0;
            String problem = "";
            try {
                for (String email : p.inactiveSince(cutoff.get(), settings.batch())) {
                    List<Erased> erased = data.erase(email);
                    if (erased.stream().anyMatch(Erased::failed)) {
                        problem = PARTIAL;
                    } else {
                        persons++;
                    }
                }
                expired = p.expire(cutoff.get());
            } catch (RuntimeException e) {
                problem = FAILED + e.getClass().getSimpleName();
                LOG.error("Retention of area {} failed: {}", area, e.getClass().getName());
            }
            AreaReport report = new AreaReport(area, cutoff.get().toString(), persons, expired, problem);
            areas.add(report);
            audit.record(new AuditEntry(
                    by,
                    address,
                    "privacy",
                    "retention",
                    "area=" + area,
                    "before="
                            + report.cutoff() + " persons erased=" + persons + " records expired=" + expired
                            + (problem.isEmpty() ? "" : " " + problem)));
            LOG.info(
                    "Retention of area {} (before {}): {} person(s) erased, {} record(s) expired{}",
                    area,
                    report.cutoff(),
                    persons,
                    expired,
                    problem.isEmpty() ? "" : " (" + problem + ")");
        }
        Report report = new Report(now, by, List.copyOf(areas));
        last = report;
        return report;
    }

    private void scheduleNext() {
        Instant now = clock.instant();
        ZonedDateTime at = LocalDate.ofInstant(now, ZoneOffset.UTC)
                .atTime(settings.runAt())
                .atZone(ZoneOffset.UTC);
        if (!at.toInstant().isAfter(now)) {
            at = at.plusDays(1);
        }
        nextRun = at.toInstant();
        long delay = at.toInstant().toEpochMilli() - now.toEpochMilli();
        timer.schedule(this::daily, delay, TimeUnit.MILLISECONDS);
    }

    private void daily() {
        try {
            run("system", "");
        } catch (RuntimeException e) {
            LOG.error("The daily retention run failed: {}", e.getClass().getName());
        } finally {
            if (!timer.isShutdown()) {
                scheduleNext();
            }
        }
    }
}
