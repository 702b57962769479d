package org.cec.portal.directory.internal.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.ContractorQuery;
import org.cec.portal.api.directory.ContractorSource;
import org.cec.portal.api.directory.SearchResult;
import org.cec.portal.api.geo.GeoPoint;
import org.cec.portal.directory.internal.DirectorySettings;
import org.cec.portal.directory.internal.store.StoredContractors;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.api.Test;

/** The directory follows the store (this node's changes at once, another node's by polling) and the sources. */
class IndexedDirectoryTest {

    private static final Locale ES = Locale.forLanguageTag("es");

    /** A partner source whose list and revision the test changes. */
    static class Partner implements ContractorSource {
        final String id;
        volatile List<Contractor> list = List.of();
        volatile long revision = 1;
        final AtomicInteger reads = new AtomicInteger();

        Partner(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String label() {
            return "%partner.label";
        }

        @Override
        public List<Contractor> contractors() {
            reads.incrementAndGet();
            return list;
        }

        @Override
        public long revision() {
            return revision;
        }
    }

    private static final TestMessages PARTNER_MESSAGES = new TestMessages(
            Map.of("en", Map.of("partner.label", "Partner network"), "es", Map.of("partner.label", "Red de socios")));

    static Contractor own(String id, String name, String zip) {
        return ContractorSearchTest.at(id, name, zip, 20, Set.of("solar-pv"));
    }

    private static List<String> ids(SearchResult r) {
        return r.matches().stream().map(m -> m.contractor().id()).toList();
    }

    private static SearchResult near94110(IndexedDirectory d, Locale locale) {
        return d.search(ContractorQuery.near("94110"), locale);
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within 5 s: " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aChangeOnThisNodeIsThereAtOnceAndAnotherNodesWithinASecond() throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create("h2", "directory")) {
            StoredContractors here = new StoredContractors(db, db);
            StoredContractors otherNode = new StoredContractors(db, db);
            here.save(own("before", "Before Start", "94103"));
            IndexedDirectory directory = new IndexedDirectory(
                    here,
                    ContractorSearchTest.ZIPS,
                    TestMessages.directory(),
                    null,
                    DirectorySettings.defaults(),
                    ContractorSearchTest.CLOCK);
            try {
                assertEquals(List.of("before"), ids(near94110(directory, Locale.ENGLISH)), "read on start");
                here.save(own("local", "Local Change", "94080"));
                assertEquals(List.of("before", "local"), ids(near94110(directory, Locale.ENGLISH)), "at once");
                here.setActive("before", false);
                assertEquals(List.of("local"), ids(near94110(directory, Locale.ENGLISH)));
                assertEquals(false, directory.find("before").orElseThrow().active());

                directory.start();
                long t0 = System.nanoTime();
                otherNode.save(own("remote", "Remote Change", "94501"));
                await(() -> ids(near94110(directory, Locale.ENGLISH)).contains("remote"), "another node's change");
                assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(1).toNanos(), "within a second");
            } finally {
                directory.deactivate();
            }
        }
    }

    @Test
    void sourcesAreReadOffTheCallersThreadFollowTheirRevisionAndVanishWhenUnregistered() throws Exception {
        MemoryChanges store = new MemoryChanges();
        store.put(own("staff-1", "Staff One", "94103"));
        IndexedDirectory directory = new IndexedDirectory(
                store,
                ContractorSearchTest.ZIPS,
                TestMessages.directory(),
                null,
                DirectorySettings.defaults(),
                ContractorSearchTest.CLOCK);
        try {
            Partner partner = new Partner("acme");
            Contractor invalid = new Contractor(
                    "Not Valid!",
                    "Bad",
                    Set.of("solar-pv"),
                    null,
                    ContractorSearchTest.ZIPS.centroid("94103").orElseThrow(),
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
                    "whatever",
                    null);
            partner.list = List.of(own("12", "Acme Twelve", "94080"), invalid);
            directory.addSource(partner, 7, PARTNER_MESSAGES);
            await(() -> near94110(directory, Locale.ENGLISH).total() == 2, "the source's contractors");

            SearchResult r = near94110(directory, Locale.ENGLISH);
            assertEquals(List.of("staff-1", "acme:12"), ids(r), "prefixed; the invalid one left out");
            assertEquals("acme", r.matches().get(1).contractor().source());
            assertEquals("Partner network", r.matches().get(1).sourceLabel());
            assertEquals("", r.matches().get(0).sourceLabel());
            assertEquals(
                    "Red de socios", near94110(directory, ES).matches().get(1).sourceLabel());
            assertTrue(directory.find("acme:12").isPresent());

            // The same revision: not read again. A new one: read at the next poll.
            int reads = partner.reads.get();
            directory.pollSources();
            Thread.sleep(100);
            assertEquals(reads, partner.reads.get());
            partner.list = List.of(own("13", "Acme Thirteen", "94501"));
            partner.revision = 2;
            directory.pollSources();
            await(() -> ids(near94110(directory, Locale.ENGLISH)).contains("acme:13"), "the new list");
            assertEquals(List.of("staff-1", "acme:13"), ids(near94110(directory, Locale.ENGLISH)));

            // A second source with the same id waits; once the first is gone it is used.
            Partner twin = new Partner("acme");
            twin.list = List.of(own("99", "Twin", "94103"));
            directory.addSource(twin, 8, PARTNER_MESSAGES);
            Thread.sleep(200);
            assertEquals(List.of("staff-1", "acme:13"), ids(near94110(directory, Locale.ENGLISH)));

            directory.removeSource(partner);
            assertEquals(List.of("staff-1", "acme:99"), ids(near94110(directory, Locale.ENGLISH)), "at once");
            directory.removeSource(twin);
            assertEquals(List.of("staff-1"), ids(near94110(directory, Locale.ENGLISH)));
            assertTrue(directory.find("acme:12").isEmpty());
        } finally {
            directory.deactivate();
        }
    }

    @Test
    void sourcesWithReservedOrMalformedIdsAreIgnoredAndAFailingSourceKeepsItsList() throws Exception {
        MemoryChanges store = new MemoryChanges();
        IndexedDirectory directory = new IndexedDirectory(
                store,
                ContractorSearchTest.ZIPS,
                TestMessages.directory(),
                null,
                DirectorySettings.defaults(),
                ContractorSearchTest.CLOCK);
        try {
            for (String id : List.of("demo", "built-in", "Upper", "1st", "")) {
                Partner p = new Partner(id);
                p.list = List.of(own("1", "X", "94103"));
                directory.addSource(p, 1, PARTNER_MESSAGES);
            }
            List<Contractor> current = new ArrayList<>(List.of(own("1", "Steady", "94103")));
            Partner flaky = new Partner("flaky") {
                @Override
                public List<Contractor> contractors() {
                    if (revision > 1) {
                        throw new IllegalStateException("the partner's system is down");
                    }
                    return current;
                }
            };
            directory.addSource(flaky, 2, PARTNER_MESSAGES);
            await(() -> near94110(directory, Locale.ENGLISH).total() == 1, "the flaky source's first list");
            assertEquals(
                    List.of(new IndexStatus.Source("flaky", 1, true, "")),
                    directory.status().sources(),
                    "the ignored ones are not in use");
            flaky.revision = 2;
            directory.pollSources();
            Thread.sleep(200);
            assertEquals(List.of("flaky:1"), ids(near94110(directory, Locale.ENGLISH)));
            IndexStatus.Source failed = directory.status().sources().get(0);
            assertEquals(1, failed.contractors(), "its list is kept");
            assertEquals(
                    "IllegalStateException: the partner's system is down",
                    failed.failure(),
                    "the health check says why");
            assertTrue(directory.status().storeRead());
        } finally {
            directory.deactivate();
        }
    }

    @Test
    void withDemoFalseDemoContractorsAreHidden() {
        MemoryChanges store = new MemoryChanges();
        store.put(new Contractor(
                "demo-x",
                "Demo X",
                Set.of("solar-pv"),
                null,
                new GeoPoint(37.75, -122.41),
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
                null));
        IndexedDirectory directory = new IndexedDirectory(
                store,
                ContractorSearchTest.ZIPS,
                TestMessages.directory(),
                null,
                new DirectorySettings(DirectorySettings.Demo.FALSE, 3, 25, 30),
                ContractorSearchTest.CLOCK);
        try {
            assertEquals(0, near94110(directory, Locale.ENGLISH).total());
        } finally {
            directory.deactivate();
        }
    }

    @Test
    void aSearchIsAnsweredAgainFromTheSameSnapshotUntilTheDirectoryChanges() {
        MemoryChanges store = new MemoryChanges();
        store.put(own("a", "Alpha Solar", "94103"));
        IndexedDirectory directory = new IndexedDirectory(
                store,
                ContractorSearchTest.ZIPS,
                TestMessages.directory(),
                null,
                DirectorySettings.defaults(),
                ContractorSearchTest.CLOCK);
        try {
            SearchResult first = near94110(directory, Locale.ENGLISH);
            assertSame(first, near94110(directory, Locale.ENGLISH), "kept");
            assertNotSame(first, near94110(directory, ES), "another language is another search");
            assertNotSame(
                    first,
                    directory.search(ContractorQuery.near("94110").withService("solar-pv"), Locale.ENGLISH),
                    "another query is another search");

            store.put(own("b", "Beta Solar", "94080"));
            SearchResult after = near94110(directory, Locale.ENGLISH);
            assertEquals(List.of("a", "b"), ids(after), "a change is in the next answer");
            assertSame(after, near94110(directory, Locale.ENGLISH));
        } finally {
            directory.deactivate();
        }
    }

    @Test
    void noSearchIsKeptWhenTheSettingsKeepNone() {
        MemoryChanges store = new MemoryChanges();
        store.put(own("a", "Alpha Solar", "94103"));
        IndexedDirectory directory = new IndexedDirectory(
                store,
                ContractorSearchTest.ZIPS,
                TestMessages.directory(),
                null,
                new DirectorySettings(DirectorySettings.Demo.AUTO, 3, 25, 30, 0, 1),
                ContractorSearchTest.CLOCK);
        try {
            SearchResult first = near94110(directory, Locale.ENGLISH);
            assertEquals(List.of("a"), ids(first));
            assertNotSame(first, near94110(directory, Locale.ENGLISH));
        } finally {
            directory.deactivate();
        }
    }
}
