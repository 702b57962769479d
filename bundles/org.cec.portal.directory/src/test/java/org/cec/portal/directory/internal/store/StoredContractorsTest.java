package org.cec.portal.directory.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.cec.portal.api.directory.Certification;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.Licence;
import org.cec.portal.api.geo.GeoPoint;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Stored contractors on H2 and PostgreSQL: round trip, one event per change, all-or-nothing imports, the change marker. */
class StoredContractorsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    static List<String> kinds() {
        return ModuleTestDatabase.kinds();
    }

    static Contractor full(String id) {
        return new Contractor(
                id,
                "Sunset Solar & Heat <Co>",
                Set.of("solar-pv", "heat-pump"),
                "94110",
                new GeoPoint(37.750021, -122.415201),
                25.5,
                Set.of("94112", "94134"),
                List.of(
                        new Certification(
                                "NABCEP PV Installation Professional", "PV-1234", "NABCEP", LocalDate.of(2027, 6, 30)),
                        new Certification("BPI Building Analyst", "", "BPI", null)),
                List.of(new Licence("CA", "123456", "C-46 Solar", LocalDate.of(2028, 1, 31))),
                LocalDate.of(2027, 3, 1),
                Set.of("en", "es"),
                "Rooftop solar.\nSince 1999 — \"quoted\".",
                "https://sunset.example.org/",
                "(415) 555-0100",
                "info@sunset.example.org",
                true,
                Contractor.BUILT_IN,
                LocalDate.of(2026, 11, 15));
    }

    static Contractor simple(String id, String name, boolean active) {
        return new Contractor(
                id,
                name,
                Set.of("solar-pv"),
                null,
                new GeoPoint(40.75065, -73.997293),
                10,
                null,
                null,
                null,
                null,
                Set.of("en"),
                null,
                null,
                null,
                null,
                active,
                Contractor.BUILT_IN,
                null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aSavedContractorReadsBackWhole(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "directory")) {
            StoredContractors store = new StoredContractors(db, db, CLOCK);
            assertTrue(store.isEmpty());
            Contractor c = full("acme-1");
            store.save(c);
            assertEquals(Optional.of(c), store.find("acme-1"));
            assertEquals(List.of(c), store.all());
            assertFalse(store.isEmpty());
            assertEquals(Optional.empty(), store.find("nobody"));
            assertEquals(Optional.empty(), store.find("NOT an id"));

            Contractor changed = simple("acme-1", "Acme", false);
            store.save(changed);
            assertEquals(Optional.of(changed), store.find("acme-1"));
            assertEquals(1, store.all().size());
            assertEquals(
                    List.of(
                            new ModuleTestDatabase.Event(
                                    StoredContractors.CHANGED,
                                    "{\"id\":\"acme-1\",\"source\":\"built-in\",\"active\":true}"),
                            new ModuleTestDatabase.Event(
                                    StoredContractors.CHANGED,
                                    "{\"id\":\"acme-1\",\"source\":\"built-in\",\"active\":false}")),
                    db.committedEvents());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void activatingChangesOnlyTheFlagWithOneEvent(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "directory")) {
            StoredContractors store = new StoredContractors(db, db, CLOCK);
            store.save(full("acme-1"));
            long before = store.revision();
            assertTrue(store.setActive("acme-1", false));
            assertFalse(store.find("acme-1").orElseThrow().active());
            assertEquals(
                    full("acme-1").businessName(),
                    store.find("acme-1").orElseThrow().businessName());
            assertFalse(store.setActive("nobody", false));
            assertEquals(2, db.committedEvents().size());
            assertEquals(
                    "{\"id\":\"acme-1\",\"source\":\"built-in\",\"active\":false}",
                    db.committedEvents().get(1).payload());
            assertEquals(before + 1, store.revision());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void anImportStoresAllWithProgressOrNothing(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "directory")) {
            StoredContractors store = new StoredContractors(db, db, CLOCK);
            List<Contractor> rows = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                rows.add(simple("row-" + i, "Row " + i, true));
            }
            List<Integer> seen = new ArrayList<>();
            assertEquals(250, store.importAll(rows, seen::add));
            assertEquals(250, seen.size());
            assertEquals(250, seen.get(249));
            assertEquals(250, store.all().size());
            assertEquals(250, db.committedEvents().size());

            List<Contractor> again = new ArrayList<>(rows);
            again.set(0, simple("row-0", "Renamed", true));
            again.add(simple("row-new", "New", true));
            AtomicInteger calls = new AtomicInteger();
            assertThrows(
                    IllegalStateException.class,
                    () -> store.importAll(again, n -> {
                        if (calls.incrementAndGet() == 200) {
                            throw new IllegalStateException("stop");
                        }
                    }));
            assertEquals("Row 0", store.find("row-0").orElseThrow().businessName(), "rolled back");
            assertEquals(Optional.empty(), store.find("row-new"));
            assertEquals(250, db.committedEvents().size());

            List<Contractor> bad = new ArrayList<>(rows);
            bad.add(simple("Bad Id", "x", true));
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> store.importAll(bad, n -> {}));
            assertTrue(e.getMessage().startsWith("Contractor 251: id"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void theChangeMarkerGivesOnlyTheRowsChangedSince(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "directory")) {
            StoredContractors store = new StoredContractors(db, db, CLOCK);
            AtomicInteger told = new AtomicInteger();
            store.addListener(told::incrementAndGet);
            assertEquals(new ContractorChanges.Changes(List.of(), 0), store.since(0));
            store.save(simple("a", "A", true));
            store.save(simple("b", "B", true));
            long r = store.revision();
            assertEquals(2, store.since(0).contractors().size());
            assertEquals(r, store.since(0).revision());
            store.setActive("a", false);
            ContractorChanges.Changes changes = store.since(r);
            assertEquals(List.of(simple("a", "A", false)), changes.contractors());
            assertEquals(new ContractorChanges.Changes(List.of(), changes.revision()), store.since(changes.revision()));
            assertEquals(3, told.get());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void invalidContractorsAndOtherSourcesAreRefused(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "directory")) {
            StoredContractors store = new StoredContractors(db, db, CLOCK);
            Contractor partner = new Contractor(
                    "x",
                    "X",
                    Set.of("solar-pv"),
                    null,
                    new GeoPoint(1, 1),
                    1,
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
                    "acme",
                    null);
            assertThrows(IllegalArgumentException.class, () -> store.save(partner));
            Contractor noServices = new Contractor(
                    "x",
                    "X",
                    Set.of(),
                    null,
                    new GeoPoint(1, 1),
                    1,
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
                    Contractor.BUILT_IN,
                    null);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.save(noServices));
            assertTrue(e.getMessage().contains("services"), e.getMessage());
            assertTrue(store.isEmpty());
            assertEquals(List.of(), db.committedEvents());
            assertTrue(store.newId().matches("c-[a-z0-9]{12}"));
        }
    }
}
