package org.cec.portal.email.internal.consumers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cec.portal.api.i18n.Messages;
import org.cec.portal.api.i18n.Translations;
import org.cec.portal.api.intake.ServiceType;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The names of service ids in a message's language, from the registered {@link ServiceType}s (a {@code
 * %key} label is looked up in the messages of the bundle that registered it). An id whose service is
 * gone is given as it is.
 */
@Component(service = ServiceLabels.class)
public final class ServiceLabels {

    private record Known(ServiceType type, Messages messages) {}

    private final Translations translations;
    private final Map<ServiceType, Known> types = new ConcurrentHashMap<>();

    @Activate
    public ServiceLabels(@Reference Translations translations) {
        this.translations = translations;
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addType(ServiceType type, ServiceReference<ServiceType> reference) {
        add(type, translations.of(reference.getBundle()));
    }

    void removeType(ServiceType type) {
        types.remove(type);
    }

    /** Adds a service type with the texts of its bundle (the bind method's work; for tests). */
    void add(ServiceType type, Messages messages) {
        types.put(type, new Known(type, messages));
    }

    /** The labels of {@code ids} in {@code locale}, in their order. */
    List<String> labels(List<String> ids, Locale locale) {
        List<String> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            Known best = null;
            for (Known k : types.values()) {
                if (k.type().id().equals(id)
                        && (best == null || k.type().rank() < best.type().rank())) {
                    best = k;
                }
            }
            out.add(
                    best == null
                            ? id
                            : best.messages().localize(locale, best.type().label()));
        }
        return out;
    }
}
