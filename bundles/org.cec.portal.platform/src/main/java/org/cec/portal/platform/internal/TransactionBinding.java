package org.cec.portal.platform.internal;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import org.cec.portal.api.data.TransactionWork;
import org.osgi.service.component.annotations.Component;
import org.slf4j.LoggerFactory;

/**
 * Which module transaction runs on which thread, so that {@link PortalEventsImpl#append} can join
 * it. One instance is shared by the platform's components (it is never static state).
 */
@Component(service = TransactionBinding.class, immediate = true)
public final class TransactionBinding {

    /** The transaction running on one thread. */
    static final class Bound {
        final String module;
        final EntityManager em;
        final boolean readOnly;
        boolean eventsAppended;
        /** The id of the event this transaction appended first and last; 0 before its first. */
        long firstEventId;

        long lastEventId;
        /** Runs just before the commit (the event counter catches up with the appends); may be null. */
        TransactionWork<Void> beforeCommit;
        /** What runs once the transaction has committed ({@link CurrentTransactionImpl#afterCommit}); may be null. */
        List<Runnable> afterCommit;

        Bound(String module, EntityManager em, boolean readOnly) {
            this.module = module;
            this.em = em;
            this.readOnly = readOnly;
        }

        /** What must happen inside the transaction right before it commits. */
        void beforeCommit() {
            if (beforeCommit != null) {
                try {
                    beforeCommit.run(em);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("Could not finish the transaction of " + module, e);
                }
            }
        }
    }

    /**
     * Runs what was registered to run after this transaction's commit. A hook that throws is logged and
     * does not keep the others from running: the commit is done, the caller's change stands.
     */
    static void afterCommit(Bound bound) {
        if (bound.afterCommit == null) {
            return;
        }
        for (Runnable action : bound.afterCommit) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(TransactionBinding.class)
                        .warn(
                                "An after-commit action of module {}'s transaction failed: {}",
                                bound.module,
                                e.toString());
            }
        }
        bound.afterCommit = null;
    }

    private final ThreadLocal<Bound> current = new ThreadLocal<>();
    private final List<Runnable> commitListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    Bound current() {
        return current.get();
    }

    void bind(Bound bound) {
        current.set(bound);
    }

    void unbind() {
        current.remove();
    }

    /** Called after a transaction that appended events has committed (the dispatcher wakes up). */
    void addCommitListener(Runnable listener) {
        commitListeners.add(listener);
    }

    void removeCommitListener(Runnable listener) {
        commitListeners.remove(listener);
    }

    void eventsCommitted() {
        for (Runnable listener : new ArrayList<>(commitListeners)) {
            listener.run();
        }
    }
}
