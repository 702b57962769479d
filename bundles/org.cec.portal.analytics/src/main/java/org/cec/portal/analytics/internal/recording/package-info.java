/**
 * Recording: page views ({@link org.cec.portal.analytics.internal.recording.PageViewFilter}) and module
 * events ({@link org.cec.portal.analytics.internal.recording.Recorder}, the portal's {@code
 * AnalyticsRecorder}) within the visitor's consent, into a bounded buffer written in batches by one
 * thread ({@link org.cec.portal.analytics.internal.recording.EventWriter}) into {@code analytics_event},
 * with the day's visitor key ({@link org.cec.portal.analytics.internal.recording.VisitorKeys}); the
 * health check {@code Analytics}.
 */
package org.cec.portal.analytics.internal.recording;
