package org.cec.portal.platform.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The databases the portal runs on, and what differs between them. */
enum Dialect {
    H2("h2"),
    POSTGRESQL("postgresql");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /** Sub-folder of {@code db/migration/} holding this database's overrides. */
    String folder() {
        return folder;
    }

    /**
     * Whether DDL takes part in transactions. PostgreSQL: yes, a failed migration is rolled back
     * whole. H2 commits every DDL statement implicitly.
     */
    boolean transactionalDdl() {
        return this == POSTGRESQL;
    }

    /**
     * Locks the selected rows, skipping rows another transaction holds: several portal nodes can
     * then claim work without waiting on each other. H2 2.3 understands it too.
     */
    String lockSkipLocked() {
        return " FOR UPDATE SKIP LOCKED";
    }

    static Dialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        String p = product.toLowerCase(Locale.ROOT);
        if (p.contains("h2")) {
            return H2;
        }
        if (p.contains("postgres")) {
            return POSTGRESQL;
        }
        throw new SQLException("Unsupported database " + product + ": the portal runs on H2 or PostgreSQL");
    }
}
