package org.cec.portal.analytics.internal.rollups;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cec.portal.api.analytics.AnalyticsEvent;
import org.cec.portal.api.analytics.DailyRollup;
import org.cec.portal.api.analytics.RawEvent;

/**
 * Computes the rollups of one day from its raw events: per metric and item, the number of events and
 * of distinct visitor keys (rows without a key, such as anonymous page views, count as events only).
 * Page views give {@code pageviews}, {@code pages}, {@code referrers}, {@code utm-*}, {@code browsers},
 * {@code os}, {@code devices} and {@code languages} (a field that was not recorded gives no item); the
 * modules' events give the metric of their type from their dimensions, other types {@code
 * event:<type>}.
 */
final class DailyCounts {

    private record Key(String metric, String item) {}

    private static final class Tally {
        long events;
        final Set<String> visitors = new HashSet<>();
    }

    private final Map<Key, Tally> tallies = new HashMap<>();

    private DailyCounts() {}

    /** The rollups of {@code day}, sorted by metric and item. */
    static List<DailyRollup> compute(Connection c, LocalDate day) throws SQLException {
        DailyCounts counts = new DailyCounts();
        try (PreparedStatement s = c.prepareStatement("SELECT type, visitor_key, path, referrer_host, utm_source,"
                + " utm_medium, utm_campaign, browser, os, device, language, dimensions"
                + " FROM analytics_event WHERE event_day = ?")) {
            s.setFetchSize(2000);
            s.setDate(1, Date.valueOf(day));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.row(r);
                }
            }
        }
        List<DailyRollup> out = new ArrayList<>(counts.tallies.size());
        counts.tallies.forEach(
                (k, t) -> out.add(new DailyRollup(day, k.metric(), k.item(), t.events, t.visitors.size())));
        out.sort((a, b) -> a.metric().equals(b.metric())
                ? a.item().compareTo(b.item())
                : a.metric().compareTo(b.metric()));
        return out;
    }

    private void row(ResultSet r) throws SQLException {
        String type = r.getString(1);
        String visitor = r.getString(2);
        if (RawEvent.PAGE_VIEW.equals(type)) {
            count(Metrics.PAGEVIEWS, "", visitor);
            count(Metrics.PAGES, r.getString(3), visitor);
            count(Metrics.REFERRERS, r.getString(4), visitor);
            count(Metrics.UTM_SOURCE, r.getString(5), visitor);
            count(Metrics.UTM_MEDIUM, r.getString(6), visitor);
            count(Metrics.UTM_CAMPAIGN, r.getString(7), visitor);
            count(Metrics.BROWSERS, r.getString(8), visitor);
            count(Metrics.OS, r.getString(9), visitor);
            count(Metrics.DEVICES, r.getString(10), visitor);
            count(Metrics.LANGUAGES, r.getString(11), visitor);
            return;
        }
        Map<String, String> d = Dimensions.of(r.getString(12));
        switch (type) {
            case AnalyticsEvent.FORM_STEP -> count(Metrics.FORM_STEPS, join(d, "form", "step"), visitor);
            case AnalyticsEvent.FORM_ERROR -> count(Metrics.FORM_ERRORS, join(d, "form", "step", "field"), visitor);
            case AnalyticsEvent.FORM_SUBMITTED -> count(Metrics.FORM_SUBMITTED, d.getOrDefault("form", ""), visitor);
            case AnalyticsEvent.DIRECTORY_SEARCH -> {
                count(Metrics.SEARCH_SERVICES, d.getOrDefault("service", ""), visitor);
                count(Metrics.SEARCH_ZIP3, d.getOrDefault("zip3", ""), visitor);
            }
            case AnalyticsEvent.OUTBOUND_CLICK -> count(
                    Metrics.OUTBOUND_CLICKS, d.getOrDefault("contractor", ""), visitor);
            case AnalyticsEvent.NOT_FOUND -> {
                String path = d.get("path");
                count(Metrics.NOT_FOUND, path != null ? path : nonNull(r.getString(3)), visitor);
            }
            default -> count(Metrics.EVENT_PREFIX + type, "", visitor);
        }
    }

    private static String join(Map<String, String> d, String... names) {
        StringBuilder s = new StringBuilder();
        for (String n : names) {
            if (s.length() > 0) {
                s.append('/');
            }
            s.append(d.getOrDefault(n, ""));
        }
        return s.toString();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /** Counts one event under {@code metric}/{@code item}; a {@code null} item is not counted. */
    private void count(String metric, String item, String visitor) {
        if (item == null) {
            return;
        }
        String it = item.length() > Metrics.MAX_ITEM ? item.substring(0, Metrics.MAX_ITEM) : item;
        Tally t = tallies.computeIfAbsent(new Key(metric, it), k -> new Tally());
        t.events++;
        if (visitor != null && !visitor.isEmpty()) {
            t.visitors.add(visitor);
        }
    }
}
