package org.cec.portal.analytics.internal.rollups;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The analytics day. The platform has no time zone of its own (the web module's {@code time.zone} is
 * for showing dates), so days are UTC days: the {@code day} column of {@code analytics_event} and of
 * {@code analytics_daily}, the days of counted events and the days delivered to sinks.
 */
public final class Days {

    /** The zone analytics days are counted in. */
    public static final ZoneId ZONE = ZoneOffset.UTC;

    private Days() {}

    /** The system clock in {@link #ZONE}. */
    public static Clock clock() {
        return Clock.system(ZONE);
    }

    /** Today in the clock's zone. */
    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock);
    }
}
