package org.cec.portal.platform.internal;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Optional;
import org.cec.portal.api.data.CurrentTransaction;
import org.cec.portal.platform.internal.TransactionBinding.Bound;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The module transaction bound to the current thread, for a service that writes into its caller's
 * transaction (as {@link PortalEventsImpl} does with events): its JDBC connection, and actions run
 * after its commit.
 */
@Component(service = CurrentTransaction.class)
public final class CurrentTransactionImpl implements CurrentTransaction {

    private final TransactionBinding binding;

    @Activate
    public CurrentTransactionImpl(@Reference TransactionBinding binding) {
        this.binding = binding;
    }

    @Override
    public Optional<Connection> connection() {
        Bound bound = binding.current();
        if (bound == null || bound.readOnly) {
            return Optional.empty();
        }
        // The JDBC connection of the running EclipseLink transaction (unwrap starts it on the connection).
        return Optional.ofNullable(bound.em.unwrap(Connection.class));
    }

    @Override
    public void afterCommit(Runnable action) {
        Objects.requireNonNull(action, "action");
        Bound bound = binding.current();
        if (bound == null || bound.readOnly) {
            action.run();
            return;
        }
        if (bound.afterCommit == null) {
            bound.afterCommit = new ArrayList<>();
        }
        bound.afterCommit.add(action);
    }
}
