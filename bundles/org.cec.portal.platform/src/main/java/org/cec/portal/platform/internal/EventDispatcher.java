package org.cec.portal.platform.internal;

import java.util.Map;
import org.cec.portal.api.events.EventConsumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Delivers the event log to every registered {@link EventConsumer} service (see {@link Dispatcher}).
 * Consumers come and go with their bundles; their positions stay in the database.
 */
@Component(immediate = true, service = EventDispatcher.class, configurationPid = DispatcherConfig.PID)
@Designate(ocd = DispatcherConfig.class)
public final class EventDispatcher {

    private final Dispatcher dispatcher;
    private final TransactionBinding binding;
    private final Runnable wake;

    @Activate
    public EventDispatcher(
            @Reference PlatformDatabase database, @Reference TransactionBinding binding, DispatcherConfig config) {
        this.binding = binding;
        this.dispatcher = new Dispatcher(
                database.dataSource(),
                new EventStore(database.dialect()),
                new Dispatcher.Settings(
                        config.threads(),
                        config.pollMillis(),
                        config.batchSize(),
                        config.maxAttempts(),
                        config.initialBackoffMillis(),
                        config.maxBackoffMillis()));
        this.wake = dispatcher::wake;
        binding.addCommitListener(wake);
        dispatcher.start();
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addConsumer(EventConsumer consumer) {
        dispatcher.addConsumer(consumer);
    }

    void removeConsumer(EventConsumer consumer) {
        dispatcher.removeConsumer(consumer);
    }

    /** Looks for work now, for example after an admin asked to retry a parked event. */
    public void wake() {
        dispatcher.wake();
    }

    /** The consumers that get no events now (waiting to be registered, cannot claim), with the reason. */
    public Map<String, String> problems() {
        return dispatcher.problems();
    }

    @Deactivate
    void deactivate() {
        binding.removeCommitListener(wake);
        dispatcher.stop();
    }
}
