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
     * Runs {@code work} on a fresh {@code EntityManager} for reading. The transaction it runs in is
     * always rolled back: whatever {@code work} changes is discarded, and events cannot be appended.
     *
     * @return what {@code work} returned
     * @throws RuntimeException the exception {@code work} threw; a checked exception is wrapped in
     *     a {@link TransactionFailedException}
     */
    <T> T read(TransactionWork<T> work);
}
