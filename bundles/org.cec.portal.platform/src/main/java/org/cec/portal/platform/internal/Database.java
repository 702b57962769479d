package org.cec.portal.platform.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal's database: connects with the configured URL through the JDBC driver's OSGi {@code
 * DataSourceFactory}, pools connections with HikariCP, applies the platform's own migrations and
 * then registers {@link PlatformDatabase} for the rest of this bundle. It is also the {@code
 * Database} health check.
 *
 * <p>A database that cannot be reached (wrong URL, wrong password, server down) never fails the
 * component: the reason is logged once (without the password), shown by the health check, and the
 * connection is tried again with a growing delay. Pages that need no database keep working.
 */
@Component(
        immediate = true, // it holds the pool: a delayed component would be torn down after each health check
        configurationPid = DatabaseConfig.PID,
        service = HealthCheck.class,
        property = {HealthCheck.NAME + "=Database", HealthCheck.TAGS + "=cec-portal"})
@Designate(ocd = DatabaseConfig.class)
public final class Database implements HealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final String DATA_DIR = "cec.data.dir";
    private static final long MAX_RETRY_MILLIS = 60_000;

    private record Status(Result.Status status, String message) {}

    private final BundleContext context;
    private final String url;
    private final String user;
    private final String password;
    private final int poolSize;
    private final Path backupFolder;
    private final Map<DataSourceFactory, Boolean> factories = new ConcurrentHashMap<>();
    private final ScheduledExecutorService connector;
    private volatile Status status;
    private volatile HikariDataSource pool;
    private volatile ServiceRegistration<PlatformDatabase> registration;
    private volatile String lastLogged;
    private long retryMillis = 2_000;
    private volatile boolean waitingForDriver = true;
    private ScheduledFuture<?> next; // guarded by this: at most one connection attempt is pending
    private final long started = System.nanoTime();

    @Activate
    public Database(BundleContext context, DatabaseConfig config) {
        this.context = context;
        String configured = config.url() == null ? "" : config.url().trim();
        this.url = configured.isEmpty() ? DatabaseSettings.defaultUrl(dataDir(context)) : configured;
        this.user = config.user();
        this.password = config.password();
        this.poolSize = config.poolSize();
        this.backupFolder = config.backupBeforeMigration() ? dataDir(context).resolve("db/backup") : null;
        this.status = new Status(Result.Status.WARN, "Connecting to " + DatabaseSettings.safeUrl(url));
        this.connector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cec-database-connect");
            t.setDaemon(true);
            return t;
        });
        scheduleConnect(0);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindDataSourceFactory(DataSourceFactory factory) {
        factories.put(factory, Boolean.TRUE);
        if (connector != null && waitingForDriver) {
            scheduleConnect(0); // the driver we waited for may have come
        }
    }

    void unbindDataSourceFactory(DataSourceFactory factory) {
        factories.remove(factory);
    }

    @Deactivate
    void deactivate() {
        connector.shutdownNow();
        try {
            connector.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ServiceRegistration<PlatformDatabase> reg = registration;
        registration = null;
        if (reg != null) {
            try {
                reg.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
        }
        HikariDataSource p = pool;
        pool = null;
        if (p != null) {
            p.close();
        }
    }

    /** Runs on the connector thread only. */
    private void connect() {
        if (registration != null || connector.isShutdown()) {
            return;
        }
        String where = DatabaseSettings.safeUrl(url);
        if (!url.startsWith("jdbc:")) {
            fail(
                    "The database URL must start with jdbc: (configuration " + DatabaseConfig.PID + "), not " + where,
                    false);
            return;
        }
        if (poolSize < 1 || poolSize > 200) {
            fail(
                    "The database pool size must be 1 to 200 (configuration " + DatabaseConfig.PID + "), not "
                            + poolSize,
                    false);
            return;
        }
        Driver driver = driverFor(url);
        if (driver == null) {
            String message = "No JDBC driver for " + where + " is installed (the platform feature brings H2 and"
                    + " PostgreSQL); waiting for it";
            waitingForDriver = true;
            if (System.nanoTime() - started < TimeUnit.SECONDS.toNanos(30)) {
                // Usually the driver bundle is just starting: no error yet, look again soon.
                status = new Status(Result.Status.WARN, message);
                scheduleConnect(1000);
            } else {
                fail(message, true);
            }
            return;
        }
        waitingForDriver = false;
        Dialect dialect;
        String product;
        try (Connection probe = new DriverDataSource(driver, url, user, password).getConnection()) {
            dialect = Dialect.of(probe);
            DatabaseMetaData meta = probe.getMetaData();
            product = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        } catch (SQLException | RuntimeException e) {
            fail(
                    "Cannot connect to " + where + " as user '" + user + "': "
                            + DatabaseSettings.safeMessage(e.getMessage(), password),
                    true);
            return;
        }
        HikariDataSource p = DriverDataSource.pool(driver, url, user, password, poolSize, "cec-portal");
        Migrator.ScratchDatabase scratch = dialect == Dialect.H2 ? () -> scratchH2(driver) : null;
        Migrator migrator = new Migrator(p, dialect, scratch, dialect == Dialect.H2 ? backupFolder : null);
        try {
            Migrator.Result result =
                    migrator.migrate("platform", MigrationScripts.fromBundle(context.getBundle(), dialect));
            if (!result.applied().isEmpty()) {
                LOG.info(
                        "Applied {} migration(s) of the platform, now at V{}",
                        result.applied().size(),
                        result.currentVersion());
            }
        } catch (MigrationException | RuntimeException e) {
            p.close();
            fail(
                    "The platform's own migrations failed, the event log and module databases stay off: "
                            + DatabaseSettings.safeMessage(e.getMessage(), password),
                    false);
            return;
        }
        pool = p;
        status = new Status(
                Result.Status.OK,
                "Connected to " + where + " (" + product + "), pool of up to " + poolSize + " connections");
        LOG.info("Database: connected to {} ({})", where, product);
        lastLogged = null;
        registration =
                context.registerService(PlatformDatabase.class, new PlatformDatabase(p, dialect, migrator), null);
    }

    private synchronized void scheduleConnect(long delayMillis) {
        if (next != null) {
            next.cancel(false);
        }
        try {
            next = connector.schedule(this::connect, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            next = null; // deactivated
        }
    }

    private void fail(String message, boolean retry) {
        status = new Status(Result.Status.CRITICAL, message);
        if (!Objects.equals(message, lastLogged)) {
            LOG.error("Database: {}", message);
            lastLogged = message;
        }
        if (retry && !connector.isShutdown()) {
            status = new Status(Result.Status.CRITICAL, message + " (trying again in " + retryMillis / 1000 + " s)");
            scheduleConnect(retryMillis);
            retryMillis = Math.min(retryMillis * 2, MAX_RETRY_MILLIS);
        }
    }

    private Driver driverFor(String jdbcUrl) {
        for (DataSourceFactory factory : factories.keySet()) {
            try {
                Driver d = factory.createDriver(null);
                if (d != null && d.acceptsURL(jdbcUrl)) {
                    return d;
                }
            } catch (SQLException e) {
                LOG.debug("DataSourceFactory {} gave no driver: {}", factory, e.toString());
            }
        }
        return null;
    }

    private static Connection scratchH2(Driver h2) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "sa");
        p.setProperty("password", "");
        return h2.connect("jdbc:h2:mem:cec-migration-check-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=0", p);
    }

    private static Path dataDir(BundleContext context) {
        String dir = context.getProperty(DATA_DIR);
        return Path.of(dir == null || dir.isBlank() ? "data" : dir).toAbsolutePath();
    }

    /** Null when a connection of the pool answers; otherwise why not, without the password. */
    private String answers(HikariDataSource p) {
        Connection c = null;
        try {
            c = p.getConnection();
            if (c.isValid(2)) {
                c.close();
                return null;
            }
            p.evictConnection(c);
            return DatabaseSettings.safeUrl(url);
        } catch (SQLException e) {
            if (c != null) {
                p.evictConnection(c);
            }
            return DatabaseSettings.safeMessage(e.getMessage(), password);
        }
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        Status s = status;
        HikariDataSource p = pool;
        if (s.status() == Result.Status.OK && p != null) {
            // Connections the pool kept through an outage may be dead although the database answers
            // again: they are retired, and a fresh one asked before the database is called unreachable.
            String failure = answers(p);
            if (failure != null && p.getHikariPoolMXBean() != null) {
                p.getHikariPoolMXBean().softEvictConnections();
                failure = answers(p);
            }
            if (failure != null) {
                log.critical("The database does not answer: {}", failure);
                return new Result(log);
            }
            log.info("{}", s.message());
        } else if (s.status() == Result.Status.CRITICAL) {
            log.critical("{}", s.message());
        } else {
            log.warn("{}", s.message());
        }
        return new Result(log);
    }
}
