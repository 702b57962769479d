package org.cec.portal.analytics.internal.impact;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The two tables of the impact page, with small cells suppressed: requests per service and month, and
 * leads shared and jobs reported done per ZIP3 over the same months. A cell under {@value #THRESHOLD}
 * is not shown ("fewer than 10"). Totals add up only the cells shown, so no total lets a hidden cell be
 * worked out by subtraction; and each count appears in one table only (requests by service and month;
 * leads and jobs by ZIP3), so no two tables share a total either.
 *
 * <p>The tables are lists and maps (what the template reads): a cell is {@code {shown: true, value: n}}
 * or {@code {shown: false}}, a total {@code {value: n}} (the sum of the cells shown, 0 when none is).
 */
final class ImpactTables {

    /** The smallest count shown. */
    static final int THRESHOLD = 10;

    private ImpactTables() {}

    /** A cell: shown with its value when it is at least {@link #THRESHOLD}, else suppressed. */
    static Map<String, Object> cell(long value) {
        return value >= THRESHOLD ? Map.of("shown", true, "value", value) : Map.of("shown", false);
    }

    private static long shown(long value) {
        return value >= THRESHOLD ? value : 0;
    }

    /**
     * Requests per service (columns, in the order of {@code labels}, then services no longer offered) and
     * month (rows, newest first, from the first month with a request up to {@code to}).
     *
     * @param labels service id to label in the page's language, for the services offered now
     * @param monthName a month's name in the page's language
     * @return {@code services} (id, label), {@code rows} (month, cells, total), {@code totals} (per
     *     service), {@code total}; empty rows when nothing was counted
     */
    static Map<String, Object> requests(
            List<ImpactStore.Count> counts,
            YearMonth from,
            YearMonth to,
            Map<String, String> labels,
            Function<YearMonth, String> monthName) {
        Map<YearMonth, Map<String, Long>> byMonth = new HashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        YearMonth first = null;
        for (ImpactStore.Count c : counts) {
            if (!c.metric().equals(ImpactStore.REQUESTS)
                    || c.month().isBefore(from)
                    || c.month().isAfter(to)) {
                continue;
            }
            byMonth.computeIfAbsent(c.month(), m -> new HashMap<>()).merge(c.service(), c.counted(), Long::sum);
            seen.add(c.service());
            first = first == null || c.month().isBefore(first) ? c.month() : first;
        }
        List<String> services = new ArrayList<>();
        for (String id : labels.keySet()) {
            if (seen.contains(id)) {
                services.add(id);
            }
        }
        for (String id : new TreeSet<>(seen)) {
            if (!services.contains(id)) {
                services.add(id);
            }
        }
        List<Map<String, Object>> columns = new ArrayList<>();
        for (String id : services) {
            columns.add(Map.of("id", id, "label", labels.getOrDefault(id, id)));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Long> columnTotals = new LinkedHashMap<>();
        long total = 0;
        if (first != null) {
            for (YearMonth m = to; !m.isBefore(first); m = m.minusMonths(1)) {
                Map<String, Long> values = byMonth.getOrDefault(m, Map.of());
                List<Map<String, Object>> cells = new ArrayList<>();
                long rowTotal = 0;
                for (String id : services) {
                    long v = values.getOrDefault(id, 0L);
                    cells.add(cell(v));
                    rowTotal += shown(v);
                    columnTotals.merge(id, shown(v), Long::sum);
                }
                total += rowTotal;
                rows.add(Map.of("month", monthName.apply(m), "cells", cells, "total", rowTotal));
            }
        }
        List<Long> totals = new ArrayList<>();
        for (String id : services) {
            totals.add(columnTotals.getOrDefault(id, 0L));
        }
        return Map.of("services", columns, "rows", rows, "totals", totals, "total", total);
    }

    /**
     * Leads shared and jobs reported done per ZIP3 (rows, in order; a ZIP3 not known last) over the
     * months {@code from} to {@code to}.
     *
     * @return {@code rows} (zip3, leads, jobs), {@code leads} and {@code jobs} (totals of the cells shown)
     */
    static Map<String, Object> byZip3(List<ImpactStore.Count> counts, YearMonth from, YearMonth to) {
        Map<String, long[]> byZip = new HashMap<>();
        for (ImpactStore.Count c : counts) {
            if (c.month().isBefore(from) || c.month().isAfter(to)) {
                continue;
            }
            int index =
                    switch (c.metric()) {
                        case ImpactStore.LEADS -> 0;
                        case ImpactStore.JOBS_DONE -> 1;
                        default -> -1;
                    };
            if (index >= 0) {
                byZip.computeIfAbsent(c.zip3(), z -> new long[2])[index] += c.counted();
            }
        }
        List<String> zips = new ArrayList<>(new TreeSet<>(byZip.keySet()));
        if (zips.remove("")) {
            zips.add("");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        long leads = 0;
        long jobs = 0;
        for (String zip : zips) {
            long[] v = byZip.get(zip);
            rows.add(Map.of("zip3", zip, "leads", cell(v[0]), "jobs", cell(v[1])));
            leads += shown(v[0]);
            jobs += shown(v[1]);
        }
        return Map.of("rows", rows, "leads", leads, "jobs", jobs);
    }
}
