package org.cec.portal.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link CurrentTransactionImpl}: another service writes into the caller's module transaction through
 * its connection (committed with it or not at all), and runs actions after its commit only.
 */
class CurrentTransactionTest {

    private static final class Fixture implements AutoCloseable {
        final TestDatabase db;
        final EntityManagerFactory emf;
        final TransactionBinding binding = new TransactionBinding();
        final ModuleDatabaseImpl notes;
        final CurrentTransactionImpl current;

        Fixture(String kind) throws Exception {
            db = TestDatabase.create(kind);
            db.migratePlatform();
            db.migrator()
                    .migrate(
                            "notes",
                            MigrationScripts.fromDirectory(
                                    Path.of("src/test/resources/notes/db/migration"), db.dialect));
            emf = PersistenceUnits.create(
                    "notes", CurrentTransactionTest.class.getClassLoader(), db.dataSource, db.dialect);
            notes = new ModuleDatabaseImpl("notes", emf, binding);
            current = new CurrentTransactionImpl(binding);
        }

        /** What another module's service does: insert through the caller's connection. */
        void insertThroughCurrent(String text) {
            Connection connection = current.connection().orElseThrow();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notes_note (text) VALUES (?)")) {
                insert.setString(1, text);
                insert.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        long count() throws Exception {
            return MigratorTest.count(db, "SELECT COUNT(*) FROM notes_note");
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
    void writesThroughTheConnectionCommitAndRollBackWithTheCaller(String kind) throws Exception {
        try (Fixture f = new Fixture(kind)) {
            List<String> ran = new CopyOnWriteArrayList<>();
            f.notes.inTransaction(em -> {
                f.insertThroughCurrent("kept");
                f.current.afterCommit(() -> ran.add("after kept"));
                assertEquals(List.of(), ran, "not before the commit");
                return null;
            });
            assertEquals(1, f.count());
            assertEquals(List.of("after kept"), ran);

            assertThrows(
                    IllegalArgumentException.class,
                    () -> f.notes.inTransaction(em -> {
                        f.insertThroughCurrent("lost");
                        f.current.afterCommit(() -> ran.add("after lost"));
                        throw new IllegalArgumentException("rolled back");
                    }));
            assertEquals(1, f.count(), "the write went with the caller's rollback");
            assertEquals(List.of("after kept"), ran, "no after-commit action after a rollback");
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.platform.internal.TestDatabase#kinds")
    void outsideATransactionThereIsNoConnectionAndActionsRunAtOnce(String kind) throws Exception {
        try (Fixture f = new Fixture(kind)) {
            assertTrue(f.current.connection().isEmpty());
            boolean emptyInRead = f.notes.read(em -> f.current.connection().isEmpty());
            assertTrue(emptyInRead, "a read cannot be written into");
            List<String> ran = new CopyOnWriteArrayList<>();
            f.current.afterCommit(() -> ran.add("now"));
            assertEquals(List.of("now"), ran);
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.platform.internal.TestDatabase#kinds")
    void groupCommitRunsActionsOnceAfterItsCommitAndAFailingActionHarmsNothing(String kind) throws Exception {
        try (Fixture f = new Fixture(kind)) {
            List<String> ran = new CopyOnWriteArrayList<>();
            f.notes.inGroupCommit(em -> {
                f.insertThroughCurrent("grouped");
                f.current.afterCommit(() -> {
                    throw new IllegalStateException("a broken hook");
                });
                f.current.afterCommit(() -> ran.add("after grouped"));
                return null;
            });
            assertEquals(1, f.count());
            assertEquals(List.of("after grouped"), ran);
        }
    }
}
