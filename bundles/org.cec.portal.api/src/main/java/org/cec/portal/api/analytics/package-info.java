/**
 * First-party analytics, recorded on the portal's own server and only within the visitor's consent.
 * <ul>
 *   <li>{@link org.cec.portal.api.analytics.AnalyticsRecorder}: a module (or a partner's bundle)
 *       reports what a visitor did: a directory search, an outbound click, a step of a form. The
 *       recorder decides, from the visitor's consent, whether anything is kept; it never blocks and
 *       never throws.
 *   <li>{@link org.cec.portal.api.analytics.AnalyticsSink}: a partner's bundle receives each finished
 *       day's {@link org.cec.portal.api.analytics.DailyRollup rollups} (and, only where the operator
 *       allows it, the consented {@link org.cec.portal.api.analytics.RawEvent raw events}) to forward
 *       them elsewhere.
 * </ul>
 * <p>What is never recorded, by any recorder: an IP address, a token or id from a URL, a full referrer
 * URL, a name or an email address. Visitors are counted with a key that is a keyed hash with a salt
 * that changes every day and is then destroyed, so a visitor cannot be followed across days.
 */
@Version("1.0.0")
package org.cec.portal.api.analytics;

import org.osgi.annotation.versioning.Version;
