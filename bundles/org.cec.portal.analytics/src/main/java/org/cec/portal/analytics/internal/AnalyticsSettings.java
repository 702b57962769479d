package org.cec.portal.analytics.internal;

import java.time.DateTimeException;
import java.time.ZoneId;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The operator's analytics settings (PID {@value #PID}): retention, the buffer, anonymous page views
 * and whether raw events may leave the portal through an {@code AnalyticsSink}.
 */
@Component(service = AnalyticsSettings.class, configurationPid = AnalyticsSettings.PID)
@Designate(ocd = AnalyticsSettings.Config.class)
public final class AnalyticsSettings {

    public static final String PID = "org.cec.portal.analytics";

    @ObjectClassDefinition(
            name = "CEC Portal: analytics",
            description = "First-party analytics within consent: retention, buffering, anonymous page views.")
    public @interface Config {
        @AttributeDefinition(
                name = "Raw events kept (days)",
                description = "Raw events older than this are deleted (on PostgreSQL by dropping their month's"
                        + " partition once all of it is older). 1 to 3650.",
                min = "1",
                max = "3650")
        int raw_retentionDays() default 180;

        @AttributeDefinition(
                name = "Daily rollups kept (days)",
                description = "Daily rollups older than this are deleted. 1 to 36500.",
                min = "1",
                max = "36500")
        int rollup_retentionDays() default 1095;

        @AttributeDefinition(
                name = "Count anonymous page views without consent",
                description = "Off by default. When on, a page view of a visitor who has not consented to"
                        + " analytics is counted with its day and path only: no visitor key, referrer, device or"
                        + " language. Whether this is lawful where the portal runs is the operator's decision.")
        boolean anonymous_pageviews() default false;

        @AttributeDefinition(
                name = "Buffer size (events)",
                description = "How many events wait in memory to be written. When it is full, further events are"
                        + " dropped and counted; pages are never held up. 10 to 1000000.",
                min = "10",
                max = "1000000")
        int buffer_capacity() default 50_000;

        @AttributeDefinition(
                name = "Write interval (milliseconds)",
                description = "After writing a batch that was not full, the writer waits this long for more events,"
                        + " so that they are written together with fewer commits. 0 to 10000.",
                min = "0",
                max = "10000")
        int buffer_flushMillis() default 250;

        @AttributeDefinition(
                name = "Time zone",
                description = "The time zone of the analytics day (for example America/Los_Angeles): events are"
                        + " counted on the day they happened there, and the visitor key's salt changes at its"
                        + " midnight.")
        String time_zone() default "America/Los_Angeles";

        @AttributeDefinition(
                name = "Raw events to sinks",
                description = "Off by default. When on, partner analytics sinks also receive the consented raw"
                        + " events of each finished day, not only its rollups.")
        boolean sinks_rawEvents() default false;
    }

    private final int rawRetentionDays;
    private final int rollupRetentionDays;
    private final boolean anonymousPageViews;
    private final int bufferCapacity;
    private final boolean rawEventsToSinks;
    private final int flushMillis;
    private final ZoneId zone;

    @Activate
    public AnalyticsSettings(Config config) {
        this(
                config.raw_retentionDays(),
                config.rollup_retentionDays(),
                config.anonymous_pageviews(),
                config.buffer_capacity(),
                config.sinks_rawEvents(),
                config.buffer_flushMillis(),
                zone(config.time_zone()));
    }

    private AnalyticsSettings(
            int rawRetentionDays,
            int rollupRetentionDays,
            boolean anonymousPageViews,
            int bufferCapacity,
            boolean rawEventsToSinks,
            int flushMillis,
            ZoneId zone) {
        this.rawRetentionDays = clamp(rawRetentionDays, 1, 3650);
        this.rollupRetentionDays = clamp(rollupRetentionDays, 1, 36_500);
        this.anonymousPageViews = anonymousPageViews;
        this.bufferCapacity = clamp(bufferCapacity, 10, 1_000_000);
        this.rawEventsToSinks = rawEventsToSinks;
        this.flushMillis = clamp(flushMillis, 0, 10_000);
        this.zone = zone;
    }

    /** The defaults of every setting, for tests: change them with the {@code with...} methods. */
    public static AnalyticsSettings defaults() {
        return new AnalyticsSettings(180, 1095, false, 50_000, false, 250, ZoneId.of("America/Los_Angeles"));
    }

    public AnalyticsSettings withAnonymousPageViews(boolean on) {
        return new AnalyticsSettings(
                rawRetentionDays, rollupRetentionDays, on, bufferCapacity, rawEventsToSinks, flushMillis, zone);
    }

    public AnalyticsSettings withBuffer(int capacity, int flushMillis) {
        return new AnalyticsSettings(
                rawRetentionDays,
                rollupRetentionDays,
                anonymousPageViews,
                capacity,
                rawEventsToSinks,
                flushMillis,
                zone);
    }

    public AnalyticsSettings withZone(ZoneId zone) {
        return new AnalyticsSettings(
                rawRetentionDays,
                rollupRetentionDays,
                anonymousPageViews,
                bufferCapacity,
                rawEventsToSinks,
                flushMillis,
                zone);
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id == null ? "" : id.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("time.zone is not a time zone id: " + id, e);
        }
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    public int rawRetentionDays() {
        return rawRetentionDays;
    }

    public int rollupRetentionDays() {
        return rollupRetentionDays;
    }

    public boolean anonymousPageViews() {
        return anonymousPageViews;
    }

    public int bufferCapacity() {
        return bufferCapacity;
    }

    public boolean rawEventsToSinks() {
        return rawEventsToSinks;
    }

    /** How long the writer waits for more events after a batch that was not full. */
    public int flushMillis() {
        return flushMillis;
    }

    /** The time zone of the analytics day ({@code day} and {@code month} of every event). */
    public ZoneId zone() {
        return zone;
    }
}
