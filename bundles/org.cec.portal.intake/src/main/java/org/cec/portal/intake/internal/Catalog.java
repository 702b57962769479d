package org.cec.portal.intake.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.api.i18n.Messages;
import org.cec.portal.api.i18n.Translations;
import org.cec.portal.api.intake.FieldOption;
import org.cec.portal.api.intake.IntakeField;
import org.cec.portal.api.intake.IntakeSection;
import org.cec.portal.api.intake.ServiceType;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
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
 * <p>A snapshot is in one language: a plugin's texts written as {@code %key} (labels, titles,
 * hints, options) are looked up in the messages of the bundle that registered the service, in the
 * visitor's language, with English as the fallback; plain texts are shown as they are. The snapshot
 * also carries the intake bundle's own texts in that language, for the form's messages.
 *
 * <p>The snapshot of each language is built once and kept until a service is bound, unbound or has
 * its properties changed. A snapshot that left a plugin out (it threw or answered nonsense) is not
 * kept, so that plugin is asked again on the next page, as before.
 */
@Component(service = Catalog.class)
public final class Catalog {

    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);
    private static final int MAX_FIELDS = 30;
    private static final Pattern SERVICE_ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final Pattern SECTION_ID = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private final Translations translations;
    private final Messages own;
    /** The registered services, each with the messages of the bundle that registered it. */
    private final Map<ServiceType, Messages> services = new ConcurrentHashMap<>();

    private final Map<IntakeSection, Messages> sections = new ConcurrentHashMap<>();
    /** Counts changes of the services; a kept snapshot is valid only for the count it was built at. */
    private final AtomicLong changes = new AtomicLong();

    /** The kept snapshot of each language, by language tag. */
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    private record Kept(long changes, Snapshot snapshot) {}

    @Activate
    public Catalog(@Reference Translations translations, BundleContext context) {
        this(translations, translations.of(context.getBundle()));
    }

    /** A catalog whose own texts (and those of services registered without a bundle) are {@code own}. */
    Catalog(Translations translations, Messages own) {
        this.translations = translations;
        this.own = own;
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            unbind = "removeService",
            updated = "updatedService")
    void bindService(ServiceType service, ServiceReference<ServiceType> reference) {
        addService(service, messagesOf(reference));
    }

    void addService(ServiceType service) {
        addService(service, own);
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

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            unbind = "removeSection",
            updated = "updatedSection")
    void bindSection(IntakeSection section, ServiceReference<IntakeSection> reference) {
        addSection(section, messagesOf(reference));
    }

    void addSection(IntakeSection section) {
        addSection(section, own);
    }

    void addSection(IntakeSection section, Messages messages) {
        sections.put(section, messages);
        changes.incrementAndGet();
    }

    /** The messages of the bundle that registered a service (the intake bundle's own if it is gone meanwhile). */
    private Messages messagesOf(ServiceReference<?> reference) {
        Bundle bundle = reference.getBundle();
        return bundle == null ? own : translations.of(bundle);
    }

    void updatedSection(IntakeSection section) {
        changes.incrementAndGet();
    }

    void removeSection(IntakeSection section) {
        sections.remove(section);
        changes.incrementAndGet();
    }

    /** What the form offers now, in English. */
    public Snapshot snapshot() {
        return snapshot(Languages.ENGLISH);
    }

    /**
     * What the form offers now, its texts in {@code locale}; plugins that answer nonsense or throw are
     * left out (and logged).
     */
    public Snapshot snapshot(Locale locale) {
        // Read the count before the services: a change after this read makes the next call rebuild.
        long now = changes.get();
        String language = locale.getLanguage();
        Kept k = kept.get(language);
        if (k != null && k.changes() == now) {
            return k.snapshot();
        }
        Built built = build(locale);
        if (built.complete()) {
            kept.put(language, new Kept(now, built.snapshot()));
        }
        return built.snapshot();
    }

    /** A snapshot, and whether every registered plugin is in it. */
    private record Built(Snapshot snapshot, boolean complete) {}

    private Built build(Locale locale) {
        boolean complete = true;
        Map<String, ServiceInfo> byId = new LinkedHashMap<>();
        List<ServiceInfo> all = new ArrayList<>();
        for (Map.Entry<ServiceType, Messages> registered : services.entrySet()) {
            ServiceType s = registered.getKey();
            Texts texts = new Texts(registered.getValue(), locale);
            try {
                String id = s.id();
                String label = s.label() == null ? null : texts.localize(s.label());
                if (id == null || !SERVICE_ID.matcher(id).matches() || label == null || label.isBlank()) {
                    LOG.warn(
                            "Ignoring a ServiceType with an invalid id or label: {}",
                            s.getClass().getName());
                    complete = false;
                    continue;
                }
                String description = s.description();
                all.add(new ServiceInfo(
                        id,
                        label.strip(),
                        description == null ? "" : texts.localize(description).strip(),
                        s.rank()));
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
        for (Map.Entry<IntakeSection, Messages> registered : sections.entrySet()) {
            IntakeSection s = registered.getKey();
            Texts texts = new Texts(registered.getValue(), locale);
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
                List<IntakeField> fields = new ArrayList<>();
                for (IntakeField f : s.fields()) {
                    fields.add(localized(f, texts));
                }
                sectionList.add(new SectionInfo(
                        id,
                        s.version(),
                        texts.localize(s.title()).strip(),
                        description == null ? "" : texts.localize(description).strip(),
                        List.copyOf(fields),
                        s.rank(),
                        s,
                        texts));
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
                new Snapshot(
                        Map.copyOf(byId),
                        List.copyOf(byId.values()),
                        List.copyOf(sectionById.values()),
                        new Texts(own, locale)),
                complete);
    }

    /** A section's question with its label, hint and option labels in the snapshot's language. */
    static IntakeField localized(IntakeField f, Texts texts) {
        List<FieldOption> options = new ArrayList<>();
        for (FieldOption o : f.options()) {
            options.add(new FieldOption(o.value(), texts.localize(o.label())));
        }
        return new IntakeField(
                f.id(),
                texts.localize(f.label()),
                f.kind(),
                f.required(),
                texts.localize(f.hint()),
                options,
                f.maxLength(),
                f.min(),
                f.max());
    }

    /** A service type as offered on one form page. */
    public record ServiceInfo(String id, String label, String description, int rank) {}

    /**
     * A section as offered on one form page, its texts in the page's language; {@code plugin} validates
     * its answers, and its messages ({@code %key} or plain) are read with {@code texts}, the plugin's.
     */
    public record SectionInfo(
            String id,
            int version,
            String title,
            String description,
            List<IntakeField> fields,
            int rank,
            IntakeSection plugin,
            Texts texts) {}

    /**
     * The services (by id and in form order) and sections of one moment, in one language; {@code
     * texts} are the intake bundle's own in that language.
     */
    public record Snapshot(
            Map<String, ServiceInfo> servicesById,
            List<ServiceInfo> services,
            List<SectionInfo> sections,
            Texts texts) {

        /** The language of the snapshot's texts. */
        public Locale locale() {
            return texts.locale();
        }
    }
}
