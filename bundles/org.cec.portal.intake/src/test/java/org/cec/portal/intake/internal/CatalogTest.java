package org.cec.portal.intake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.cec.portal.api.intake.IntakeField;
import org.cec.portal.api.intake.IntakeSection;
import org.cec.portal.api.intake.ServiceType;
import org.junit.jupiter.api.Test;

/** The catalog keeps its snapshot between pages and rebuilds it as soon as a plugin comes, goes or changes. */
class CatalogTest {

    /** A service type that counts how often it is asked for its id. */
    private static final class Counted implements ServiceType {
        final AtomicInteger asked = new AtomicInteger();
        final String id;

        Counted(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            asked.incrementAndGet();
            return id;
        }

        @Override
        public String label() {
            return "Label of " + id;
        }
    }

    /** A section whose title can change while it stays registered. */
    private static final class Section implements IntakeSection {
        volatile String title = "First title";

        @Override
        public String id() {
            return "extra";
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public String title() {
            return title;
        }

        @Override
        public List<IntakeField> fields() {
            return List.of(IntakeField.text("note", "A note"));
        }
    }

    private static List<String> ids(Catalog.Snapshot snapshot) {
        return snapshot.services().stream().map(Catalog.ServiceInfo::id).toList();
    }

    @Test
    void theSnapshotIsKeptBetweenPagesWhileNothingChanges() {
        Catalog catalog = TestMessages.newCatalog();
        Counted solar = new Counted("solar");
        catalog.addService(solar);

        Catalog.Snapshot first = catalog.snapshot();
        Catalog.Snapshot second = catalog.snapshot();

        assertSame(first, second);
        assertEquals(1, solar.asked.get(), "the plugin is asked once, not on every page");
    }

    @Test
    void aPluginInstalledAMomentAgoIsOnTheNextPageAndOneUninstalledIsGone() {
        Catalog catalog = TestMessages.newCatalog();
        Counted solar = new Counted("solar");
        catalog.addService(solar);
        assertEquals(List.of("solar"), ids(catalog.snapshot()));

        Counted heat = new Counted("heat-pump");
        catalog.addService(heat);
        assertEquals(List.of("heat-pump", "solar"), ids(catalog.snapshot()));

        catalog.removeService(solar);
        assertEquals(List.of("heat-pump"), ids(catalog.snapshot()));

        Section section = new Section();
        catalog.addSection(section);
        assertEquals(1, catalog.snapshot().sections().size());
        catalog.removeSection(section);
        assertTrue(catalog.snapshot().sections().isEmpty());
    }

    @Test
    void aPluginWhosePropertiesChangedIsAskedAgain() {
        Catalog catalog = TestMessages.newCatalog();
        Section section = new Section();
        catalog.addSection(section);
        assertEquals("First title", catalog.snapshot().sections().get(0).title());

        section.title = "Second title";
        catalog.updatedSection(section);

        assertEquals("Second title", catalog.snapshot().sections().get(0).title());
    }

    @Test
    void aPluginThatFailedIsAskedAgainOnTheNextPage() {
        Catalog catalog = TestMessages.newCatalog();
        AtomicInteger calls = new AtomicInteger();
        catalog.addService(new ServiceType() {
            @Override
            public String id() {
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("not ready yet");
                }
                return "late";
            }

            @Override
            public String label() {
                return "Late starter";
            }
        });

        assertFalse(ids(catalog.snapshot()).contains("late"), "left out while it throws");
        assertEquals(List.of("late"), ids(catalog.snapshot()), "asked again, and in once it answers");
    }

    @Test
    void invalidIdsAreStillLeftOut() {
        Catalog catalog = TestMessages.newCatalog();
        catalog.addService(new Counted("Not-Valid"));
        catalog.addService(new Counted("x".repeat(65)));
        catalog.addService(new Counted("fine-1"));
        assertEquals(List.of("fine-1"), ids(catalog.snapshot()));
    }
}
