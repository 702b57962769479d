package org.cec.portal.analytics.internal.impact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cec.portal.api.i18n.Messages;
import org.cec.portal.api.i18n.Translations;
import org.cec.portal.api.intake.ServiceType;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The names of the services offered now ({@link ServiceType}s), in a language, in the order of the
 * request form: the column headings of the impact page. A {@code %key} label is looked up in the
 * messages of the bundle that registered the service; a service no longer offered is shown by its id.
 */
@Component(service = ServiceNames.class)
public final class ServiceNames {

    private final Translations translations;
    private final Map<ServiceType, Messages> services = new ConcurrentHashMap<>();

    @Activate
    public ServiceNames(@Reference Translations translations) {
        this.translations = translations;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeService")
    void addService(ServiceType service, ServiceReference<ServiceType> reference) {
        Bundle bundle = reference.getBundle();
        if (bundle != null) {
            services.put(service, translations.of(bundle));
        }
    }

    void removeService(ServiceType service) {
        services.remove(service);
    }

    private record Entry(String id, String label, int rank) {}

    /** Id to label in {@code locale}, by rank then label; a plugin that throws is left out. */
    public Map<String, String> labels(Locale locale) {
        List<Entry> all = new ArrayList<>();
        services.forEach((s, messages) -> {
            try {
                String label = s.label() == null ? "" : messages.localize(locale, s.label());
                if (s.id() != null && !label.isBlank()) {
                    all.add(new Entry(s.id(), label.strip(), s.rank()));
                }
            } catch (RuntimeException e) {
                // a broken plugin's service is shown by its id
            }
        });
        all.sort(Comparator.comparingInt(Entry::rank).thenComparing(Entry::label));
        Map<String, String> labels = new LinkedHashMap<>();
        for (Entry e : all) {
            labels.putIfAbsent(e.id(), e.label());
        }
        return labels;
    }
}
