package org.cec.portal.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.cec.portal.api.data.TransactionFailedException;
import org.cec.portal.platform.internal.testunit.Note;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Transactions of a module's EclipseLink unit, and events appended in them, on H2 and PostgreSQL. */
class ModuleDatabaseTest {

    private static final class Fixture implements AutoCloseable {
        final TestDatabase db;
        final EntityManagerFactory emf;
        final TransactionBinding binding = new TransactionBinding();
        final ModuleDatabaseImpl notes;
        final PortalEventsImpl events;
        final AtomicInteger wakeUps = new AtomicInteger();

        Fixture(String kind) throws Exception {
            db = TestDatabase.create(kind);
            db.migratePlatform();
            db.migrator()
                    .migrate(
                            "notes",
                            MigrationScripts.fromDirectory(
                                    Path.of("src/test/resources/notes/db/migration"), db.dialect));
            emf = PersistenceUnits.create(
                    "notes", ModuleDatabaseTest.class.getClassLoader(), db.dataSource, db.dialect);
            notes = new ModuleDatabaseImpl("notes", emf, binding);
            events = new PortalEventsImpl(binding, new EventStore(db.dialect));
            binding.addCommitListener(wakeUps::incrementAndGet);
        }

        long notesCount() {
            return notes.read(em ->
                    em.createQuery("SELECT COUNT(n) FROM Note n", Long.class).getSingleResult());
        }

        long eventCount() throws Exception {
            return MigratorTest.count(db, "SELECT COUNT(*) FROM platform_event");
        }

        @Override
        public void close() throws Exception {
            emf.close();
            db.close();
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.platform.internal.TestDatabase#kinds")
    void changeAndItsEventCommitTogether(String kind) throws Exception {
        try (Fixture f = new Fixture(kind)) {
            long eventId = f.notes.inTransaction(em -> {
                Note note = new Note("hello");
                em.persist(note);
                em.flush();
                return f.events.append("notes.created", "{\"id\":" + note.id() + "}");
            });
            assertEquals(1, eventId);
            assertEquals(1, f.notesCount());
            assertEquals(1, f.eventCount());
            assertEquals(1, f.wakeUps.get(), "the dispatcher is woken after the commit");
            List<String> texts =
                    f.notes.read(em -> em.createQuery("SELECT n FROM Note n", Note.class).getResultList().stream()
                            .map(Note::text)
                            .toList());
            assertEquals(List.of("hello"), texts);
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.platform.internal.TestDatabase#kinds")
    void failureRollsBackTheChangeAndItsEvent(String kind) throws Exception {
        try (Fixture f = new Fixture(kind)) {
            IllegalArgumentException thrown = assertThrows(
                    IllegalArgumentException.class,
                    () -> f.notes.inTransaction(em -> {
                        em.persist(new Note("lost"));
                        f.events.append("notes.created", "{}");
                        throw new IllegalArgumentException("no");
                    }));
            assertEquals("no", thrown.getMessage());
            TransactionFailedException wrapped = assertThrows(
                    TransactionFailedException.class,
                    () -> f.notes.inTransaction(em -> {
                        f.events.append("notes.created", "{}");
                        throw new IOException("checked");
                    }));
            assertTrue(wrapped.getCause() instanceof IOException);
            assertEquals(0, f.notesCount());
            assertEquals(0, f.eventCount());
            assertEquals(0, f.wakeUps.get());
            // The counter row was rolled back too: the next event is still number 1.
            long next = f.notes.inTransaction(em -> f.events.append("notes.created", "{}"));
            assertEquals(1L, next);
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.platform.internal.TestDatabase#kinds")
    void appendOutsideATransactionIsRefusedWithAClearMessage(String kind) throws Exception {
        try (Fixture f = new Fixture(kind)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> f.events.append("x.y", "{}"));
            assertTrue(e.getMessage().contains("inTransaction"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> f.notes.read(em -> f.events.append("x.y", "{}")));
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.platform.internal.TestDatabase#kinds")
    void nestedCallJoinsTheModulesTransactionButNotAnotherModules(String kind) throws Exception {
        try (Fixture f = new Fixture(kind)) {
            ModuleDatabaseImpl other = new ModuleDatabaseImpl("other", f.emf, f.binding);
            f.notes.inTransaction(outer -> {
                f.notes.inTransaction(inner -> {
                    assertSame(outer, inner);
                    return null;
                });
                assertThrows(IllegalStateException.class, () -> other.inTransaction(em -> null));
                return null;
            });
        }
    }
}
