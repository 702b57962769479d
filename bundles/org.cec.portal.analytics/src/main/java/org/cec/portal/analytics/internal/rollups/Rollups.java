package org.cec.portal.analytics.internal.rollups;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.cec.portal.api.data.ModuleDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls raw events up into {@code analytics_daily}, incrementally. Each run recomputes today and
 * yesterday (events of a day may still be written shortly after it ended), each in one transaction
 * that replaces the day's rows; an older day is computed once, and {@value StateStore#ROLLED_UP_THROUGH}
 * in {@code analytics_state} remembers the last one (the first run starts at the oldest raw event).
 * With each day it copies the recorder's count of the events its buffer dropped that day into metric
 * {@code dropped}.
 */
final class Rollups {

    private static final Logger LOG = LoggerFactory.getLogger(Rollups.class);

    private final ModuleDatabase db;
    private final Clock clock;

    Rollups(ModuleDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** One run; returns the number of days computed. */
    int run() {
        LocalDate today = Days.today(clock);
        LocalDate yesterday = today.minusDays(1);
        Optional<LocalDate> from = db.read(em -> {
            Connection c = em.unwrap(Connection.class);
            Optional<LocalDate> through = StateStore.date(c, StateStore.ROLLED_UP_THROUGH);
            return through.isPresent() ? Optional.of(through.get().plusDays(1)) : oldestBefore(c, yesterday);
        });
        int days = 0;
        if (from.isPresent()) {
            for (LocalDate day = from.get(); day.isBefore(yesterday); day = day.plusDays(1)) {
                LocalDate d = day;
                db.inTransaction(em -> {
                    Connection c = em.unwrap(Connection.class);
                    DailyStore.replace(c, d, DailyCounts.compute(c, d));
                    copyDropped(c, d);
                    StateStore.put(c, StateStore.ROLLED_UP_THROUGH, d.toString(), clock.instant());
                    return null;
                });
                days++;
            }
            if (days > 0) {
                LOG.info(
                        "Rolled up {} finished day(s) of analytics events, {} to {}",
                        days,
                        from.get(),
                        yesterday.minusDays(1));
            }
        }
        for (LocalDate d : new LocalDate[] {yesterday, today}) {
            db.inTransaction(em -> {
                Connection c = em.unwrap(Connection.class);
                DailyStore.replace(c, d, DailyCounts.compute(c, d));
                copyDropped(c, d);
                return null;
            });
            days++;
        }
        return days;
    }

    /** The day of the oldest raw event before {@code day}, if any. */
    private static Optional<LocalDate> oldestBefore(Connection c, LocalDate day) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT MIN(event_day) FROM analytics_event WHERE event_day < ?")) {
            s.setDate(1, Date.valueOf(day));
            try (ResultSet r = s.executeQuery()) {
                Date oldest = r.next() ? r.getDate(1) : null;
                return oldest == null ? Optional.empty() : Optional.of(oldest.toLocalDate());
            }
        }
    }

    /**
     * Sets metric {@code dropped} of {@code day} to the recorder's count of the day ({@value
     * StateStore#DROPPED_ON}{@code yyyy-mm-dd} in {@code analytics_state}), when it has one.
     */
    private static void copyDropped(Connection c, LocalDate day) throws SQLException {
        long dropped = StateStore.number(c, StateStore.DROPPED_ON + day);
        if (dropped > 0) {
            DailyStore.set(c, day, Metrics.DROPPED, "", dropped);
        }
    }
}
