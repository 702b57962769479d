package org.cec.portal.directory.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.geo.GeoPoint;
import org.cec.portal.api.geo.ZipCentroids;
import org.cec.portal.directory.internal.DirectorySettings.Demo;
import org.cec.portal.platform.internal.CensusZipCentroids;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DemoDataTest {

    static final ZipCentroids ZIPS = centroids();
    static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

    static ZipCentroids centroids() {
        try {
            return new CensusZipCentroids();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static List<String> kinds() {
        return ModuleTestDatabase.kinds();
    }

    @Test
    void theDemoDataIsTheSameEveryTimeValidAndObviouslyFictional() {
        List<Contractor> demo = DemoContractors.generate(ZIPS);
        assertEquals(demo, DemoContractors.generate(ZIPS));
        assertEquals(DemoContractors.COUNT, demo.size());
        assertEquals(200, demo.stream().map(Contractor::id).distinct().count());
        assertEquals(200, demo.stream().map(Contractor::businessName).distinct().count());
        for (Contractor c : demo) {
            assertEquals(List.of(), ContractorRules.problems(c, c.id()), c.id());
            assertEquals(Contractor.DEMO, c.source());
            assertTrue(c.businessName().endsWith("(Demo)"), c.businessName());
            assertTrue(
                    c.website().isEmpty() || c.website().matches("https://[a-z0-9-]+\\.example\\.(org|com)/"),
                    c.website());
            assertTrue(c.email().isEmpty() || c.email().endsWith(".example.com"), c.email());
            assertTrue(c.phone().matches("\\(\\d{3}\\) 555-01\\d{2}"), c.phone());
        }
        assertEquals(10, demo.stream().filter(c -> !c.active()).count());
        assertTrue(demo.stream()
                        .filter(c -> c.certifications().stream().anyMatch(x -> !x.validOn(TODAY)))
                        .count()
                >= 10);
        assertTrue(demo.stream().anyMatch(c -> !c.servedZips().isEmpty() && c.serviceRadiusMiles() == 0));
        // 20 around each city: every base within 20 miles of its city's centroid.
        Set<String> cities = demo.stream().map(c -> c.id().split("-")[1]).collect(Collectors.toSet());
        assertEquals(10, cities.size());
        GeoPoint sf = ZIPS.centroid("94110").orElseThrow();
        long spanishSolarNearSf = demo.stream()
                .filter(Contractor::active)
                .filter(c -> c.services().contains("solar-pv") && c.languages().contains("es"))
                .filter(c -> sf.milesTo(c.base()) <= 25 && c.serves("94110", sf.milesTo(c.base())))
                .count();
        assertTrue(spanishSolarNearSf >= 5, "solar-pv in Spanish near 94110: " + spanishSolarNearSf);
        assertTrue(demo.stream().filter(c -> c.id().startsWith("demo-sf-")).allMatch(c -> sf.milesTo(c.base()) < 20));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void autoLoadsOnlyIntoAnEmptyEmbeddedDatabase(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "directory")) {
            StoredContractors store = new StoredContractors(db, db);
            DemoData.Outcome first = DemoData.apply(store, store, db, Demo.AUTO, ZIPS);
            if (kind.equals("h2")) {
                assertEquals(DemoData.Outcome.LOADED, first);
                assertEquals(200, store.all().size());
                assertEquals(200, db.committedEvents().size());
                assertEquals(DemoData.Outcome.NOT_EMPTY, DemoData.apply(store, store, db, Demo.AUTO, ZIPS));
                assertEquals(200, store.all().size(), "loaded once");
            } else {
                assertEquals(DemoData.Outcome.NOT_ASKED, first, "never on PostgreSQL unless asked");
                assertTrue(store.isEmpty());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void trueLoadsAnywhereAndFalseDeactivatesThem(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "directory")) {
            StoredContractors store = new StoredContractors(db, db);
            assertEquals(DemoData.Outcome.LOADED, DemoData.apply(store, store, db, Demo.TRUE, ZIPS));
            assertEquals(190, store.all().stream().filter(Contractor::active).count());
            store.save(StoredContractorsTest.simple("staff-1", "Staff's", true));

            assertEquals(DemoData.Outcome.HIDDEN, DemoData.apply(store, store, db, Demo.FALSE, ZIPS));
            assertEquals(
                    List.of("staff-1"),
                    store.all().stream()
                            .filter(Contractor::active)
                            .map(Contractor::id)
                            .toList());
            assertEquals(DemoData.Outcome.NOT_EMPTY, DemoData.apply(store, store, db, Demo.TRUE, ZIPS));
        }
    }
}
