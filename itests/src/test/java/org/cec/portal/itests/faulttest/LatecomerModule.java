package org.cec.portal.itests.faulttest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.cec.portal.api.events.EventConsumer;
import org.cec.portal.api.events.PortalEvent;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The test module {@code faulttest} that {@code ConsumerRegistrationFaultDistributionIT} drops into a
 * running portal while the database is unreachable: on start it registers one consumer of {@code
 * killtest.tick}, from the beginning, which writes the id of each event it receives on a line of
 * {@code <data>/latecomer-ids} (flushed before {@code handle} returns), so the test sees every
 * delivery, a repeated one too. Plain activator, no DS: the test builds the bundle from these class
 * files.
 */
public final class LatecomerModule implements BundleActivator {

    public static final String CONSUMER_ID = "faulttest.latecomer";
    public static final String IDS_FILE = "latecomer-ids";

    private ServiceRegistration<EventConsumer> registration;
    private Writer out;

    /** The class files that make up the bundle. */
    public static Class<?>[] bundleClasses() {
        return new Class<?>[] {LatecomerModule.class, Latecomer.class};
    }

    @Override
    public void start(BundleContext context) throws IOException {
        Path ids = Path.of(context.getProperty("cec.data.dir")).resolve(IDS_FILE);
        out = Files.newBufferedWriter(
                ids, StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        registration = context.registerService(EventConsumer.class, new Latecomer(out), null);
    }

    @Override
    public void stop(BundleContext context) throws IOException {
        registration.unregister();
        out.close();
    }

    /** Writes each delivered event's id. */
    static final class Latecomer implements EventConsumer {
        private final Writer out;

        Latecomer(Writer out) {
            this.out = out;
        }

        @Override
        public String consumerId() {
            return CONSUMER_ID;
        }

        @Override
        public Set<String> eventTypes() {
            return Set.of("killtest.tick");
        }

        @Override
        public StartFrom startFrom() {
            return StartFrom.BEGINNING;
        }

        @Override
        public void handle(PortalEvent event) {
            try {
                synchronized (out) {
                    out.write(event.id() + "\n");
                    out.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
