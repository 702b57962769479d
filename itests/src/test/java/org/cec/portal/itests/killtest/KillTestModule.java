package org.cec.portal.itests.killtest;

import java.nio.file.Path;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.events.EventConsumer;
import org.cec.portal.api.events.PortalEvents;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * The activator of the test module {@code killtest} that {@code KillDuringDispatchDistributionIT}
 * deploys into a running portal: a module with its own database (manifest header {@code
 * CEC-Module-Database: killtest}) that appends events from a background thread and consumes them
 * idempotently. While its {@code ModuleDatabase} is there it registers the consumer and runs the
 * appender; the appender appends only while the file {@code <data>/killtest-append} exists, so the
 * test can stop the flow of events and wait for the consumer to catch up.
 *
 * <p>Plain activator and trackers, no DS: the bundle is built by the test from these class files
 * with a hand-written manifest.
 */
public final class KillTestModule
        implements BundleActivator, ServiceTrackerCustomizer<ModuleDatabase, KillTestModule.Running> {

    static final String MODULE = "killtest";

    private BundleContext context;
    private Path data;
    private ServiceTracker<PortalEvents, PortalEvents> events;
    private ServiceTracker<ModuleDatabase, Running> databases;

    /** The class files that make up the bundle. */
    public static Class<?>[] bundleClasses() {
        return new Class<?>[] {KillTestModule.class, Running.class, KillTestConsumer.class, KillTestAppender.class};
    }

    /** What runs while the module's database is there. */
    static final class Running {
        final ServiceRegistration<EventConsumer> consumer;
        final KillTestAppender appender;

        Running(ServiceRegistration<EventConsumer> consumer, KillTestAppender appender) {
            this.consumer = consumer;
            this.appender = appender;
        }
    }

    @Override
    public void start(BundleContext context) throws Exception {
        this.context = context;
        this.data = Path.of(context.getProperty("cec.data.dir"));
        events = new ServiceTracker<>(context, PortalEvents.class, null);
        events.open();
        databases = new ServiceTracker<>(
                context,
                context.createFilter("(&(objectClass=" + ModuleDatabase.class.getName() + ")("
                        + ModuleDatabase.MODULE_PROPERTY + "=" + MODULE + "))"),
                this);
        databases.open();
    }

    @Override
    public Running addingService(ServiceReference<ModuleDatabase> reference) {
        ModuleDatabase db = context.getService(reference);
        ServiceRegistration<EventConsumer> consumer =
                context.registerService(EventConsumer.class, new KillTestConsumer(db), null);
        KillTestAppender appender =
                new KillTestAppender(db, events, data.resolve("killtest-append"), data.resolve("killtest-acked"));
        appender.start();
        return new Running(consumer, appender);
    }

    @Override
    public void modifiedService(ServiceReference<ModuleDatabase> reference, Running running) {}

    @Override
    public void removedService(ServiceReference<ModuleDatabase> reference, Running running) {
        running.appender.stop();
        running.consumer.unregister();
        context.ungetService(reference);
    }

    @Override
    public void stop(BundleContext context) {
        databases.close();
        events.close();
    }
}
