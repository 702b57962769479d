package org.cec.portal.platform.internal;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.data.TransactionFailedException;
import org.cec.portal.api.data.TransactionWork;
import org.cec.portal.platform.internal.TransactionBinding.Bound;

/** The {@link ModuleDatabase} of one module, over the module's own EclipseLink unit. */
final class ModuleDatabaseImpl implements ModuleDatabase {

    private final String module;
    private final EntityManagerFactory emf;
    private final TransactionBinding binding;
    private final GroupCommit groupCommit;

    ModuleDatabaseImpl(String module, EntityManagerFactory emf, TransactionBinding binding) {
        this.module = module;
        this.emf = emf;
        this.binding = binding;
        this.groupCommit = new GroupCommit(module, emf, binding);
    }

    @Override
    public String module() {
        return module;
    }

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        return run(work, false);
    }

    @Override
    public <T> T inGroupCommit(TransactionWork<T> work) {
        Bound outer = binding.current();
        if (outer != null) {
            // Inside a transaction of this module the work simply joins it, as with inTransaction.
            return run(work, false);
        }
        return groupCommit.run(work);
    }

    /** How many group-commit works wait for the writer (for tests). */
    int groupCommitWaiting() {
        return groupCommit.waiting();
    }

    /** Commits the group-commit work still waiting and stops its writer; the module is stopping. */
    void close() {
        groupCommit.close();
    }

    @Override
    public <T> T read(TransactionWork<T> work) {
        return run(work, true);
    }

    private <T> T run(TransactionWork<T> work, boolean readOnly) {
        Bound outer = binding.current();
        if (outer != null) {
            if (!outer.module.equals(module)) {
                throw new IllegalStateException("A transaction of module " + outer.module
                        + " is running on this thread; a transaction of module " + module
                        + " cannot join it. Finish the first one before starting the other.");
            }
            if (outer.readOnly && !readOnly) {
                throw new IllegalStateException(
                        "inTransaction called inside read of module " + module + ": reads cannot write");
            }
            return call(work, outer.em);
        }
        EntityManager em = emf.createEntityManager();
        Bound bound = new Bound(module, em, readOnly);
        EntityTransaction tx = em.getTransaction();
        binding.bind(bound);
        T result;
        try {
            tx.begin();
            result = call(work, em);
            if (readOnly) {
                tx.rollback();
            } else {
                bound.beforeCommit();
                tx.commit();
            }
        } catch (RuntimeException e) {
            if (tx.isActive()) {
                try {
                    tx.rollback();
                } catch (RuntimeException rollbackFailed) {
                    e.addSuppressed(rollbackFailed);
                }
            }
            throw e;
        } finally {
            binding.unbind();
            em.close();
        }
        if (bound.eventsAppended) {
            binding.eventsCommitted();
        }
        if (!readOnly) {
            TransactionBinding.afterCommit(bound);
        }
        return result;
    }

    private static <T> T call(TransactionWork<T> work, EntityManager em) {
        try {
            return work.run(em);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new TransactionFailedException(e);
        }
    }

    @Override
    public String toString() {
        return "ModuleDatabase[" + module + "]";
    }
}
