package org.cec.portal.platform.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The platform's {@link Migrator} for plain Java, without OSGi: the testing module's {@code
 * ModuleTestDatabase} applies a module's migrations with it in the module's unit tests, so those
 * tests run exactly the SQL handling (statement splitting, dialect folders, checksums, history) the
 * portal runs. Public for that only: the package is not exported, no partner bundle can use it.
 */
public final class ModuleMigrations {

    private ModuleMigrations() {}

    /**
     * Applies the pending migrations of {@code module} found under {@code migrationFolder} (laid out
     * like a bundle's {@code db/migration}, dialect folders included) and returns the schema version.
     *
     * @throws IllegalStateException when a migration fails, with the file, statement and database error
     */
    public static int migrate(DataSource dataSource, String module, Path migrationFolder) throws SQLException {
        Dialect dialect;
        try (Connection c = dataSource.getConnection()) {
            dialect = Dialect.of(c);
        }
        // Plain Java: the H2 driver registers itself with DriverManager (in OSGi the platform uses its
        // DataSourceFactory instead).
        Migrator.ScratchDatabase scratch = dialect == Dialect.H2 ? ModuleMigrations::scratchH2 : null;
        try {
            return new Migrator(dataSource, dialect, scratch)
                    .migrate(module, MigrationScripts.fromDirectory(migrationFolder, dialect))
                    .currentVersion();
        } catch (MigrationException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Connection scratchH2() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "sa");
        return DriverManager.getConnection(
                "jdbc:h2:mem:cec-migration-check-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=0", p);
    }
}
