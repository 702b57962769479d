package org.cec.portal.analytics.internal;

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
                        + " dropped and counted; pages are never held up. 1000 to 1000000.",
                min = "1000",
                max = "1000000")
        int buffer_capacity() default 50_000;

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

    @Activate
    public AnalyticsSettings(Config config) {
        this.rawRetentionDays = clamp(config.raw_retentionDays(), 1, 3650);
        this.rollupRetentionDays = clamp(config.rollup_retentionDays(), 1, 36_500);
        this.anonymousPageViews = config.anonymous_pageviews();
        this.bufferCapacity = clamp(config.buffer_capacity(), 1000, 1_000_000);
        this.rawEventsToSinks = config.sinks_rawEvents();
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
}
