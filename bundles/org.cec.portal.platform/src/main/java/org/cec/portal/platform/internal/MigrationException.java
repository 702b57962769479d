package org.cec.portal.platform.internal;

/** A module's migrations could not be applied; the message names the file and the database error. */
final class MigrationException extends Exception {

    private static final long serialVersionUID = 1L;

    MigrationException(String message) {
        super(message);
    }

    MigrationException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether the migrations failed because the database could not be reached (a connection error,
     * SQLState class 08), not because of a migration: then trying again later is right.
     */
    boolean databaseUnreachable() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.sql.SQLRecoverableException
                    || (t instanceof java.sql.SQLException e
                            && e.getSQLState() != null
                            && e.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }
}
