package org.cec.portal.analytics.internal.rollups;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cec.portal.analytics.internal.AnalyticsSettings;
import org.cec.portal.api.analytics.AnalyticsSink;
import org.cec.portal.api.analytics.DailyRollup;
import org.cec.portal.api.data.ModuleDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers finished days to the {@link AnalyticsSink}s: to each sink, by its id, every day from the day
 * it was first seen ({@code analytics_sink.first_day}) through yesterday that it has not confirmed, in
 * order; a day is finished {@link #GRACE} after its midnight (in the analytics time zone) (after the rollups have been computed once
 * more). When {@code sinks.rawEvents} is on, the day's consented raw events go first ({@link
 * AnalyticsSink#rawEvents}), then its rollups ({@link AnalyticsSink#dailyRollups}); the day counts as
 * delivered when both returned. A sink that throws gets the same day again after a growing pause (1
 * minute, doubled on each failure, at most 6 hours); the other sinks go on. Days whose rollups are no
 * longer kept are skipped.
 */
final class SinkDeliveries {

    /** How long after midnight a day counts as finished for the sinks. */
    static final Duration GRACE = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(SinkDeliveries.class);
    private static final Duration FIRST_PAUSE = Duration.ofMinutes(1);
    private static final Duration LONGEST_PAUSE = Duration.ofHours(6);

    private final ModuleDatabase db;
    private final AnalyticsSettings settings;
    private final Clock clock;

    SinkDeliveries(ModuleDatabase db, AnalyticsSettings settings, Clock clock) {
        this.db = db;
        this.settings = settings;
        this.clock = clock;
    }

    /** Records that the sink {@code id} is there (today is its first day if it is new). */
    void seen(String id) {
        db.inTransaction(em -> SinkStore.seen(em.unwrap(Connection.class), id, Days.today(clock), clock.instant()));
    }

    /** Delivers what is due to each sink; returns the number of days delivered. */
    int run(Map<String, AnalyticsSink> sinks) {
        int delivered = 0;
        for (Map.Entry<String, AnalyticsSink> sink : sinks.entrySet()) {
            delivered += deliver(sink.getKey(), sink.getValue());
        }
        return delivered;
    }

    /** The last finished day. */
    LocalDate lastFinished() {
        return Days.dayOf(clock.instant().minus(GRACE), clock).minusDays(1);
    }

    private int deliver(String id, AnalyticsSink sink) {
        Instant now = clock.instant();
        SinkStore.Sink state =
                db.inTransaction(em -> SinkStore.seen(em.unwrap(Connection.class), id, Days.today(clock), now));
        if (state.retryAt().isPresent() && now.isBefore(state.retryAt().get())) {
            return 0;
        }
        LocalDate oldestKept = Days.today(clock).minusDays(settings.rollupRetentionDays());
        LocalDate last = lastFinished();
        LocalDate day = state.next().isBefore(oldestKept) ? oldestKept : state.next();
        int done = 0;
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            LocalDate d = day;
            try {
                if (settings.rawEventsToSinks()) {
                    db.read(em -> {
                        RawEvents.of(em.unwrap(Connection.class), d, chunk -> sink.rawEvents(d, chunk));
                        return null;
                    });
                }
                List<DailyRollup> rollups = db.read(em -> DailyStore.of(em.unwrap(Connection.class), d));
                sink.dailyRollups(d, rollups);
            } catch (Exception | LinkageError e) {
                int failures = state.failures() + 1;
                Duration pause = pause(failures);
                Instant retryAt = clock.instant().plus(pause);
                String error = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                db.inTransaction(em -> {
                    SinkStore.failed(em.unwrap(Connection.class), id, failures, retryAt, error, clock.instant());
                    return null;
                });
                LOG.warn(
                        "Analytics sink {} could not take {} (failure {}); it gets the day again in {} min: {}",
                        id,
                        d,
                        failures,
                        pause.toMinutes(),
                        error);
                return done;
            }
            db.inTransaction(em -> {
                SinkStore.delivered(em.unwrap(Connection.class), id, d, clock.instant());
                return null;
            });
            done++;
        }
        if (done > 0) {
            LOG.info("Analytics sink {} has the days through {}", id, last);
        }
        return done;
    }

    /** The pause after {@code failures} failures in a row. */
    static Duration pause(int failures) {
        Duration p = FIRST_PAUSE;
        for (int i = 1; i < failures && p.compareTo(LONGEST_PAUSE) < 0; i++) {
            p = p.multipliedBy(2);
        }
        return p.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : p;
    }
}
