package org.cec.portal.directory.internal.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.cec.portal.api.directory.Certification;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.ContractorMatch;
import org.cec.portal.api.directory.ContractorQuery;
import org.cec.portal.api.directory.SearchResult;
import org.cec.portal.api.geo.GeoPoint;
import org.cec.portal.api.geo.ZipCentroids;
import org.cec.portal.directory.internal.DirectorySettings;
import org.cec.portal.platform.internal.CensusZipCentroids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Search against the real Census centroids. The expected distances from 94110 (San Francisco) were
 * computed independently: python3, haversine with R = 3958.8 miles, on the shipped CSV.
 */
class ContractorSearchTest {

    static final ZipCentroids ZIPS = centroids();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);
    static final String NABCEP = "NABCEP PV Installation Professional";

    // Miles from the centroid of 94110, by python3.
    static final double TO_94103 = 1.6004733591242628;
    static final double TO_94080 = 6.555608184170856;
    static final double TO_94501 = 7.680867009549325;
    static final double TO_94030 = 10.405975352245727;
    static final double TO_94610 = 10.47274238801987;
    static final double TO_94601 = 10.93490542003786;
    static final double TO_94925 = 13.539748441088022;
    static final double TO_94301 = 25.640854956139925;

    private MemoryChanges store;
    private IndexedDirectory directory;

    static ZipCentroids centroids() {
        try {
            return new CensusZipCentroids();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Contractor at(String id, String name, String zip, double radius, Set<String> services) {
        return contractor(
                id,
                name,
                ZIPS.centroid(zip).orElseThrow(),
                zip,
                radius,
                services,
                Set.of(),
                Set.of("en"),
                List.of(),
                true);
    }

    static Contractor contractor(
            String id,
            String name,
            GeoPoint base,
            String zip,
            double radius,
            Set<String> services,
            Set<String> served,
            Set<String> languages,
            List<Certification> certs,
            boolean active) {
        return new Contractor(
                id,
                name,
                services,
                zip,
                base,
                radius,
                served,
                certs,
                List.of(),
                null,
                languages,
                "",
                "",
                "",
                "",
                active,
                Contractor.BUILT_IN,
                null);
    }

    @BeforeEach
    void setUp() {
        store = new MemoryChanges();
        directory =
                new IndexedDirectory(store, ZIPS, TestMessages.directory(), null, DirectorySettings.defaults(), CLOCK);
    }

    @AfterEach
    void tearDown() {
        directory.deactivate();
    }

    private SearchResult search(int radius, String service, String cert, String lang) {
        return directory.search(
                new ContractorQuery("94110", radius, service, cert, lang, 1, ContractorQuery.MAX_PAGE_SIZE),
                Locale.ENGLISH);
    }

    private static List<String> ids(SearchResult r) {
        return r.matches().stream().map(m -> m.contractor().id()).toList();
    }

    @Test
    void radiusSearchUsesHaversineMilesBetweenCentroidsNearestFirst() {
        store.put(
                at("mission", "Mission Solar", "94103", 5, Set.of("solar-pv")),
                at("alameda", "Alameda Heat", "94501", 10, Set.of("heat-pump")),
                at("south-sf", "South City Solar", "94080", 10, Set.of("solar-pv")),
                at("marin", "Marin Energy", "94925", 20, Set.of("solar-pv")),
                at("palo-alto", "Palo Alto Power", "94301", 50, Set.of("solar-pv")));

        SearchResult r = search(25, null, null, null);
        assertEquals(List.of("mission", "south-sf", "alameda", "marin"), ids(r), "Palo Alto's base is 25.64 mi away");
        assertEquals(4, r.total());
        double[] expected = {TO_94103, TO_94080, TO_94501, TO_94925};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], r.matches().get(i).distanceMiles(), 1e-9, ids(r).get(i));
        }
        assertEquals(
                List.of("mission", "south-sf", "alameda", "marin", "palo-alto"), ids(search(26, null, null, null)));
        assertEquals(TO_94301, search(26, null, null, null).matches().get(4).distanceMiles(), 1e-9);
        assertEquals(List.of("mission"), ids(search(6, null, null, null)), "94080 is 6.56 mi away");
        assertEquals(List.of("mission", "south-sf"), ids(search(7, null, null, null)));
    }

    @Test
    void theServiceAreaIsTheRadiusOrTheServedZipList() {
        GeoPoint oakland = ZIPS.centroid("94601").orElseThrow();
        store.put(
                contractor(
                        "lists-us",
                        "Lists Us",
                        oakland,
                        "94601",
                        5,
                        Set.of("solar-pv"),
                        Set.of("94110"),
                        Set.of("en"),
                        List.of(),
                        true),
                contractor(
                        "lists-others",
                        "Lists Others",
                        oakland,
                        "94601",
                        5,
                        Set.of("solar-pv"),
                        Set.of("94112"),
                        Set.of("en"),
                        List.of(),
                        true),
                // Exactly at its service radius (the distance itself), and 0.001 mi short of reaching 94110.
                at("exactly", "Exactly There", "94610", TO_94610, Set.of("solar-pv")),
                at("short", "Just Short", "94030", TO_94030 - 0.001, Set.of("solar-pv")),
                // Serves 94110 by list, but its base is beyond the query's radius.
                contractor(
                        "far-list",
                        "Far List",
                        ZIPS.centroid("94301").orElseThrow(),
                        "94301",
                        0,
                        Set.of("solar-pv"),
                        Set.of("94110"),
                        Set.of("en"),
                        List.of(),
                        true));

        SearchResult r = search(25, null, null, null);
        assertEquals(List.of("exactly", "lists-us"), ids(r));
        assertEquals(TO_94610, r.matches().get(0).distanceMiles(), 1e-9);
        assertEquals(TO_94601, r.matches().get(1).distanceMiles(), 1e-9);
        assertEquals(List.of("exactly", "lists-us", "far-list"), ids(search(30, null, null, null)));
    }

    @Test
    void aBaseExactlyAtTheQueryRadiusIsIncludedAndJustBeyondIsNot() {
        GeoPoint center = ZIPS.centroid("94110").orElseThrow();
        // Due north along the meridian: latitude degrees are miles / R in radians.
        GeoPoint at10 =
                new GeoPoint(center.latitude() + Math.toDegrees(10 / GeoPoint.EARTH_RADIUS_MILES), center.longitude());
        GeoPoint beyond = new GeoPoint(
                center.latitude() + Math.toDegrees(10.001 / GeoPoint.EARTH_RADIUS_MILES), center.longitude());
        store.put(
                contractor("at", "At Ten", at10, null, 50, Set.of("solar-pv"), Set.of(), Set.of("en"), List.of(), true),
                contractor(
                        "beyond",
                        "Beyond Ten",
                        beyond,
                        null,
                        50,
                        Set.of("solar-pv"),
                        Set.of(),
                        Set.of("en"),
                        List.of(),
                        true));
        SearchResult r = search(10, null, null, null);
        assertEquals(List.of("at"), ids(r));
        assertEquals(10, r.matches().get(0).distanceMiles(), 1e-9);
        assertEquals(List.of("at", "beyond"), ids(search(11, null, null, null)));
    }

    @Test
    void filtersCombineAndExpiredCertificationsAndInactiveContractorsNeverMatch() {
        GeoPoint mission = ZIPS.centroid("94103").orElseThrow();
        GeoPoint southSf = ZIPS.centroid("94080").orElseThrow();
        GeoPoint alameda = ZIPS.centroid("94501").orElseThrow();
        Certification valid = new Certification(NABCEP, "1", "NABCEP", LocalDate.of(2026, 12, 2));
        Certification expired = new Certification(NABCEP, "2", "NABCEP", LocalDate.of(2026, 12, 1));
        store.put(
                contractor(
                        "all",
                        "All Three",
                        mission,
                        "94103",
                        20,
                        Set.of("solar-pv", "heat-pump"),
                        Set.of(),
                        Set.of("en", "es"),
                        List.of(valid),
                        true),
                contractor(
                        "expired",
                        "Expired Cert",
                        southSf,
                        "94080",
                        20,
                        Set.of("solar-pv"),
                        Set.of(),
                        Set.of("en", "es"),
                        List.of(expired),
                        true),
                contractor(
                        "english",
                        "English Only",
                        alameda,
                        "94501",
                        20,
                        Set.of("solar-pv"),
                        Set.of(),
                        Set.of("en"),
                        List.of(valid),
                        true),
                contractor(
                        "heat",
                        "Heat Only",
                        alameda,
                        "94501",
                        20,
                        Set.of("heat-pump"),
                        Set.of(),
                        Set.of("es"),
                        List.of(valid),
                        true),
                contractor(
                        "inactive",
                        "Inactive",
                        mission,
                        "94103",
                        20,
                        Set.of("solar-pv", "heat-pump"),
                        Set.of(),
                        Set.of("en", "es"),
                        List.of(valid),
                        false));

        assertEquals(List.of("all", "expired", "english"), ids(search(25, "solar-pv", null, null)));
        assertEquals(List.of("all", "expired", "heat"), ids(search(25, null, null, "es")));
        assertEquals(List.of("all", "expired", "heat"), ids(search(25, null, null, "ES")));
        assertEquals(
                List.of("all", "english", "heat"), ids(search(25, null, "nabcep pv installation professional", null)));
        assertEquals(List.of("all", "expired"), ids(search(25, "solar-pv", null, "es")));
        assertEquals(List.of("all"), ids(search(25, "solar-pv", NABCEP, "es")), "valid on its last day only");
        assertEquals(List.of("all", "heat"), ids(search(25, "heat-pump", NABCEP, "es")));
        assertEquals(List.of(), ids(search(25, "ev-charger", null, null)));
        assertEquals(List.of(), ids(search(25, null, "BPI Building Analyst", null)));
        assertTrue(directory.find("inactive").isPresent(), "found by id, but never in search");
        assertTrue(ids(search(100, null, null, null)).stream().noneMatch("inactive"::equals));
    }

    @Test
    void pagesSliceTheSortedMatchesAndEqualDistancesGoByName() {
        for (int i = 0; i < 45; i++) {
            store.put(at("c-" + i, String.format("Name %02d", 44 - i), "94103", 5, Set.of("solar-pv")));
        }
        SearchResult first =
                directory.search(new ContractorQuery("94110", 25, null, null, null, 1, 20), Locale.ENGLISH);
        assertEquals(45, first.total());
        assertEquals(3, first.pages());
        assertEquals("Name 00", first.matches().get(0).contractor().businessName());
        SearchResult third =
                directory.search(new ContractorQuery("94110", 25, null, null, null, 3, 20), Locale.ENGLISH);
        assertEquals(5, third.matches().size());
        assertEquals("Name 44", third.matches().get(4).contractor().businessName());
        SearchResult beyond =
                directory.search(new ContractorQuery("94110", 25, null, null, null, 9, 20), Locale.ENGLISH);
        assertEquals(List.of(), beyond.matches());
        assertEquals(45, beyond.total());
    }

    @Test
    void anUnknownZipIsRefused() {
        assertThrows(
                IllegalArgumentException.class, () -> directory.search(ContractorQuery.near("00000"), Locale.ENGLISH));
    }

    @Test
    void aLocalChangeIsInTheNextSearchAndDemoContractorsAreLabelled() {
        assertEquals(List.of(), ids(search(25, null, null, null)));
        Contractor demo = new Contractor(
                "demo-sf-01",
                "Demo Co",
                Set.of("solar-pv"),
                "94103",
                ZIPS.centroid("94103").orElseThrow(),
                10,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                true,
                Contractor.DEMO,
                null);
        store.put(demo);
        ContractorMatch m = search(25, null, null, null).matches().get(0);
        assertEquals("Demo", m.sourceLabel());
        assertEquals(
                "Demo",
                directory
                        .search(ContractorQuery.near("94110"), Locale.forLanguageTag("es"))
                        .matches()
                        .get(0)
                        .sourceLabel());
        store.put(at("demo-sf-01", "Now Built In", "94103", 10, Set.of("solar-pv")));
        assertEquals("", search(25, null, null, null).matches().get(0).sourceLabel());
    }
}
