/**
 * Daily rollups, retention and deliveries to partner sinks.
 * <ul>
 *   <li>{@link org.cec.portal.analytics.internal.rollups.Rollups}: rolls the raw events of {@code
 *       analytics_event} up into {@code analytics_daily} (today and yesterday again on every run,
 *       older days once), and copies the count of dropped events.
 *   <li>{@link org.cec.portal.analytics.internal.rollups.CountedEvents}: counts email opens and clicks
 *       and consent choices from the event log.
 *   <li>{@link org.cec.portal.analytics.internal.rollups.Retention}: deletes expired raw events (on
 *       PostgreSQL by dropping whole monthly partitions) and expired rollups.
 *   <li>{@link org.cec.portal.analytics.internal.rollups.SinkDeliveries}: delivers finished days to the
 *       {@code AnalyticsSink}s.
 *   <li>{@link org.cec.portal.analytics.internal.rollups.AnalyticsJobs}: runs the three jobs every few
 *       minutes, in that order.
 * </ul>
 */
package org.cec.portal.analytics.internal.rollups;
