package org.cec.portal.analytics.internal.dashboard;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.analytics.internal.dashboard.DashboardQueries.Item;

/**
 * A metric's values over a long range, added up month by month. The rollups of a month that ended
 * more than {@link #SETTLED_AFTER_DAYS} days ago and that the rollups have computed to its last day
 * ({@value #ROLLED_UP_THROUGH} in {@code analytics_state}; before, such as in the first seconds after a
 * start or while they catch up after a pause, its days are still being written) no longer change (the
 * rollups write the current and the previous day), so its totals per value are kept in memory for
 * {@link #KEEP} and reused; the
 * days of the range outside such months are read from the database each time. A year's range then
 * adds up a dozen months' totals instead of 365 days of rows. A change to an old month (a rollup
 * written again by hand) shows after at most {@link #KEEP}. What it keeps is bounded by {@link
 * #MAX_KEPT} values over all months; the least recently used months go first.
 */
final class MonthlyItems {

    static final int SETTLED_AFTER_DAYS = 2;

    /** The state row of the rollups: the last finished day they computed (see the rollups package). */
    static final String ROLLED_UP_THROUGH = "rolled-up-through";

    static final Duration KEEP = Duration.ofMinutes(10);

    /** The most values kept over all months (about 150 bytes each). */
    static final int MAX_KEPT = 200_000;

    private record Key(String metric, YearMonth month) {}

    private record Totals(Map<String, long[]> items, long readAtMillis) {}

    private final DashboardQueries queries;
    private final Clock clock;
    private final LinkedHashMap<Key, Totals> kept = new LinkedHashMap<>(64, 0.75f, true);
    private int keptValues;

    MonthlyItems(DashboardQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    /** The metric's values in the range, most events first (ties by value), at most {@code limit}. */
    List<Item> top(Connection c, String metric, DateRange range, int limit) throws SQLException {
        // the settled whole months of the range: from the first day of a month to the last of a month
        YearMonth first = YearMonth.from(range.from());
        if (!range.from().equals(first.atDay(1))) {
            first = first.plusMonths(1);
        }
        YearMonth last = YearMonth.from(range.to());
        if (!range.to().equals(last.atEndOfMonth())) {
            last = last.minusMonths(1);
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate rolledUp = rolledUpThrough(c);
        while (!last.isBefore(first)
                && (!last.atEndOfMonth().plusDays(SETTLED_AFTER_DAYS).isBefore(today)
                        || rolledUp == null
                        || last.atEndOfMonth().isAfter(rolledUp))) {
            last = last.minusMonths(1);
        }
        if (last.isBefore(first)) {
            return queries.top(c, metric, range, limit);
        }
        Map<String, long[]> sums = new HashMap<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            add(sums, month(c, metric, m));
        }
        LocalDate before = first.atDay(1).minusDays(1);
        if (!before.isBefore(range.from())) {
            add(sums, queries.allItems(c, metric, new DateRange("custom", range.from(), before)));
        }
        LocalDate after = last.atEndOfMonth().plusDays(1);
        if (!after.isAfter(range.to())) {
            add(sums, queries.allItems(c, metric, new DateRange("custom", after, range.to())));
        }
        List<Item> items = new ArrayList<>(sums.size());
        sums.forEach((item, n) -> items.add(new Item(item, n[0], n[1])));
        items.sort(Comparator.comparingLong(Item::events).reversed().thenComparing(Item::item));
        return items.size() > limit ? List.copyOf(items.subList(0, limit)) : items;
    }

    /**
     * The last day the rollups computed from its raw events ({@value #ROLLED_UP_THROUGH} in {@code
     * analytics_state}), or null when they have not run yet or the value is not a date.
     */
    private LocalDate rolledUpThrough(Connection c) throws SQLException {
        Optional<DashboardQueries.State> state = queries.state(c, ROLLED_UP_THROUGH);
        if (state.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(state.get().value().strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The totals of a settled month: kept ones while fresh, else read (and kept). */
    private Map<String, long[]> month(Connection c, String metric, YearMonth month) throws SQLException {
        Key key = new Key(metric, month);
        long now = clock.millis();
        synchronized (kept) {
            Totals totals = kept.get(key);
            if (totals != null && now - totals.readAtMillis() < KEEP.toMillis()) {
                return totals.items();
            }
        }
        Map<String, long[]> items = new HashMap<>();
        add(items, queries.allItems(c, metric, new DateRange("custom", month.atDay(1), month.atEndOfMonth())));
        synchronized (kept) {
            Totals old = kept.put(key, new Totals(items, now));
            keptValues += items.size() - (old == null ? 0 : old.items().size());
            Iterator<Totals> eldest = kept.values().iterator();
            while (keptValues > MAX_KEPT && eldest.hasNext()) {
                keptValues -= eldest.next().items().size();
                eldest.remove();
            }
        }
        return items;
    }

    private static void add(Map<String, long[]> sums, Map<String, long[]> more) {
        more.forEach((item, n) -> {
            long[] s = sums.computeIfAbsent(item, k -> new long[2]);
            s[0] += n[0];
            s[1] += n[1];
        });
    }

    private static void add(Map<String, long[]> sums, List<Item> more) {
        for (Item i : more) {
            long[] s = sums.computeIfAbsent(i.item(), k -> new long[2]);
            s[0] += i.events();
            s[1] += i.dailyVisitorsSummed();
        }
    }
}
