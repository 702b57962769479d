package org.cec.portal.api.data;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The database of one module: transactions on the module's own EclipseLink persistence unit.
 *
 * <p>The platform registers one instance per module, once that module's migrations have been
 * applied, with the service property {@link #MODULE_PROPERTY}; it unregisters it (and closes the
 * unit) when the module stops. Service methods of a module open the transaction; servlets and
 * templates never see an {@code EntityManager}:
 *
 * <pre>{@code
 * public RequestId submit(RequestForm form) {
 *     return db.inTransaction(em -> {
 *         RequestEntity request = RequestEntity.from(form);
 *         em.persist(request);
 *         events.append("intake.submitted", request.idAsJson());
 *         return request.id();
 *     });
 * }
 * }</pre>
 */
@ProviderType
public interface ModuleDatabase {

    /** Manifest header naming the module id of a bundle that owns a database. */
    String HEADER = "CEC-Module-Database";

    /** Service property carrying the module id. */
    String MODULE_PROPERTY = "cec.module";

    /** The module id, as declared in the {@link #HEADER} manifest header. */
    String module();

    /**
     * Runs {@code work} in a new transaction on a fresh {@code EntityManager} of the module's unit
     * and commits it. While the work runs, the transaction is bound to the current thread, so
     * {@code org.cec.portal.api.events.PortalEvents#append} writes its event into the same
     * transaction: the event exists exactly when the change that caused it is committed.
     *
     * <p>A call made while this module's transaction is already running on the thread joins it. A
     * transaction of another module cannot be joined: such a call fails with an {@link
     * IllegalStateException}.
     *
     * @return what {@code work} returned
     * @throws RuntimeException the exception {@code work} threw, after rolling back; a checked
     *     exception is wrapped in a {@link TransactionFailedException}
     */
    <T> T inTransaction(TransactionWork<T> work);

    /**
     * Runs {@code work} like {@link #inTransaction}, but lets it share one transaction and one commit
     * with the work of other threads that arrives at the same moment (group commit). Use it where many
     * small, independent writes arrive concurrently, such as form submissions: a hundred of them cost
     * one commit instead of a hundred. The call returns only after the commit that contains the work,
     * so what it returns is as durable as with {@link #inTransaction}; events appended by the work are
     * committed with it.
     *
     * <p>The work runs on the platform's writer thread, not the caller's, and it may run more than once:
     * when another work of the same batch fails, the batch is rolled back and run again without it. So
     * the work must only change the database through its {@code EntityManager} and {@code
     * PortalEvents}, touch nothing outside it, and be independent of the other works (they may see
     * each other's uncommitted rows). A work that throws fails only its own call, with its own exception.
     *
     * <p>Called inside a transaction of this module (on the same thread), the work joins that transaction
     * as with {@link #inTransaction}. A transaction of another module cannot be joined: the call fails
     * with an {@link IllegalStateException}.
     *
     * @return what {@code work} returned
     * @throws RuntimeException the exception {@code work} threw; a checked exception is wrapped in a
     *     {@link TransactionFailedException}
     * @since 1.1
     */
    <T> T inGroupCommit(TransactionWork<T> work);

    /**
     * Runs {@code work} on a fresh {@code EntityManager} for reading. The transaction it runs in is
     * always rolled back: whatever {@code work} changes is discarded, and events cannot be appended.
     *
     * @return what {@code work} returned
     * @throws RuntimeException the exception {@code work} threw; a checked exception is wrapped in
     *     a {@link TransactionFailedException}
     */
    <T> T read(TransactionWork<T> work);
}
