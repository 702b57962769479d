package org.cec.portal.intake.internal;

import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.geo.GeoPoint;
import org.cec.portal.api.geo.ZipCentroids;

/** A few real ZIP codes with their Census centroids, standing in for the platform's full list. */
final class TestZips implements ZipCentroids {

    static final TestZips ZIPS = new TestZips();

    private static final Map<String, GeoPoint> KNOWN = Map.of(
            "94110", new GeoPoint(37.750021, -122.415201),
            "94117", new GeoPoint(37.770051, -122.44428),
            "10001", new GeoPoint(40.75065, -73.997293),
            "02108", new GeoPoint(42.355097, -71.065737));

    @Override
    public boolean exists(String zip) {
        return zip != null && KNOWN.containsKey(zip);
    }

    @Override
    public Optional<GeoPoint> centroid(String zip) {
        return Optional.ofNullable(zip == null ? null : KNOWN.get(zip));
    }

    @Override
    public int size() {
        return KNOWN.size();
    }
}
