package org.cec.portal.example.csvsource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.geo.GeoPoint;
import org.cec.portal.api.geo.ZipCentroids;
import org.junit.jupiter.api.Test;

class ContractorRowsTest {

    private static final ZipCentroids ZIPS = new ZipCentroids() {
        private final Map<String, GeoPoint> known =
                Map.of("94110", new GeoPoint(37.7509, -122.4153), "94112", new GeoPoint(37.7203, -122.4421));

        @Override
        public boolean exists(String zip) {
            return known.containsKey(zip);
        }

        @Override
        public Optional<GeoPoint> centroid(String zip) {
            return Optional.ofNullable(known.get(zip));
        }

        @Override
        public int size() {
            return known.size();
        }
    };

    private static final String HEADER = String.join(",", ContractorRows.COLUMNS) + "\n";

    @Test
    void readsEveryColumn() throws Exception {
        String csv = HEADER
                + "sun-1,\"Sunny Roofs, Inc.\",solar;battery,94110,,,30,94112,"
                + "NABCEP PV Installation Professional|PV-1|NABCEP|2030-01-31,CA|123|C-46|2029-06-30,"
                + "2028-12-31,en;es,Roofs,https://example.org/sunny,415-555-0100,info@example.org,true,2026-11-01\n";
        ContractorRows.Result result = new ContractorRows(ZIPS).read(new StringReader(csv), "csv");
        assertEquals(0, result.problems().size(), result.problems().toString());
        Contractor c = result.contractors().get(0);
        assertEquals("Sunny Roofs, Inc.", c.businessName());
        assertEquals("94110", c.baseZip());
        assertEquals(30, c.serviceRadiusMiles());
        assertTrue(c.servedZips().contains("94112"));
        assertTrue(c.holdsValid("nabcep pv installation professional", LocalDate.of(2030, 1, 31)));
        assertFalse(c.holdsValid("NABCEP PV Installation Professional", LocalDate.of(2030, 2, 1)));
        assertEquals("C-46", c.licences().get(0).licenceClass());
        assertEquals("csv", c.source());
        assertTrue(c.active());
    }

    @Test
    void skipsBadRowsNamingRowAndColumnNotValue() throws Exception {
        String csv = HEADER
                + "ok-1,Good,solar,94110,,,25,,,,,,,,,,,\n"
                + "bad-zip,Bad ZIP,solar,99999,,,25,,,,,,,,,,,\n"
                + "bad-site,Bad site,solar,94110,,,25,,,,,,,javascript:alert(1),,,,\n"
                + "ok-1,Twice,solar,94110,,,25,,,,,,,,,,,\n";
        ContractorRows.Result result = new ContractorRows(ZIPS).read(new StringReader(csv), "csv");
        assertEquals(1, result.contractors().size());
        assertEquals(3, result.problems().size());
        assertTrue(
                result.problems().get(0).startsWith("row 3, column base_zip"),
                result.problems().get(0));
        assertTrue(
                result.problems().get(1).startsWith("row 4, column website"),
                result.problems().get(1));
        assertFalse(result.problems().get(1).contains("javascript"));
        assertTrue(
                result.problems().get(2).startsWith("row 5, column id"),
                result.problems().get(2));
    }

    @Test
    void coordinatesInsteadOfZip() throws Exception {
        String csv = "id,business_name,latitude,longitude,service_radius_miles\nxy,Far,40.0,-105.0,10\n";
        ContractorRows.Result result = new ContractorRows(ZIPS).read(new StringReader(csv), "csv");
        assertEquals(40.0, result.contractors().get(0).base().latitude());
        assertEquals(null, result.contractors().get(0).baseZip());
    }
}
