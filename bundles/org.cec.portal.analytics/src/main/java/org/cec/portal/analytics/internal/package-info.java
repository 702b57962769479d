/**
 * The analytics module's implementation. The root holds its settings ({@link
 * org.cec.portal.analytics.internal.AnalyticsSettings}). {@code .recording} takes page views and
 * module events within consent into a bounded buffer and writes them in batches; {@code .rollups}
 * computes daily rollups, runs retention and delivers to {@code AnalyticsSink}s; {@code .dashboard} is
 * the Web Console plugin "Analytics"; {@code .impact} is the public page {@code /impact}.
 */
package org.cec.portal.analytics.internal;
