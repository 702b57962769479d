package org.cec.portal.platform.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.cec.portal.testing.TestPostgres;

/**
 * A fresh, empty database for one test: H2 in file mode in a temporary folder, or a new schema on
 * the PostgreSQL named by {@code CEC_TEST_PG_URL}, {@code CEC_TEST_PG_USER}, {@code
 * CEC_TEST_PG_PASSWORD} (system properties {@code cec.test.pg.url} ... win). Without them a
 * throwaway server is started by {@code .ci/postgres.sh} (see {@link TestPostgres}), unless
 * {@code -Dcec.test.pg.optional=true}: a PostgreSQL test that
 * silently does not run proves nothing.
 */
final class TestDatabase implements AutoCloseable {

    /** The kinds every database test runs on; use with {@code @MethodSource}. */
    static List<String> kinds() {
        return List.of("h2", "postgresql");
    }

    final String kind;
    final String url;
    final String user;
    final String password;
    final Driver driver;
    final HikariDataSource dataSource;
    final Dialect dialect;
    private final Path folder;
    private final String schema;

    private TestDatabase(
            String kind, String url, String user, String password, Driver driver, Path folder, String schema)
            throws SQLException {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.password = password;
        this.driver = driver;
        this.folder = folder;
        this.schema = schema;
        this.dataSource = DriverDataSource.pool(driver, url, user, password, 12, "test-" + kind);
        try (Connection c = dataSource.getConnection()) {
            this.dialect = Dialect.of(c);
        }
    }

    static TestDatabase create(String kind) throws Exception {
        if (kind.equals("h2")) {
            Path dir = Files.createTempDirectory("cec-h2-test");
            String url = "jdbc:h2:file:" + dir.resolve("portal") + ";" + DatabaseSettings.H2_OPTIONS;
            return new TestDatabase(kind, url, "sa", "", new org.h2.Driver(), dir, null);
        }
        TestPostgres.Server server = TestPostgres.server();
        String base = server.url();
        String user = server.user();
        String password = server.password();
        Driver driver = new org.postgresql.Driver();
        String schema = "t_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        Properties props = new Properties();
        props.setProperty("user", user == null ? "" : user);
        props.setProperty("password", password == null ? "" : password);
        try (Connection c = driver.connect(base, props);
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDatabase(kind, url, user, password, driver, null, schema);
    }

    /** The scratch database the migrator uses on H2; null on PostgreSQL. */
    Migrator.ScratchDatabase scratch() {
        if (!kind.equals("h2")) {
            return null;
        }
        return () -> {
            Properties p = new Properties();
            p.setProperty("user", "sa");
            p.setProperty("password", "");
            return driver.connect("jdbc:h2:mem:scratch-" + UUID.randomUUID(), p);
        };
    }

    Migrator migrator() {
        return new Migrator(dataSource, dialect, scratch());
    }

    /** The platform's own migrations (src/main/resources/db/migration). */
    void migratePlatform() throws Exception {
        migrator()
                .migrate(
                        "platform",
                        MigrationScripts.fromDirectory(Path.of("src/main/resources/db/migration"), dialect));
    }

    /** A second pool on the same database: a second portal node, or the node after a restart. */
    HikariDataSource anotherPool(String name) {
        return DriverDataSource.pool(driver, url, user, password, 12, name);
    }

    @Override
    public void close() throws Exception {
        dataSource.close();
        if (schema != null) {
            Properties props = new Properties();
            props.setProperty("user", user == null ? "" : user);
            props.setProperty("password", password == null ? "" : password);
            String base = url.substring(0, url.lastIndexOf(url.contains("&currentSchema") ? '&' : '?'));
            try (Connection c = driver.connect(base, props);
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
        if (folder != null) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        // best effort
                    }
                });
            }
        }
    }

    @Override
    public String toString() {
        return kind;
    }
}
