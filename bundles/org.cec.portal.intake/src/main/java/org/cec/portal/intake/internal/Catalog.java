package org.cec.portal.intake.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.cec.portal.api.intake.IntakeSection;
import org.cec.portal.api.intake.ServiceType;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ServiceType} and {@link IntakeSection} services registered right now. Every form page
 * takes a {@link #snapshot()}: a plugin installed a moment ago is on the next page, one uninstalled is
 * gone from it.
 *
 * <p>The snapshot is built once and kept until a service is bound, unbound or has its properties
 * changed. A snapshot that left a plugin out (it threw or answered nonsense) is not kept, so that
 * plugin is asked again on the next page, as before.
 */
@Component(service = Catalog.class)
public final class Catalog {

    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);
    private static final int MAX_FIELDS = 30;
    private static final Pattern SERVICE_ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final Pattern SECTION_ID = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private final Map<ServiceType, Boolean> services = new ConcurrentHashMap<>();
    private final Map<IntakeSection, Boolean> sections = new ConcurrentHashMap<>();
    /** Counts changes of the services; a kept snapshot is valid only for the count it was built at. */
    private final AtomicLong changes = new AtomicLong();

    private volatile Kept kept;

    private record Kept(long changes, Snapshot snapshot) {}

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            updated = "updatedService")
    void addService(ServiceType service) {
        services.put(service, Boolean.TRUE);
        changes.incrementAndGet();
    }

    void updatedService(ServiceType service) {
        changes.incrementAndGet();
    }

    void removeService(ServiceType service) {
        services.remove(service);
        changes.incrementAndGet();
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            updated = "updatedSection")
    void addSection(IntakeSection section) {
        sections.put(section, Boolean.TRUE);
        changes.incrementAndGet();
    }

    void updatedSection(IntakeSection section) {
        changes.incrementAndGet();
    }

    void removeSection(IntakeSection section) {
        sections.remove(section);
        changes.incrementAndGet();
    }

    /** What the form offers now; plugins that answer nonsense or throw are left out (and logged). */
    public Snapshot snapshot() {
        // Read the count before the services: a change after this read makes the next call rebuild.
        long now = changes.get();
        Kept k = kept;
        if (k != null && k.changes() == now) {
            return k.snapshot();
        }
        Built built = build();
        if (built.complete()) {
            kept = new Kept(now, built.snapshot());
        }
        return built.snapshot();
    }

    /** A snapshot, and whether every registered plugin is in it. */
    private record Built(Snapshot snapshot, boolean complete) {}

    private Built build() {
        boolean complete = true;
        Map<String, ServiceInfo> byId = new LinkedHashMap<>();
        List<ServiceInfo> all = new ArrayList<>();
        for (ServiceType s : services.keySet()) {
            try {
                String id = s.id();
                if (id == null
                        || !SERVICE_ID.matcher(id).matches()
                        || s.label() == null
                        || s.label().isBlank()) {
                    LOG.warn(
                            "Ignoring a ServiceType with an invalid id or label: {}",
                            s.getClass().getName());
                    complete = false;
                    continue;
                }
                String description = s.description();
                all.add(new ServiceInfo(
                        id, s.label().strip(), description == null ? "" : description.strip(), s.rank()));
            } catch (RuntimeException e) {
                complete = false;
                LOG.warn(
                        "Ignoring ServiceType {}: it failed with {}",
                        s.getClass().getName(),
                        e.toString());
            }
        }
        all.sort(Comparator.comparingInt(ServiceInfo::rank).thenComparing(ServiceInfo::label));
        for (ServiceInfo s : all) {
            byId.putIfAbsent(s.id(), s);
        }
        Map<String, SectionInfo> sectionById = new LinkedHashMap<>();
        List<SectionInfo> sectionList = new ArrayList<>();
        for (IntakeSection s : sections.keySet()) {
            try {
                String id = s.id();
                if (id == null
                        || !SECTION_ID.matcher(id).matches()
                        || s.version() < 1
                        || s.title() == null
                        || s.fields() == null
                        || s.fields().isEmpty()
                        || s.fields().size() > MAX_FIELDS) {
                    LOG.warn(
                            "Ignoring an IntakeSection with an invalid id, version, title or fields: {}",
                            s.getClass().getName());
                    complete = false;
                    continue;
                }
                String description = s.description();
                sectionList.add(new SectionInfo(
                        id,
                        s.version(),
                        s.title().strip(),
                        description == null ? "" : description.strip(),
                        List.copyOf(s.fields()),
                        s.rank(),
                        s));
            } catch (RuntimeException e) {
                complete = false;
                LOG.warn(
                        "Ignoring IntakeSection {}: it failed with {}",
                        s.getClass().getName(),
                        e.toString());
            }
        }
        sectionList.sort(Comparator.comparingInt(SectionInfo::rank).thenComparing(SectionInfo::id));
        for (SectionInfo s : sectionList) {
            sectionById.putIfAbsent(s.id(), s);
        }
        return new Built(
                new Snapshot(Map.copyOf(byId), List.copyOf(byId.values()), List.copyOf(sectionById.values())),
                complete);
    }

    /** A service type as offered on one form page. */
    public record ServiceInfo(String id, String label, String description, int rank) {}

    /** A section as offered on one form page; {@code plugin} validates its answers. */
    public record SectionInfo(
            String id,
            int version,
            String title,
            String description,
            List<org.cec.portal.api.intake.IntakeField> fields,
            int rank,
            IntakeSection plugin) {}

    /** The services (by id and in form order) and sections of one moment. */
    public record Snapshot(
            Map<String, ServiceInfo> servicesById, List<ServiceInfo> services, List<SectionInfo> sections) {}
}
