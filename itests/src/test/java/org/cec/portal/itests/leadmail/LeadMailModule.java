package org.cec.portal.itests.leadmail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cec.portal.api.directory.ContractorChoices;
import org.cec.portal.api.events.EventConsumer;
import org.cec.portal.api.events.PortalEvent;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The test plugin {@code leadmail} that {@code DirectoryChoiceDistributionIT} drops into a running
 * portal: it plays the email module, built against the SDK only. It consumes the directory's events
 * and, for each {@code directory.contact-requested}, asks {@link ContractorChoices#leadPath} for the
 * contractor's link, as the lead email would; it writes one line per event to {@code
 * <data>/leadmail/outbox.txt}: the event id, type, payload and, for a contact request, the lead path.
 * The test reads the file: so it sees every directory event, and gets the lead links, over no other
 * door than the SDK. Plain activator, no DS: the test builds the bundle from these class files.
 */
public final class LeadMailModule implements BundleActivator {

    public static final String OUTBOX = "leadmail/outbox.txt";

    private ServiceTracker<ContractorChoices, ContractorChoices> choices;
    private ServiceRegistration<EventConsumer> registration;

    /** The class files that make up the bundle. */
    public static Class<?>[] bundleClasses() {
        return new Class<?>[] {LeadMailModule.class, Outbox.class};
    }

    @Override
    public void start(BundleContext context) throws IOException {
        Path outbox = Path.of(context.getProperty("cec.data.dir")).resolve(OUTBOX);
        Files.createDirectories(outbox.getParent());
        choices = new ServiceTracker<>(context, ContractorChoices.class, null);
        choices.open();
        registration = context.registerService(EventConsumer.class, new Outbox(choices, outbox), null);
    }

    @Override
    public void stop(BundleContext context) {
        registration.unregister();
        choices.close();
    }

    /** Writes each directory event, with the lead link of a contact request, to the outbox file. */
    static final class Outbox implements EventConsumer {
        private static final Pattern DISCLOSURE = Pattern.compile("\"disclosure\":(\\d+)");

        private final ServiceTracker<ContractorChoices, ContractorChoices> choices;
        private final Path file;

        Outbox(ServiceTracker<ContractorChoices, ContractorChoices> choices, Path file) {
            this.choices = choices;
            this.file = file;
        }

        @Override
        public String consumerId() {
            return "itests.leadmail";
        }

        @Override
        public Set<String> eventTypes() {
            return Set.of("directory.contact-requested", "directory.lead-updated");
        }

        @Override
        public synchronized void handle(PortalEvent event) throws IOException {
            String link = "";
            if (event.type().equals("directory.contact-requested")) {
                ContractorChoices c = choices.getService();
                Matcher m = DISCLOSURE.matcher(event.payload());
                if (c == null || !m.find()) {
                    throw new IOException("No ContractorChoices yet, or no disclosure id: delivered again later");
                }
                Optional<String> path = c.leadPath(Long.parseLong(m.group(1)));
                link = path.orElse("");
            }
            String line = event.id() + "\t" + event.type() + "\t" + event.payload() + "\t" + link + "\n";
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
