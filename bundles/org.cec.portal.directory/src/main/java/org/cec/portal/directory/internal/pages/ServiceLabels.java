package org.cec.portal.directory.internal.pages;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ServiceType}s registered right now, with their labels in each language: the search form's
 * service choices, the accepted {@code service} values, and the names shown beside contractors. A
 * {@code %key} label is looked up in the messages of the bundle that registered the service. The labels
 * of a language are worked out once and kept until a service comes, goes or changes.
 */
@Component(service = ServiceLabels.class)
public final class ServiceLabels {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceLabels.class);
    private static final Pattern SERVICE_ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    private final Translations translations;
    private final Map<ServiceType, Messages> services = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    private record Kept(long changes, Map<String, String> labels) {}

    @Activate
    public ServiceLabels(@Reference Translations translations) {
        this.translations = translations;
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            unbind = "removeService",
            updated = "updatedService")
    void bindService(ServiceType service, ServiceReference<ServiceType> reference) {
        Bundle bundle = reference.getBundle();
        if (bundle != null) {
            addService(service, translations.of(bundle));
        }
    }

    void addService(ServiceType service, Messages messages) {
        services.put(service, messages);
        changes.incrementAndGet();
    }

    void updatedService(ServiceType service) {
        changes.incrementAndGet();
    }

    void removeService(ServiceType service) {
        services.remove(service);
        changes.incrementAndGet();
    }

    /**
     * The services offered now, id to label in {@code locale}, in the order of the request form (rank,
     * then label). A plugin that throws or answers nonsense is left out.
     */
    public Map<String, String> labels(Locale locale) {
        long now = changes.get();
        Kept k = kept.get(locale.getLanguage());
        if (k != null && k.changes() == now) {
            return k.labels();
        }
        Map<String, String> labels = build(locale);
        kept.put(locale.getLanguage(), new Kept(now, labels));
        return labels;
    }

    /** The label of {@code id} in {@code locale}, or the id itself for a service no longer offered. */
    public String label(Locale locale, String id) {
        return labels(locale).getOrDefault(id, id);
    }

    private record Entry(String id, String label, int rank) {}

    private Map<String, String> build(Locale locale) {
        List<Entry> all = new ArrayList<>();
        for (Map.Entry<ServiceType, Messages> registered : services.entrySet()) {
            ServiceType s = registered.getKey();
            try {
                String id = s.id();
                String label = s.label() == null ? null : registered.getValue().localize(locale, s.label());
                if (id != null && SERVICE_ID.matcher(id).matches() && label != null && !label.isBlank()) {
                    all.add(new Entry(id, label.strip(), s.rank()));
                }
            } catch (RuntimeException e) {
                LOG.warn(
                        "Ignoring ServiceType {}: it failed with {}",
                        s.getClass().getName(),
                        e.toString());
            }
        }
        all.sort(Comparator.comparingInt(Entry::rank).thenComparing(Entry::label));
        Map<String, String> labels = new LinkedHashMap<>();
        for (Entry e : all) {
            labels.putIfAbsent(e.id(), e.label());
        }
        return Collections.unmodifiableMap(labels);
    }
}
