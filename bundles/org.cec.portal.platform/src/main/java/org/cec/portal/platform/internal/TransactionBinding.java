package org.cec.portal.platform.internal;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;

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

        Bound(String module, EntityManager em, boolean readOnly) {
            this.module = module;
            this.em = em;
            this.readOnly = readOnly;
        }
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
