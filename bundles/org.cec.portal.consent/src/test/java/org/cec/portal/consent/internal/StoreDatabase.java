package org.cec.portal.consent.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.data.TransactionFailedException;
import org.cec.portal.api.data.TransactionWork;
import org.cec.portal.api.events.PortalEvents;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.junit.jupiter.api.Assumptions;

/**
 * The consent module's migrations and persistence unit on a fresh database: H2 (file, temporary
 * folder, the platform's URL options) or a new schema on the PostgreSQL named by {@code
 * CEC_TEST_PG_URL} (as the platform's tests). Offers a {@link ModuleDatabase} and {@link PortalEvents}
 * that behave like the platform's: events only inside a transaction, kept only when it commits.
 */
final class StoreDatabase implements AutoCloseable, ModuleDatabase, PortalEvents {

    record Event(String type, String payload) {}

    final List<Event> committedEvents = new ArrayList<>();
    private final ThreadLocal<List<Event>> pending = new ThreadLocal<>();
    private final EntityManagerFactory emf;
    private final DataSource dataSource;
    private final String schema;

    private StoreDatabase(DataSource dataSource, String schema) throws Exception {
        this.dataSource = dataSource;
        this.schema = schema;
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path file : files.sorted().toList()) {
                String script = Files.readString(file)
                        .lines()
                        .filter(l -> !l.strip().startsWith("--"))
                        .reduce("", (a, b) -> a + "\n" + b);
                for (String sql : script.split(";")) {
                    String statement = sql.strip();
                    if (!statement.isEmpty()) {
                        s.execute(statement);
                    }
                }
            }
        }
        this.emf = new PersistenceProvider()
                .createEntityManagerFactory(
                        "consent",
                        Map.of(
                                "jakarta.persistence.nonJtaDataSource", dataSource,
                                "eclipselink.weaving", "false",
                                "eclipselink.logging.level", "WARNING"));
    }

    static List<String> kinds() {
        return List.of("h2", "postgresql");
    }

    static StoreDatabase create(String kind) throws Exception {
        if (kind.equals("h2")) {
            Path dir = Files.createTempDirectory("consent-h2");
            org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
            ds.setURL("jdbc:h2:file:" + dir.resolve("portal")
                    + ";MODE=LEGACY;WRITE_DELAY=0;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE");
            ds.setUser("sa");
            return new StoreDatabase(ds, null);
        }
        String url = setting("cec.test.pg.url", "CEC_TEST_PG_URL");
        if (url == null) {
            String message = "No PostgreSQL for the tests: set CEC_TEST_PG_URL, CEC_TEST_PG_USER and"
                    + " CEC_TEST_PG_PASSWORD (.ci/postgres.sh), or pass -Dcec.test.pg.optional=true";
            if (Boolean.getBoolean("cec.test.pg.optional")) {
                Assumptions.abort(message);
            }
            fail(message);
        }
        String schema = "consent_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        org.postgresql.ds.PGSimpleDataSource admin = new org.postgresql.ds.PGSimpleDataSource();
        admin.setURL(url);
        admin.setUser(setting("cec.test.pg.user", "CEC_TEST_PG_USER"));
        admin.setPassword(setting("cec.test.pg.password", "CEC_TEST_PG_PASSWORD"));
        try (Connection c = admin.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        admin.setCurrentSchema(schema);
        return new StoreDatabase(admin, schema);
    }

    private static String setting(String property, String env) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String module() {
        return "consent";
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
            committedEvents.addAll(pending.get());
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
        assertTrue(events != null, "events are appended inside a transaction only");
        events.add(new Event(type, payload));
        return events.size();
    }

    /** Rows of a native query, for checking what is really stored. */
    List<Object[]> rows(String sql) {
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
