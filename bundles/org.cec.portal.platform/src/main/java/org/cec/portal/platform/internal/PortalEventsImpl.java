package org.cec.portal.platform.internal;

import java.sql.Connection;
import java.sql.SQLException;
import org.cec.portal.api.events.PortalEvents;
import org.cec.portal.platform.internal.TransactionBinding.Bound;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Appends events through the JDBC connection of the module transaction bound to the thread. */
@Component(service = PortalEvents.class)
public final class PortalEventsImpl implements PortalEvents {

    private final TransactionBinding binding;
    private final EventStore store;

    @Activate
    public PortalEventsImpl(@Reference TransactionBinding binding, @Reference PlatformDatabase database) {
        this(binding, new EventStore(database.dialect()));
    }

    PortalEventsImpl(TransactionBinding binding, EventStore store) {
        this.binding = binding;
        this.store = store;
    }

    @Override
    public long append(String type, String payload) {
        Bound bound = binding.current();
        if (bound == null) {
            throw new IllegalStateException("PortalEvents.append needs a transaction on the current thread:"
                    + " call it inside ModuleDatabase.inTransaction(...) of your module, so the event is"
                    + " committed together with the change that caused it");
        }
        if (bound.readOnly) {
            throw new IllegalStateException("PortalEvents.append cannot be called inside ModuleDatabase.read(...)"
                    + " of module " + bound.module + ": use inTransaction");
        }
        // The JDBC connection of the running EclipseLink transaction: the insert is part of it.
        Connection connection = bound.em.unwrap(Connection.class);
        if (connection == null) {
            throw new IllegalStateException("The transaction of module " + bound.module + " has no connection");
        }
        try {
            long id = store.append(connection, type, payload, bound.lastEventId);
            if (bound.firstEventId == 0) {
                bound.firstEventId = id;
                bound.beforeCommit = em -> {
                    if (bound.lastEventId > bound.firstEventId) {
                        store.finishAppends(em.unwrap(Connection.class), bound.lastEventId);
                    }
                    return null;
                };
            }
            bound.lastEventId = id;
            bound.eventsAppended = true;
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not append event " + type + ": " + e.getMessage(), e);
        }
    }
}
