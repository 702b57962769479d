package org.cec.portal.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.cec.portal.api.geo.GeoPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CensusZipCentroidsTest {

    private static final CensusZipCentroids ZIPS = shipped();

    private static CensusZipCentroids shipped() {
        try {
            return new CensusZipCentroids();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theShippedListHasEveryCensusZipCodeTabulationArea() {
        assertEquals(33_791, ZIPS.size());
    }

    @Test
    void aKnownCodeHasItsCentroidFromTheFile() {
        assertEquals(Optional.of(new GeoPoint(37.750021, -122.415201)), ZIPS.centroid("94110"));
        assertEquals(Optional.of(new GeoPoint(42.355097, -71.065737)), ZIPS.centroid("02108"), "a leading zero");
        assertEquals(Optional.of(new GeoPoint(40.75065, -73.997293)), ZIPS.centroid("10001"));
        assertTrue(ZIPS.exists("98101"));
    }

    @Test
    void distancesBetweenCentroidsAreHaversineMiles() {
        // 94110 San Francisco to 10001 New York, computed independently (python3, R = 3958.8 mi).
        double miles = ZIPS.centroid("94110")
                .orElseThrow()
                .milesTo(ZIPS.centroid("10001").orElseThrow());
        assertEquals(2566.0197519603157, miles, 1e-9);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "00000", "9411", "941100", "94110-1234", "abcde", " 94110", "９４１１０"})
    void anythingButAnExistingFiveDigitCodeIsUnknown(String zip) {
        assertFalse(ZIPS.exists(zip));
        assertEquals(Optional.empty(), ZIPS.centroid(zip));
    }

    @Test
    void aMalformedOrShortListIsRefused() {
        assertThrows(IOException.class, () -> read("zip,latitude,longitude\n94110,37.75\n"));
        assertThrows(IOException.class, () -> read("zip,latitude,longitude\n94110,137.75,-122.4\n"));
        assertThrows(IOException.class, () -> read("zip,latitude,longitude\n94110,37.75,-122.4\n"));
    }

    private static CensusZipCentroids read(String csv) throws IOException {
        return CensusZipCentroids.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }
}
