/**
 * The Web Console page "Analytics": charts and tables of the daily rollups for a date range, each
 * table as CSV, the dropped-event counter and the last retention run.
 */
package org.cec.portal.analytics.internal.dashboard;
