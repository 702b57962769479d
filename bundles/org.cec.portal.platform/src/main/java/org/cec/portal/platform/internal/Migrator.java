package org.cec.portal.platform.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a module's pending migrations, once, in version order, and records each in {@code
 * platform_migration}. All pending migrations of one module are applied together or not at all:
 *
 * <ul>
 *   <li>PostgreSQL: in one transaction, which also locks {@code platform_migration} so that two
 *       portal nodes starting together do not both migrate; a failure rolls everything back.
 *   <li>H2 commits DDL implicitly, so a failure half-way could not be rolled back. The pending
 *       migrations are therefore first applied to a throwaway in-memory copy of the database's schema
 *       (no data, no file: H2's {@code SCRIPT NODATA} as a result set); only when they succeed there
 *       are they applied to the real database. A migration with an SQL error never touches the real
 *       database; one that only the data makes fail may stop half-way (see docs/platform-data.md).
 * </ul>
 */
final class Migrator {

    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);

    static final String HISTORY_DDL = "CREATE TABLE IF NOT EXISTS platform_migration ("
            + "module VARCHAR(200) NOT NULL, version INT NOT NULL, description VARCHAR(200) NOT NULL, "
            + "checksum VARCHAR(64) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL, "
            + "PRIMARY KEY (module, version))";

    /** Opens a connection to an empty scratch database of the same kind (H2 only). */
    @FunctionalInterface
    interface ScratchDatabase {
        Connection open() throws SQLException;
    }

    /** What a successful run did. */
    record Result(List<Migration> applied, int currentVersion) {}

    private final DataSource dataSource;
    private final Dialect dialect;
    private final ScratchDatabase scratch;
    private final Path backupFolder;

    Migrator(DataSource dataSource, Dialect dialect, ScratchDatabase scratch) {
        this(dataSource, dialect, scratch, null);
    }

    /**
     * @param backupFolder on H2, where to write a copy of the database before pending migrations are
     *     applied (the operator asked for it; inside the data folder); null for none
     */
    Migrator(DataSource dataSource, Dialect dialect, ScratchDatabase scratch, Path backupFolder) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.scratch = scratch;
        this.backupFolder = backupFolder;
    }

    /** Applies the pending ones of {@code migrations} (sorted by version) for {@code module}. */
    synchronized Result migrate(String module, List<Migration> migrations) throws MigrationException {
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute(HISTORY_DDL);
            }
            if (dialect.transactionalDdl()) {
                return migrateInTransaction(c, module, migrations);
            }
            List<Migration> pending = pending(applied(c, module), module, migrations);
            if (pending.isEmpty()) {
                return new Result(List.of(), currentVersion(c, module));
            }
            checkOnCopy(c, module, pending);
            if (backupFolder != null) {
                backup(c, module, pending.get(0));
            }
            apply(c, module, pending);
            return new Result(pending, currentVersion(c, module));
        } catch (SQLException e) {
            throw new MigrationException("Migrations of " + module + " could not run: " + e.getMessage(), e);
        }
    }

    private Result migrateInTransaction(Connection c, String module, List<Migration> migrations)
            throws SQLException, MigrationException {
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                // Serialises migrations of all nodes; readers of the table are not blocked.
                s.execute("LOCK TABLE platform_migration IN SHARE ROW EXCLUSIVE MODE");
            }
            List<Migration> pending = pending(applied(c, module), module, migrations);
            apply(c, module, pending);
            int current = currentVersion(c, module);
            c.commit();
            return new Result(pending, current);
        } catch (SQLException | MigrationException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * Runs the pending migrations on an in-memory copy of the database's <em>schema</em> first (H2):
     * H2's {@code SCRIPT NODATA} hands the DDL over as a result set, statement by statement, straight
     * into the copy. No row of data is copied and no file is written, so no personal data leaves the
     * database and the check does not grow with the data. It catches SQL errors (a wrong name, type or
     * syntax, a statement H2 does not understand); not a failure only the data causes (a new NOT NULL
     * or unique constraint that existing rows break), see docs/platform-data.md.
     */
    private void checkOnCopy(Connection real, String module, List<Migration> pending)
            throws SQLException, MigrationException {
        if (scratch == null) {
            LOG.warn("No scratch database: migrations of {} are applied without a trial run", module);
            return;
        }
        String mode = "REGULAR";
        try (Statement s = real.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'MODE'")) {
            if (rs.next() && rs.getString(1).matches("[A-Za-z0-9_]+")) {
                mode = rs.getString(1);
            }
        }
        try (Connection copy = scratch.open()) {
            try (Statement target = copy.createStatement()) {
                target.execute("SET MODE " + mode); // the copy must understand the SQL as the original does
                try (Statement source = real.createStatement();
                        ResultSet ddl = source.executeQuery("SCRIPT NODATA NOPASSWORDS NOSETTINGS")) {
                    while (ddl.next()) {
                        String statement = ddl.getString(1);
                        if (!statement.startsWith("CREATE USER")) { // the copy has its own user
                            target.execute(statement);
                        }
                    }
                }
            }
            copy.setAutoCommit(false);
            apply(copy, module, pending);
            copy.rollback();
        }
    }

    /**
     * H2's {@code BACKUP TO} into the backup folder (inside the data folder, owner-only), named after
     * the module, the first pending version and the time. Without the copy the operator asked for,
     * nothing is migrated.
     */
    private void backup(Connection real, String module, Migration first) throws SQLException, MigrationException {
        String time = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(OffsetDateTime.now(ZoneOffset.UTC));
        Path file = backupFolder.resolve("before-" + module + "-V" + first.version() + "-" + time + ".zip");
        try {
            Files.createDirectories(backupFolder);
            ownerOnly(backupFolder, "rwx------");
            try (Statement s = real.createStatement()) {
                s.execute("BACKUP TO '" + file.toAbsolutePath().toString().replace("'", "''") + "'");
            }
            ownerOnly(file, "rw-------");
        } catch (IOException e) {
            throw new MigrationException(
                    "Migrations of " + module + ": the backup asked for could not be written to " + backupFolder + ": "
                            + e.getMessage(),
                    e);
        }
        LOG.info("Backed up the database to {} before the migrations of {}", file, module);
    }

    private static void ownerOnly(Path path, String permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }

    private static void apply(Connection c, String module, List<Migration> pending)
            throws SQLException, MigrationException {
        for (Migration m : pending) {
            List<String> statements = SqlScript.statements(m.script());
            for (int i = 0; i < statements.size(); i++) {
                try (Statement s = c.createStatement()) {
                    s.execute(statements.get(i));
                } catch (SQLException e) {
                    throw new MigrationException(
                            m.source() + " of module " + module + " failed at statement " + (i + 1) + ": "
                                    + e.getMessage(),
                            e);
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO platform_migration "
                    + "(module, version, description, checksum, applied_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, module);
                insert.setInt(2, m.version());
                insert.setString(3, m.description());
                insert.setString(4, m.checksum());
                insert.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
                insert.executeUpdate();
            }
        }
    }

    private static List<Migration> pending(Map<Integer, String> applied, String module, List<Migration> migrations)
            throws MigrationException {
        int highest =
                applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<Migration> pending = new ArrayList<>();
        for (Migration m : migrations.stream()
                .sorted((a, b) -> Integer.compare(a.version(), b.version()))
                .toList()) {
            String checksum = applied.get(m.version());
            if (checksum != null) {
                if (!checksum.equals(m.checksum())) {
                    throw new MigrationException(m.source() + " of module " + module
                            + " was changed after it had been applied; add a new migration instead");
                }
            } else if (m.version() < highest) {
                throw new MigrationException(m.source() + " of module " + module + " is older than the applied V"
                        + highest + "; give it a higher version");
            } else {
                pending.add(m);
            }
        }
        return pending;
    }

    static Map<Integer, String> applied(Connection c, String module) throws SQLException {
        Map<Integer, String> applied = new TreeMap<>();
        try (PreparedStatement q =
                c.prepareStatement("SELECT version, checksum FROM platform_migration WHERE module = ?")) {
            q.setString(1, module);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    applied.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        return applied;
    }

    private static int currentVersion(Connection c, String module) throws SQLException {
        return applied(c, module).keySet().stream()
                .mapToInt(Integer::intValue)
                .max()
                .orElse(0);
    }
}
