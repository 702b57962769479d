package org.cec.portal.testing;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.data.TransactionFailedException;
import org.cec.portal.api.data.TransactionWork;
import org.cec.portal.api.events.PortalEvents;
import org.cec.portal.platform.internal.ModuleMigrations;
import org.eclipse.persistence.jpa.PersistenceProvider;

/**
 * A module's own migrations (applied by the platform's migrator) and JPA unit on a fresh database, for the module's unit tests: H2 in
 * file mode in a temporary folder (with the platform's URL options) or a new schema on the test
 * run's PostgreSQL ({@link TestPostgres}). It is the module's {@link ModuleDatabase} and
 * {@link PortalEvents} too, behaving like the platform's: events only inside a transaction, kept
 * ({@link #committedEvents}) only when it commits.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
 * void storesTheRequest(String kind) throws Exception {
 *     try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "intake")) { ... }
 * }
 * }</pre>
 */
public final class ModuleTestDatabase implements AutoCloseable, ModuleDatabase, PortalEvents {

    /** An event appended in a committed transaction. */
    public record Event(String type, String payload) {}

    /** H2 options of the platform's default URL (durable commits, the EclipseLink-compatible mode). */
    public static final String H2_OPTIONS = "MODE=LEGACY;WRITE_DELAY=0;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE";

    private final List<Event> committedEvents =
            new ArrayList<>(); // guarded by itself: senders commit on several threads
    private final ThreadLocal<List<Event>> pending = new ThreadLocal<>();
    private final String module;
    private final EntityManagerFactory emf;
    private final DataSource dataSource;
    private final String schema;

    private ModuleTestDatabase(String module, DataSource dataSource, String schema) throws Exception {
        this.module = module;
        this.dataSource = dataSource;
        this.schema = schema;
        // The platform's own migrator, as in the portal (statement splitting, dialect folders, history).
        ModuleMigrations.migrate(dataSource, module, Path.of("src/main/resources/db/migration"));
        this.emf = new PersistenceProvider()
                .createEntityManagerFactory(
                        module,
                        Map.of(
                                "jakarta.persistence.nonJtaDataSource", dataSource,
                                "eclipselink.weaving", "false",
                                "eclipselink.logging.level", "WARNING"));
    }

    /** The kinds every database test runs on; use with {@code @MethodSource}. */
    public static List<String> kinds() {
        return List.of("h2", "postgresql");
    }

    /** A fresh database of {@code kind} with the migrations of the module under test applied. */
    public static ModuleTestDatabase create(String kind, String module) throws Exception {
        if (kind.equals("h2")) {
            Path dir = Files.createTempDirectory(module + "-h2");
            org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
            ds.setURL("jdbc:h2:file:" + dir.resolve("portal") + ";" + H2_OPTIONS);
            ds.setUser("sa");
            return new ModuleTestDatabase(module, ds, null);
        }
        TestPostgres.Server server = TestPostgres.server();
        String schema = module.replaceAll("[^a-z0-9]", "_") + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setURL(server.url());
        ds.setUser(server.user());
        ds.setPassword(server.password());
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        ds.setCurrentSchema(schema);
        return new ModuleTestDatabase(module, ds, schema);
    }

    /** The events of committed transactions, in order. */
    public List<Event> committedEvents() {
        synchronized (committedEvents) {
            return List.copyOf(committedEvents);
        }
    }

    @Override
    public String module() {
        return module;
    }

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        pending.set(new ArrayList<>());
        try {
            tx.begin();
            T result = work.run(em);
            tx.commit();
            synchronized (committedEvents) {
                committedEvents.addAll(pending.get());
            }
            return result;
        } catch (RuntimeException e) {
            rollback(tx);
            throw e;
        } catch (Exception e) {
            rollback(tx);
            throw new TransactionFailedException(e);
        } finally {
            pending.remove();
            em.close();
        }
    }

    /** Each work in a transaction of its own here: the platform's batching is tested in the platform. */
    @Override
    public <T> T inGroupCommit(TransactionWork<T> work) {
        return inTransaction(work);
    }

    @Override
    public <T> T read(TransactionWork<T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            return work.run(em);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new TransactionFailedException(e);
        } finally {
            em.getTransaction().rollback();
            em.close();
        }
    }

    private static void rollback(EntityTransaction tx) {
        if (tx.isActive()) {
            tx.rollback();
        }
    }

    @Override
    public long append(String type, String payload) {
        List<Event> events = pending.get();
        if (events == null) {
            throw new IllegalStateException("events are appended inside a transaction only");
        }
        events.add(new Event(type, payload));
        return events.size();
    }

    /** Rows of a native query, for checking what is really stored. */
    public List<Object[]> rows(String sql) {
        return read(em -> {
            List<?> result = em.createNativeQuery(sql).getResultList();
            List<Object[]> rows = new ArrayList<>();
            for (Object row : result) {
                rows.add(row instanceof Object[] a ? a : new Object[] {row});
            }
            return rows;
        });
    }

    @Override
    public void close() throws Exception {
        emf.close();
        if (schema != null) {
            try (Connection c = dataSource.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Override
    public String toString() {
        return schema == null ? "h2" : "postgresql";
    }
}
