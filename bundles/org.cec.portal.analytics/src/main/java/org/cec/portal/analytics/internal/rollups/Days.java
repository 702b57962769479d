package org.cec.portal.analytics.internal.rollups;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.cec.portal.analytics.internal.AnalyticsSettings;

/**
 * The analytics day: the day in the analytics time zone, the same one the recorder fills the {@code
 * event_day} column of {@code analytics_event} with. Every class of this package takes it from its
 * {@link Clock}'s zone ({@link #clock}): the days of {@code analytics_daily}, of counted events, of
 * retention and of the days delivered to sinks.
 */
public final class Days {

    private Days() {}

    /** The analytics time zone of {@code settings} (setting {@code time.zone}), the recorder's too. */
    public static ZoneId zone(AnalyticsSettings settings) {
        return settings.zone();
    }

    /** The system clock in the analytics time zone of {@code settings}. */
    public static Clock clock(AnalyticsSettings settings) {
        return Clock.system(zone(settings));
    }

    /** Today in the clock's zone. */
    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock);
    }

    /** The day of {@code instant} in the clock's zone. */
    public static LocalDate dayOf(java.time.Instant instant, Clock clock) {
        return LocalDate.ofInstant(instant, clock.getZone());
    }
}
