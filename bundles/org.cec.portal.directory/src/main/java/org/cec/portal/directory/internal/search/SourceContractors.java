package org.cec.portal.directory.internal.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.ContractorSource;
import org.cec.portal.api.i18n.Messages;
import org.cec.portal.directory.internal.store.ContractorRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered {@link ContractorSource}s and the contractors each supplied last. A source's list is
 * read on a thread of its own (never a request's) when it registers and whenever its revision changes;
 * its contractors get the ids {@code <source>:<own id>}; invalid ones are left out and logged (the
 * reason and the position, not the contractor's details). Of sources with the same id the first
 * registered (lowest service id) is used. Services that no registered {@code ServiceType} offers when
 * the list is read are named in the log: such a service is not searchable, and the pages do not show it.
 */
final class SourceContractors {

    private static final Logger LOG = LoggerFactory.getLogger(SourceContractors.class);
    private static final Pattern SOURCE_ID = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    /** One registered source. */
    static final class Registration {
        final ContractorSource source;
        final long serviceId;
        final Messages messages;
        final String id;
        volatile String label = "";
        volatile List<Contractor> contractors = List.of();
        volatile long revision;
        volatile boolean reading;
        volatile boolean read;
        volatile String failure = "";

        Registration(ContractorSource source, long serviceId, Messages messages, String id) {
            this.source = source;
            this.serviceId = serviceId;
            this.messages = messages;
            this.id = id;
        }

        String label(Locale locale) {
            return messages == null ? label : messages.localize(locale, label);
        }
    }

    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    private final ExecutorService readers;
    private final Runnable onChange;
    private final Predicate<String> offered;

    SourceContractors(ExecutorService readers, Runnable onChange, Predicate<String> offered) {
        this.readers = readers;
        this.onChange = onChange;
        this.offered = offered;
    }

    /** Registers {@code source}; its contractors are read in the background. */
    void add(ContractorSource source, long serviceId, Messages messages) {
        String id;
        try {
            id = source.id();
        } catch (RuntimeException e) {
            LOG.warn(
                    "A contractor source ({}) failed to give its id; it is ignored",
                    source.getClass().getName(),
                    e);
            return;
        }
        if (id == null
                || !SOURCE_ID.matcher(id).matches()
                || id.equals(Contractor.BUILT_IN)
                || id.equals(Contractor.DEMO)) {
            LOG.warn(
                    "The contractor source {} has no valid id (1 to 32 of a-z 0-9 -, starting with a letter, not"
                            + " built-in or demo); it is ignored",
                    source.getClass().getName());
            return;
        }
        Registration r = new Registration(source, serviceId, messages, id);
        registrations.add(r);
        if (active().get(id) != r) {
            LOG.warn("A second contractor source with the id {} is ignored while the first is registered", id);
        }
        read(r);
    }

    /** Unregisters {@code source}: its contractors are gone from the next snapshot, built at once. */
    void remove(ContractorSource source) {
        boolean removed = registrations.removeIf(r -> r.source == source);
        if (removed) {
            // A waiting source with the same id (read when it registered) is now the one used.
            onChange.run();
        }
    }

    /** Asks each source whether its revision changed, and reads those that did. */
    void poll() {
        for (Registration r : active().values()) {
            if (r.reading) {
                continue;
            }
            long now;
            try {
                now = r.source.revision();
            } catch (RuntimeException e) {
                LOG.warn("The contractor source {} failed to give its revision", r.id, e);
                continue;
            }
            if (now != r.revision) {
                read(r);
            }
        }
    }

    /** The sources in use by id (the first registered of each id). */
    Map<String, Registration> active() {
        List<Registration> all = new ArrayList<>(registrations);
        all.sort(Comparator.comparingLong(r -> r.serviceId));
        Map<String, Registration> byId = new LinkedHashMap<>();
        for (Registration r : all) {
            byId.putIfAbsent(r.id, r);
        }
        return byId;
    }

    /** How each source in use fares, for the health check. */
    List<IndexStatus.Source> states() {
        List<IndexStatus.Source> out = new ArrayList<>();
        for (Registration r : active().values()) {
            out.add(new IndexStatus.Source(r.id, r.contractors.size(), r.read, r.failure));
        }
        return out;
    }

    /** A failure in a line of at most 200 characters: a partner's message may be long. */
    static String shortly(RuntimeException e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        text = text.replaceAll("\\s+", " ");
        return text.length() <= 200 ? text : text.substring(0, 199) + "\u2026";
    }

    /** The contractors of the sources in use. */
    List<Contractor> contractors() {
        List<Contractor> out = new ArrayList<>();
        for (Registration r : active().values()) {
            out.addAll(r.contractors);
        }
        return out;
    }

    private void read(Registration r) {
        r.reading = true;
        try {
            readers.execute(() -> {
                try {
                    load(r);
                } finally {
                    r.reading = false;
                }
            });
        } catch (RejectedExecutionException e) {
            r.reading = false; // shutting down
        }
    }

    private void load(Registration r) {
        if (!registrations.contains(r)) {
            return;
        }
        long revision;
        List<Contractor> given;
        String label;
        try {
            revision = r.source.revision();
            given = r.source.contractors();
            label = r.source.label();
        } catch (RuntimeException e) {
            r.failure = shortly(e);
            LOG.warn("The contractor source {} failed to give its contractors; its previous list is kept", r.id, e);
            return;
        }
        List<Contractor> valid = new ArrayList<>(given == null ? 0 : given.size());
        int position = 0;
        int left = 0;
        for (Contractor c : given == null ? List.<Contractor>of() : given) {
            position++;
            if (c == null) {
                left++;
                continue;
            }
            List<String> problems = ContractorRules.problems(c, c.id());
            if (!problems.isEmpty()) {
                left++;
                if (left <= 10) {
                    LOG.warn(
                            "Contractor {} of the source {} is left out: {}",
                            position,
                            r.id,
                            String.join("; ", problems));
                }
                continue;
            }
            valid.add(Sourced.of(c, r.id));
        }
        if (left > 10) {
            LOG.warn("The source {} has {} contractors left out in all", r.id, left);
        }
        warnOfUnofferedServices(r.id, valid);
        r.label = label == null ? r.id : label;
        r.contractors = List.copyOf(valid);
        r.revision = revision;
        r.read = true;
        r.failure = "";
        if (registrations.contains(r)) {
            onChange.run();
        }
    }

    private void warnOfUnofferedServices(String source, List<Contractor> contractors) {
        Set<String> unoffered = new TreeSet<>();
        int naming = 0;
        for (Contractor c : contractors) {
            boolean names = false;
            for (String service : c.services()) {
                if (!offered.test(service)) {
                    unoffered.add(service);
                    names = true;
                }
            }
            naming += names ? 1 : 0;
        }
        if (!unoffered.isEmpty()) {
            LOG.warn(
                    "{} contractor(s) of the source {} name services that no plugin offers now: {}. Homeowners"
                            + " cannot search for them and the pages do not show them until a plugin registers"
                            + " them as ServiceTypes (or the source uses the ids of the request form's services)",
                    naming,
                    source,
                    String.join(
                            ", ", unoffered.size() > 20 ? List.copyOf(unoffered).subList(0, 20) : unoffered));
        }
    }
}
