package org.cec.portal.privacy.internal.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.cec.portal.api.privacy.PersonalDataProvider;
import org.cec.portal.api.privacy.PersonalRecord;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything every registered {@link PersonalDataProvider} holds about a person, and its erasure. A
 * provider that comes or goes (a partner's plugin deployed or removed) counts from the next call on. A
 * provider that fails is reported as such, never taken for "nothing held": the page says which area
 * could not be read or erased, and the log names the area and the failure, never the person.
 *
 * <p>It also knows which bundle registered each area's provider: the pages show an area, its kinds and
 * its fields in that bundle's own texts (see {@link PersonalDataProvider}).
 */
@Component(service = PersonalData.class)
public final class PersonalData {

    private static final Logger LOG = LoggerFactory.getLogger(PersonalData.class);

    /** What one provider holds: its records, or {@code failed} when it could not be asked. */
    public record Area(String name, List<PersonalRecord> records, boolean failed) {
        public Area {
            records = List.copyOf(records);
        }
    }

    /** What one provider erased: how many records, or {@code failed}. */
    public record Erased(String area, int records, boolean failed) {}

    private record Registered(PersonalDataProvider provider, Bundle bundle) {}

    /** The providers by service id, in the order they were registered. */
    private final Map<Long, Registered> providers = new ConcurrentSkipListMap<>();

    @Reference(
            service = PersonalDataProvider.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    public void addProvider(ServiceReference<PersonalDataProvider> reference, PersonalDataProvider provider) {
        providers.put(
                (Long) reference.getProperty(Constants.SERVICE_ID), new Registered(provider, reference.getBundle()));
    }

    public void removeProvider(ServiceReference<PersonalDataProvider> reference) {
        providers.remove((Long) reference.getProperty(Constants.SERVICE_ID));
    }

    /** The bundle whose provider holds {@code area}, while it is registered. */
    public Optional<Bundle> bundleOf(String area) {
        return providers.values().stream()
                .filter(r -> r.bundle() != null && areaName(r.provider()).equals(area))
                .map(Registered::bundle)
                .findFirst();
    }

    /** Each provider's records for the normalised address, by area name. */
    public List<Area> export(String normalisedEmail) {
        List<Area> areas = new ArrayList<>();
        for (Registered r : providers.values()) {
            PersonalDataProvider p = r.provider();
            String name = areaName(p);
            try {
                List<PersonalRecord> records = new ArrayList<>(p.export(normalisedEmail));
                records.sort(Comparator.comparing(PersonalRecord::recordedAt));
                areas.add(new Area(name, records, false));
            } catch (RuntimeException e) {
                LOG.error(
                        "The personal data of area {} could not be read: {}",
                        name,
                        e.getClass().getName());
                areas.add(new Area(name, List.of(), true));
            }
        }
        areas.sort(Comparator.comparing(Area::name));
        return areas;
    }

    /** Whether any provider holds anything for the address (a failing one counts as holding something). */
    public boolean holdsAnything(String normalisedEmail) {
        return export(normalisedEmail).stream()
                .anyMatch(a -> a.failed() || !a.records().isEmpty());
    }

    /** Erases through every provider; one that fails does not keep the others from erasing. */
    public List<Erased> erase(String normalisedEmail) {
        List<Erased> erased = new ArrayList<>();
        for (Registered r : providers.values()) {
            PersonalDataProvider p = r.provider();
            String name = areaName(p);
            try {
                erased.add(new Erased(name, p.erase(normalisedEmail), false));
            } catch (RuntimeException e) {
                LOG.error(
                        "The personal data of area {} could not be erased: {}",
                        name,
                        e.getClass().getName());
                erased.add(new Erased(name, 0, true));
            }
        }
        erased.sort(Comparator.comparing(Erased::area));
        return erased;
    }

    private static String areaName(PersonalDataProvider p) {
        try {
            String name = p.area();
            return name == null || name.isBlank() ? p.getClass().getName() : name;
        } catch (RuntimeException e) {
            return p.getClass().getName();
        }
    }
}
