package org.cec.portal.api.data;

/**
 * A checked exception thrown by {@link TransactionWork}, rethrown unchecked by {@link
 * ModuleDatabase} after the transaction was rolled back. The original exception is the cause.
 */
public final class TransactionFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Wraps {@code cause}, keeping its message. */
    public TransactionFailedException(Exception cause) {
        super(cause.getMessage(), cause);
    }
}
