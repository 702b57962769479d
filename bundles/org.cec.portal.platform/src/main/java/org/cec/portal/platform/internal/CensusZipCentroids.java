package org.cec.portal.platform.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.cec.portal.api.geo.GeoPoint;
import org.cec.portal.api.geo.ZipCentroids;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The portal's one copy of the US ZIP code centroids: {@code data/us-zip-centroids.csv} of this bundle
 * (Census ZCTAs, see the README beside it), read once. Kept as three sorted parallel arrays (code,
 * latitude, longitude), about 0.7 MB for 33,791 codes, without an object per code; a look-up is a
 * binary search.
 */
@Component(service = ZipCentroids.class)
public final class CensusZipCentroids implements ZipCentroids {

    static final String RESOURCE = "/data/us-zip-centroids.csv";

    private final int[] codes;
    private final double[] latitudes;
    private final double[] longitudes;

    /** Reads the CSV shipped in this bundle. */
    @Activate
    public CensusZipCentroids() throws IOException {
        this(shipped());
    }

    private CensusZipCentroids(CensusZipCentroids read) {
        this.codes = read.codes;
        this.latitudes = read.latitudes;
        this.longitudes = read.longitudes;
    }

    private CensusZipCentroids(int[] codes, double[] latitudes, double[] longitudes) {
        this.codes = codes;
        this.latitudes = latitudes;
        this.longitudes = longitudes;
    }

    private static CensusZipCentroids shipped() throws IOException {
        try (InputStream in = CensusZipCentroids.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("data/us-zip-centroids.csv is missing from the bundle");
            }
            return read(in);
        }
    }

    /**
     * Reads {@code zip,latitude,longitude} lines after a header line.
     *
     * @throws IOException when a line is malformed, a code repeats, or fewer than 1000 codes are given
     */
    static CensusZipCentroids read(InputStream csv) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8));
        int n = 0;
        int[] codes = new int[40_000];
        double[] lats = new double[40_000];
        double[] lons = new double[40_000];
        String line = reader.readLine(); // header
        int lineNo = 1;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 3 || !isZip(cells[0].trim())) {
                throw new IOException("Line " + lineNo + " of the ZIP code list is not zip,latitude,longitude");
            }
            double lat;
            double lon;
            try {
                lat = Double.parseDouble(cells[1].trim());
                lon = Double.parseDouble(cells[2].trim());
                new GeoPoint(lat, lon);
            } catch (IllegalArgumentException e) {
                throw new IOException("Line " + lineNo + " of the ZIP code list has no valid latitude and longitude");
            }
            if (n == codes.length) {
                codes = Arrays.copyOf(codes, n * 2);
                lats = Arrays.copyOf(lats, n * 2);
                lons = Arrays.copyOf(lons, n * 2);
            }
            codes[n] = Integer.parseInt(cells[0].trim());
            lats[n] = lat;
            lons[n] = lon;
            n++;
        }
        if (n < 1000) {
            throw new IOException("The ZIP code list has only " + n + " codes");
        }
        // Sort the three arrays by code (the file is not in code order).
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        final int[] unsorted = codes;
        Arrays.sort(order, (a, b) -> Integer.compare(unsorted[a], unsorted[b]));
        int[] c = new int[n];
        double[] la = new double[n];
        double[] lo = new double[n];
        for (int i = 0; i < n; i++) {
            int from = order[i];
            c[i] = codes[from];
            la[i] = lats[from];
            lo[i] = lons[from];
            if (i > 0 && c[i] == c[i - 1]) {
                throw new IOException("The ZIP code list has " + String.format("%05d", c[i]) + " twice");
            }
        }
        return new CensusZipCentroids(c, la, lo);
    }

    @Override
    public boolean exists(String zip) {
        return indexOf(zip) >= 0;
    }

    @Override
    public Optional<GeoPoint> centroid(String zip) {
        int i = indexOf(zip);
        return i < 0 ? Optional.empty() : Optional.of(new GeoPoint(latitudes[i], longitudes[i]));
    }

    @Override
    public int size() {
        return codes.length;
    }

    private int indexOf(String zip) {
        if (!isZip(zip)) {
            return -1;
        }
        int code = Integer.parseInt(zip);
        int i = Arrays.binarySearch(codes, code);
        return i < 0 ? -1 : i;
    }

    private static boolean isZip(String s) {
        if (s == null || s.length() != 5) {
            return false;
        }
        for (int i = 0; i < 5; i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
    }
}
