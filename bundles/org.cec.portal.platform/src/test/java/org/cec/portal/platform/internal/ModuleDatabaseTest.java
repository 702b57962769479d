package org.cec.portal.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
            notes.close();
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

    @ParameterizedTest
    @MethodSource("org.cec.portal.platform.internal.TestDatabase#kinds")
    void groupCommitSharesOneCommitAndAFailingWorkFailsOnlyItsCaller(String kind) throws Exception {
        try (Fixture f = new Fixture(kind)) {
            ExecutorService callers = Executors.newFixedThreadPool(12);
            try {
                CountDownLatch writerBusy = new CountDownLatch(1);
                CountDownLatch release = new CountDownLatch(1);
                Future<String> first = callers.submit(() -> f.notes.inGroupCommit(em -> {
                    writerBusy.countDown();
                    assertTrue(release.await(30, TimeUnit.SECONDS));
                    em.persist(new Note("first"));
                    f.events.append("notes.created", "{}");
                    return "first";
                }));
                assertTrue(writerBusy.await(30, TimeUnit.SECONDS));
                // While the writer runs the first batch, ten callers line up for the next one.
                List<Future<String>> next = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    String text = i == 3 ? "x".repeat(300) : "note " + i; // too long for the column
                    boolean throwsItself = i == 6;
                    next.add(callers.submit(() -> f.notes.inGroupCommit(em -> {
                        em.persist(new Note(text));
                        f.events.append("notes.created", "{}");
                        if (throwsItself) {
                            throw new IOException("refused by the work");
                        }
                        return text;
                    })));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (f.notes.groupCommitWaiting() < 10 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertEquals(10, f.notes.groupCommitWaiting());
                release.countDown();

                assertEquals("first", first.get(30, TimeUnit.SECONDS));
                for (int i = 0; i < 10; i++) {
                    Future<String> call = next.get(i);
                    if (i == 3) {
                        ExecutionException e = assertThrows(ExecutionException.class, call::get);
                        assertTrue(
                                e.getCause() instanceof RuntimeException,
                                e.getCause().toString());
                    } else if (i == 6) {
                        ExecutionException e = assertThrows(ExecutionException.class, call::get);
                        assertTrue(
                                e.getCause() instanceof TransactionFailedException,
                                e.getCause().toString());
                        assertTrue(e.getCause().getCause() instanceof IOException);
                    } else {
                        assertEquals("note " + i, call.get(30, TimeUnit.SECONDS), "each caller gets its own result");
                    }
                }
                assertEquals(9, f.notesCount(), "the first and the eight good ones; nothing of the two failures");
                assertEquals(9, f.eventCount());
                assertEquals(2, f.wakeUps.get(), "two commits: the first batch and the ten (less two) together");
                List<Long> ids = f.notes.read(
                        em -> em.createNativeQuery("SELECT id FROM platform_event ORDER BY id").getResultList().stream()
                                .map(id -> ((Number) id).longValue())
                                .toList());
                assertEquals(
                        List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), ids, "event ids without gaps, in commit order");
            } finally {
                callers.shutdownNow();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.platform.internal.TestDatabase#kinds")
    void groupCommitJoinsTheCallersTransactionAndCloseCommitsWhatWaits(String kind) throws Exception {
        try (Fixture f = new Fixture(kind)) {
            ModuleDatabaseImpl other = new ModuleDatabaseImpl("other", f.emf, f.binding);
            f.notes.inTransaction(outer -> {
                f.notes.inGroupCommit(inner -> {
                    assertSame(outer, inner);
                    return null;
                });
                assertThrows(IllegalStateException.class, () -> other.inGroupCommit(em -> null));
                return null;
            });
            other.close();

            ExecutorService callers = Executors.newFixedThreadPool(4);
            try {
                CountDownLatch writerBusy = new CountDownLatch(1);
                CountDownLatch release = new CountDownLatch(1);
                Future<?> first = callers.submit(() -> f.notes.inGroupCommit(em -> {
                    writerBusy.countDown();
                    assertTrue(release.await(30, TimeUnit.SECONDS));
                    em.persist(new Note("first"));
                    return null;
                }));
                assertTrue(writerBusy.await(30, TimeUnit.SECONDS));
                Future<?> waiting = callers.submit(() -> f.notes.inGroupCommit(em -> {
                    em.persist(new Note("waiting"));
                    return null;
                }));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (f.notes.groupCommitWaiting() < 1 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                Future<?> closing = callers.submit(f.notes::close);
                Thread.sleep(50);
                release.countDown();
                closing.get(30, TimeUnit.SECONDS);
                first.get(30, TimeUnit.SECONDS);
                waiting.get(30, TimeUnit.SECONDS);
                assertEquals(2, f.notesCount(), "work that waited when the module stopped was committed");
                IllegalStateException closed =
                        assertThrows(IllegalStateException.class, () -> f.notes.inGroupCommit(em -> null));
                assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
            } finally {
                callers.shutdownNow();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.platform.internal.TestDatabase#kinds")
    void severalEventsOfOneTransactionTakeConsecutiveIdsAndTheNextGoesOn(String kind) throws Exception {
        try (Fixture f = new Fixture(kind)) {
            List<Long> ids = f.notes.inTransaction(em -> List.of(
                    f.events.append("notes.a", "{}"),
                    f.events.append("notes.b", "{}"),
                    f.events.append("notes.c", "{}")));
            assertEquals(List.of(1L, 2L, 3L), ids);
            assertThrows(
                    IllegalArgumentException.class,
                    () -> f.notes.inTransaction(em -> {
                        f.events.append("notes.lost", "{}");
                        f.events.append("notes.lost", "{}");
                        throw new IllegalArgumentException("rolled back");
                    }));
            assertEquals(4L, (long) f.notes.inTransaction(em -> f.events.append("notes.d", "{}")));
            assertEquals(4, f.eventCount());
        }
    }
}
