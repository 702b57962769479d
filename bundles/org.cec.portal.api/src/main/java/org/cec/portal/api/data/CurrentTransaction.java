package org.cec.portal.api.data;

import java.sql.Connection;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The transaction of {@link ModuleDatabase#inTransaction} that runs on the current thread, for a
 * service that writes in its caller's transaction (the email module's outbox, like the event log): what
 * it writes is committed with the caller's change, or not at all. It writes only its own tables.
 *
 * @since 1.2
 */
@ProviderType
public interface CurrentTransaction {

    /**
     * The JDBC connection of the read-write transaction running on this thread, or empty outside one
     * (and inside {@link ModuleDatabase#read}). Do not commit, roll back or close it.
     */
    Optional<Connection> connection();

    /**
     * Runs {@code action} once the current transaction has committed (not if it rolls back), on the
     * committing thread; outside a transaction, at once. For waking a worker that acts on what was
     * written; it must be quick and not throw.
     */
    void afterCommit(Runnable action);
}
