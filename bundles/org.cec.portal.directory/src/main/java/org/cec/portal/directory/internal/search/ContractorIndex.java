package org.cec.portal.directory.internal.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.directory.Certification;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.geo.GeoPoint;

/**
 * An immutable snapshot of the directory for searching: every contractor by id (active or not), and
 * the active ones in a grid of 0.5 degree cells (compressed rows: one array of cell starts, one of
 * contractor numbers), their coordinates in parallel arrays. A search visits only the cells that
 * overlap its radius and allocates only for its matches. A new snapshot is built for every change.
 */
final class ContractorIndex {

    /** Distances up to this much beyond a radius count as within it (floating point rounding). */
    static final double EPSILON_MILES = 1e-9;

    static final double CELL_DEGREES = 0.5;
    private static final int ROWS = 360;
    private static final int COLS = 720;
    private static final double MILES_PER_DEGREE = GeoPoint.EARTH_RADIUS_MILES * Math.PI / 180;

    static final ContractorIndex EMPTY = of(List.of());

    /** One match: the contractor and the distance from the searched ZIP's centre to its base. */
    record Hit(Contractor contractor, double miles) {}

    /** One page of matches, nearest first, and how many match in all. */
    record Page(List<Hit> hits, int total) {}

    /** What a search asks: a place, a radius and optional filters (null for none). */
    record Criteria(
            GeoPoint center,
            String zip,
            double radiusMiles,
            String service,
            String certification,
            String language,
            LocalDate today) {}

    private final Map<String, Contractor> byId;
    private final Contractor[] contractors;
    private final double[] latRadians;
    private final double[] cosLat;
    private final double[] longitudes;
    private final double[] serviceRadius;
    private final int[] cellStart;
    private final int[] cellItems;

    /** Certification names of active contractors (as first met, by lower case) and the last day one is valid. */
    private final Map<String, String> certificationSpellings = new HashMap<>();

    private final Map<String, LocalDate> certificationValidUntil = new HashMap<>();

    private ContractorIndex(Map<String, Contractor> byId, Contractor[] active) {
        this.byId = byId;
        int n = active.length;
        // Sorted by business name, then id: equal distances come out in that order.
        Contractor[] sorted = active.clone();
        Arrays.sort(sorted, Comparator.comparing(Contractor::businessName).thenComparing(Contractor::id));
        this.contractors = sorted;
        for (Contractor c : sorted) {
            for (Certification cert : c.certifications()) {
                String key = cert.name().strip().toLowerCase(Locale.ROOT);
                certificationSpellings.putIfAbsent(key, cert.name().strip());
                LocalDate until = cert.expires() == null ? LocalDate.MAX : cert.expires();
                certificationValidUntil.merge(key, until, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        this.latRadians = new double[n];
        this.cosLat = new double[n];
        this.longitudes = new double[n];
        this.serviceRadius = new double[n];
        int[] cellOf = new int[n];
        int[] counts = new int[ROWS * COLS + 1];
        for (int i = 0; i < n; i++) {
            Contractor c = sorted[i];
            latRadians[i] = Math.toRadians(c.base().latitude());
            cosLat[i] = Math.cos(latRadians[i]);
            longitudes[i] = c.base().longitude();
            serviceRadius[i] = c.serviceRadiusMiles();
            cellOf[i] = row(c.base().latitude()) * COLS + col(c.base().longitude());
            counts[cellOf[i] + 1]++;
        }
        for (int k = 1; k < counts.length; k++) {
            counts[k] += counts[k - 1];
        }
        this.cellStart = counts.clone();
        this.cellItems = new int[n];
        int[] next = counts;
        for (int i = 0; i < n; i++) {
            cellItems[next[cellOf[i]]++] = i;
        }
    }

    /** A snapshot of {@code all}: all are found by id, the active ones are searched. */
    static ContractorIndex of(Collection<Contractor> all) {
        Map<String, Contractor> byId = new HashMap<>(Math.max(16, all.size() * 4 / 3 + 1));
        List<Contractor> active = new ArrayList<>(all.size());
        for (Contractor c : all) {
            byId.put(c.id(), c);
            if (c.active()) {
                active.add(c);
            }
        }
        return new ContractorIndex(Map.copyOf(byId), active.toArray(new Contractor[0]));
    }

    /** The names of certifications valid on {@code day} that active contractors hold, sorted, at most {@code max}. */
    List<String> certificationNames(LocalDate day, int max) {
        List<String> names = new ArrayList<>();
        certificationValidUntil.forEach((key, until) -> {
            if (!until.isBefore(day)) {
                names.add(certificationSpellings.get(key));
            }
        });
        names.sort(String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder()));
        return List.copyOf(names.size() > max ? names.subList(0, max) : names);
    }

    Optional<Contractor> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** How many contractors are searched (the active ones). */
    int activeCount() {
        return contractors.length;
    }

    int size() {
        return byId.size();
    }

    /**
     * The active contractors who serve {@code zip} (it lies within their service radius of their base, or
     * is among their served ZIPs), whose base is within the radius of the centre, and who pass the
     * filters; {@code limit} of them from {@code offset}, nearest first.
     */
    Page search(Criteria q, int offset, int limit) {
        double radius = q.radiusMiles() + EPSILON_MILES;
        double lat0 = q.center().latitude();
        double lon0 = q.center().longitude();
        double lat1 = Math.toRadians(lat0);
        double cos1 = Math.cos(lat1);
        double dLatDegrees = radius / MILES_PER_DEGREE + 1e-6;
        int r0 = row(lat0 - dLatDegrees);
        int r1 = row(lat0 + dLatDegrees);
        int c0;
        int c1;
        double maxLat = Math.min(90, Math.abs(lat0) + dLatDegrees);
        double ratio = Math.sin(radius / GeoPoint.EARTH_RADIUS_MILES) / Math.cos(Math.toRadians(maxLat));
        if (maxLat >= 89.9 || ratio >= 1) {
            c0 = 0;
            c1 = COLS - 1;
        } else {
            double dLonDegrees = Math.toDegrees(Math.asin(ratio)) + 1e-6;
            c0 = (int) Math.floor((lon0 - dLonDegrees + 180) / CELL_DEGREES);
            c1 = (int) Math.floor((lon0 + dLonDegrees + 180) / CELL_DEGREES);
            if (c1 - c0 + 1 >= COLS) {
                c0 = 0;
                c1 = COLS - 1;
            }
        }
        String cert = q.certification();
        // Matches as numbers into the arrays (in name order) and their distances.
        int total = 0;
        int[] found = new int[16];
        double[] foundMiles = new double[16];
        for (int r = r0; r <= r1; r++) {
            for (int cc = c0; cc <= c1; cc++) {
                int cell = r * COLS + Math.floorMod(cc, COLS);
                for (int k = cellStart[cell], end = cellStart[cell + 1]; k < end; k++) {
                    int i = cellItems[k];
                    Contractor c = contractors[i];
                    if (q.service() != null && !c.services().contains(q.service())) {
                        continue;
                    }
                    // GeoPoint.milesTo, step by step, with the contractor's sine and cosine kept.
                    double dLat = latRadians[i] - lat1;
                    double dLon = Math.toRadians(longitudes[i] - lon0);
                    double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                            + cos1 * cosLat[i] * Math.sin(dLon / 2) * Math.sin(dLon / 2);
                    double miles = 2 * GeoPoint.EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h)));
                    if (miles > radius) {
                        continue;
                    }
                    if (!(miles <= serviceRadius[i] + EPSILON_MILES
                            || c.servedZips().contains(q.zip()))) {
                        continue;
                    }
                    if (q.language() != null && !c.languages().contains(q.language())) {
                        continue;
                    }
                    if (cert != null && !c.holdsValid(cert, q.today())) {
                        continue;
                    }
                    if (total == found.length) {
                        found = Arrays.copyOf(found, total * 2);
                        foundMiles = Arrays.copyOf(foundMiles, total * 2);
                    }
                    found[total] = i;
                    foundMiles[total] = miles;
                    total++;
                }
            }
        }
        if (offset >= total) {
            return new Page(List.of(), total);
        }
        // Nearest first; equal distances in name order (the number into the arrays).
        Integer[] order = new Integer[total];
        for (int k = 0; k < total; k++) {
            order[k] = k;
        }
        final int[] f = found;
        final double[] fm = foundMiles;
        Arrays.sort(order, (a, b) -> {
            int byMiles = Double.compare(fm[a], fm[b]);
            return byMiles != 0 ? byMiles : Integer.compare(f[a], f[b]);
        });
        int end = (int) Math.min(total, (long) offset + limit);
        List<Hit> page = new ArrayList<>(end - offset);
        for (int k = offset; k < end; k++) {
            int m = order[k];
            page.add(new Hit(contractors[found[m]], foundMiles[m]));
        }
        return new Page(List.copyOf(page), total);
    }

    private static int row(double latitude) {
        return Math.max(0, Math.min(ROWS - 1, (int) Math.floor((latitude + 90) / CELL_DEGREES)));
    }

    private static int col(double longitude) {
        return Math.max(0, Math.min(COLS - 1, (int) Math.floor((longitude + 180) / CELL_DEGREES)));
    }
}
