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
}
