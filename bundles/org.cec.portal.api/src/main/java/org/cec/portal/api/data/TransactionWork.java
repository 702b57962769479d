package org.cec.portal.api.data;

import jakarta.persistence.EntityManager;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Work done inside a transaction of a {@link ModuleDatabase}: usually a lambda of a module's
 * service that calls its repositories.
 *
 * @param <T> what the work returns
 */
@ConsumerType
@FunctionalInterface
public interface TransactionWork<T> {

    /**
     * Does the work with the transaction's entity manager. The platform begins and ends the
     * transaction; the work must not call {@code getTransaction()}, nor keep the entity manager
     * after returning.
     *
     * @throws Exception any failure: the transaction is rolled back
     */
    T run(EntityManager em) throws Exception;
}
