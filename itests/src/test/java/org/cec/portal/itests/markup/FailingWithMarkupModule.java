package org.cec.portal.itests.markup;

import java.util.Set;
import org.cec.portal.api.events.EventConsumer;
import org.cec.portal.api.events.PortalEvent;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The activator of the test module {@code markuptest} that {@code ConsolePagesEscapeDistributionIT}
 * deploys: a consumer of every event type that always fails with an exception message holding
 * markup, so that the console's event log page shows stored text an attacker could shape (the last
 * error of a failing consumer, then of its parked event).
 *
 * <p>Plain activator, no DS: the bundle is built by the test from these class files with a
 * hand-written manifest.
 */
public final class FailingWithMarkupModule implements BundleActivator {

    public static final String CONSUMER_ID = "markuptest.failing";
    public static final String MESSAGE = "<script>alert(1)</script> \"'><img src=x onerror=alert(1)>";

    private ServiceRegistration<EventConsumer> registration;

    /** The class files that make up the bundle. */
    public static Class<?>[] bundleClasses() {
        return new Class<?>[] {FailingWithMarkupModule.class, Consumer.class};
    }

    @Override
    public void start(BundleContext context) {
        registration = context.registerService(EventConsumer.class, new Consumer(), null);
    }

    @Override
    public void stop(BundleContext context) {
        registration.unregister();
    }

    /** Fails every event it is given. */
    static final class Consumer implements EventConsumer {
        @Override
        public String consumerId() {
            return CONSUMER_ID;
        }

        @Override
        public Set<String> eventTypes() {
            return Set.of();
        }

        @Override
        public void handle(PortalEvent event) {
            throw new IllegalStateException(MESSAGE);
        }
    }
}
