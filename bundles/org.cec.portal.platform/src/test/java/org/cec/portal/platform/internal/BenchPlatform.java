package org.cec.portal.platform.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;
import org.cec.portal.api.events.EventConsumer;

/**
 * The platform's own classes, as the benchmark in {@code bench/} uses them (they are package-private):
 * the pool, the migrations, {@link EventStore#append} and the {@link Dispatcher} with its production
 * defaults. Not a test.
 */
public final class BenchPlatform implements AutoCloseable {

    /** The options of the portal's embedded H2 database (WRITE_DELAY=0: durable commits). */
    public static final String H2_OPTIONS = DatabaseSettings.H2_OPTIONS;

    private final HikariDataSource pool;
    private final Driver driver;
    private final Dialect dialect;
    private final EventStore store;
    private Dispatcher dispatcher;

    public BenchPlatform(Driver driver, String url, String user, String password, int poolSize) throws SQLException {
        this.driver = driver;
        this.pool = DriverDataSource.pool(driver, url, user, password, poolSize, "bench");
        try (Connection c = pool.getConnection()) {
            this.dialect = Dialect.of(c);
        }
        this.store = new EventStore(dialect);
    }

    /** The pool the portal would use. */
    public HikariDataSource dataSource() {
        return pool;
    }

    /** Applies the platform's migrations from {@code migrationDir} (src/main/resources/db/migration). */
    public void migratePlatform(Path migrationDir) throws Exception {
        Migrator.ScratchDatabase scratch = dialect.transactionalDdl()
                ? null
                : () -> {
                    Properties p = new Properties();
                    p.setProperty("user", "sa");
                    p.setProperty("password", "");
                    return driver.connect("jdbc:h2:mem:scratch-" + UUID.randomUUID(), p);
                };
        new Migrator(pool, dialect, scratch).migrate("platform", MigrationScripts.fromDirectory(migrationDir, dialect));
    }

    /** {@code PortalEvents.append} on this connection's transaction. */
    public long append(Connection c, String type, String payload) throws SQLException {
        return store.append(c, type, payload);
    }

    /** Starts a dispatcher with the production defaults (DispatcherConfig) delivering to {@code consumer}. */
    public void startDispatcher(EventConsumer consumer) {
        dispatcher = new Dispatcher(pool, store, new Dispatcher.Settings(2, 1000, 100, 5, 1000, 60_000));
        dispatcher.start();
        dispatcher.addConsumer(consumer);
    }

    /** What the commit listener of a module transaction with events does: look for work now. */
    public void wake() {
        dispatcher.wake();
    }

    public void stopDispatcher() {
        if (dispatcher != null) {
            dispatcher.stop();
            dispatcher = null;
        }
    }

    @Override
    public void close() {
        stopDispatcher();
        pool.close();
    }
}
