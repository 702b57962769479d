package org.cec.portal.directory.internal.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.ContractorDirectory;
import org.cec.portal.api.directory.ContractorMatch;
import org.cec.portal.api.directory.ContractorQuery;
import org.cec.portal.api.directory.ContractorSource;
import org.cec.portal.api.directory.SearchResult;
import org.cec.portal.api.geo.GeoPoint;
import org.cec.portal.api.geo.ZipCentroids;
import org.cec.portal.api.i18n.Messages;
import org.cec.portal.api.i18n.Translations;
import org.cec.portal.api.intake.ServiceType;
import org.cec.portal.directory.internal.DirectorySettings;
import org.cec.portal.directory.internal.store.ContractorChanges;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory's {@link ContractorDirectory}: answers from an immutable in-memory {@link
 * ContractorIndex} of the stored contractors and those of every registered {@link ContractorSource}. A
 * new index replaces it at once after a change committed on this node, after a change of another node
 * (the store's change marker is polled every {@value #STORE_POLL_MS} ms), and when a source registers,
 * changes (its revision is polled every {@value #SOURCE_POLL_MS} ms) or unregisters.
 *
 * <p>Recent searches are kept (a bounded Caffeine cache, {@link DirectorySettings#searchCacheEntries()})
 * by the generation of the snapshot they were answered from, the query, the language and the day: the
 * same search on the same snapshot gets the same {@link SearchResult} instance again, and a new snapshot
 * (any change) is a new generation, so a change is in the very next answer.
 */
@Component(
        service = {ContractorDirectory.class, PartnerContractors.class, IndexStatus.class},
        immediate = true)
public final class IndexedDirectory implements ContractorDirectory, PartnerContractors, IndexStatus {

    static final long STORE_POLL_MS = 500;
    static final long SOURCE_POLL_MS = 1000;
    static final String DEMO_LABEL = "directory.core.source.demo";

    private static final Logger LOG = LoggerFactory.getLogger(IndexedDirectory.class);

    private final ContractorChanges store;
    private final ZipCentroids zips;
    private final Messages own;
    private final Translations translations;
    private final boolean hideDemo;
    private final Clock clock;
    private final ScheduledExecutorService poller;
    private final ExecutorService readers;
    private final SourceContractors sources;
    private final Runnable storeListener = this::refreshStore;
    private final Map<ServiceType, String> serviceTypes = new ConcurrentHashMap<>();

    private final Object lock = new Object();
    private final Map<String, Contractor> stored = new HashMap<>(); // guarded by lock
    private long knownRevision = -1; // guarded by lock
    private volatile boolean storeRead;
    private volatile String storeFailure = "";
    private long generations; // guarded by lock
    private volatile Snapshot snapshot = new Snapshot(ContractorIndex.EMPTY, 0);
    private final Cache<Kept, SearchResult> results;

    /** The index searched now, and its generation (one more for every snapshot built). */
    private record Snapshot(ContractorIndex index, long generation) {}

    /** What a kept search is kept by. */
    private record Kept(long generation, ContractorQuery query, String language, LocalDate today) {}

    @Activate
    public IndexedDirectory(
            @Reference ContractorChanges store,
            @Reference ZipCentroids zips,
            @Reference Translations translations,
            @Reference DirectorySettings settings,
            BundleContext context) {
        this(store, zips, translations.of(context.getBundle()), translations, settings, Clock.systemDefaultZone());
        start();
    }

    /** A directory that does not poll by itself (for tests: call {@link #refreshStore}, {@link #pollSources}). */
    IndexedDirectory(
            ContractorChanges store,
            ZipCentroids zips,
            Messages own,
            Translations translations,
            DirectorySettings settings,
            Clock clock) {
        this.store = store;
        this.zips = zips;
        this.own = own;
        this.translations = translations;
        this.hideDemo = settings.demo() == DirectorySettings.Demo.FALSE;
        this.clock = clock;
        this.results = settings.searchCacheEntries() == 0
                ? null
                : Caffeine.newBuilder()
                        .maximumSize(settings.searchCacheEntries())
                        .executor(Runnable::run)
                        .build();
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "cec-directory-index"));
        this.readers = Executors.newSingleThreadExecutor(r -> thread(r, "cec-directory-sources"));
        this.sources = new SourceContractors(readers, this::rebuild, serviceTypes::containsValue);
        store.addListener(storeListener);
        refreshStoreLogged();
    }

    /** Starts polling the store and the sources. */
    void start() {
        poller.scheduleWithFixedDelay(this::refreshStoreLogged, STORE_POLL_MS, STORE_POLL_MS, TimeUnit.MILLISECONDS);
        poller.scheduleWithFixedDelay(this::pollSources, SOURCE_POLL_MS, SOURCE_POLL_MS, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        store.removeListener(storeListener);
        poller.shutdownNow();
        readers.shutdownNow();
    }

    @Reference(
            service = ContractorSource.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addSource(ContractorSource source, ServiceReference<ContractorSource> ref) {
        Object id = ref.getProperty(Constants.SERVICE_ID);
        addSource(source, id instanceof Long l ? l : Long.MAX_VALUE, translations.of(ref.getBundle()));
    }

    /** The services offered now: a partner source naming others is told in the log. */
    @Reference(
            service = ServiceType.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addServiceType(ServiceType type) {
        try {
            String id = type.id();
            if (id != null) {
                serviceTypes.put(type, id);
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "A service type ({}) failed to give its id", type.getClass().getName());
        }
    }

    void removeServiceType(ServiceType type) {
        serviceTypes.remove(type);
    }

    void addSource(ContractorSource source, long serviceId, Messages messages) {
        sources.add(source, serviceId, messages);
    }

    void removeSource(ContractorSource source) {
        sources.remove(source);
    }

    @Override
    public List<Contractor> partnerContractors() {
        return sources.contractors();
    }

    /** Most certification names offered to a filter. */
    static final int MAX_CERTIFICATION_NAMES = 100;

    @Override
    public List<String> certificationNames() {
        return snapshot.index().certificationNames(LocalDate.now(clock), MAX_CERTIFICATION_NAMES);
    }

    @Override
    public SearchResult search(ContractorQuery query, Locale locale) {
        Locale in = locale == null ? Locale.ENGLISH : locale;
        LocalDate today = LocalDate.now(clock);
        Snapshot now = snapshot;
        if (results == null) {
            return search(now.index(), query, in, today);
        }
        Kept key = new Kept(now.generation(), query, in.getLanguage(), today);
        SearchResult result = results.getIfPresent(key);
        if (result == null) {
            result = search(now.index(), query, in, today);
            results.put(key, result);
        }
        return result;
    }

    private SearchResult search(ContractorIndex index, ContractorQuery query, Locale in, LocalDate today) {
        GeoPoint center = zips.centroid(query.zip())
                .orElseThrow(() -> new IllegalArgumentException("There is no ZIP code " + query.zip()));
        ContractorIndex.Criteria criteria = new ContractorIndex.Criteria(
                center,
                query.zip(),
                query.radiusMiles(),
                filter(query.service(), false),
                filter(query.certification(), false),
                filter(query.language(), true),
                today);
        int offset = (query.page() - 1) * query.pageSize();
        ContractorIndex.Page page = index.search(criteria, offset, query.pageSize());
        Map<String, SourceContractors.Registration> active = sources.active();
        List<ContractorMatch> matches = new ArrayList<>(page.hits().size());
        for (ContractorIndex.Hit hit : page.hits()) {
            matches.add(new ContractorMatch(hit.contractor(), hit.miles(), label(hit.contractor(), active, in)));
        }
        return new SearchResult(matches, page.total(), query.page(), query.pageSize());
    }

    @Override
    public Optional<Contractor> find(String id) {
        return snapshot.index().find(id);
    }

    /** The label of {@code source} in {@code locale}: "Demo", a partner's, or empty for built-in contractors. */
    String sourceLabel(String source, Locale locale) {
        return label(source, sources.active(), locale);
    }

    /** Reads the stored contractors changed since the last known marker, and rebuilds the index if any were. */
    void refreshStore() {
        synchronized (lock) {
            ContractorChanges.Changes changes = store.since(Math.max(0, knownRevision));
            if (changes.revision() == knownRevision && changes.contractors().isEmpty()) {
                return;
            }
            for (Contractor c : changes.contractors()) {
                stored.put(c.id(), c);
            }
            knownRevision = changes.revision();
            rebuildLocked();
        }
    }

    /** Asks every source for its revision; changed ones are read in the background. */
    void pollSources() {
        try {
            sources.poll();
        } catch (RuntimeException e) {
            LOG.warn("Polling the contractor sources failed", e);
        }
    }

    /** How many contractors the index holds (active or not) and searches (active). */
    int[] counts() {
        ContractorIndex i = snapshot.index();
        return new int[] {i.size(), i.activeCount()};
    }

    private void refreshStoreLogged() {
        try {
            refreshStore();
            storeRead = true;
            storeFailure = "";
        } catch (RuntimeException e) {
            storeFailure = SourceContractors.shortly(e);
            LOG.warn("Reading the stored contractors failed; search answers with the previous ones: {}", e.toString());
        }
    }

    @Override
    public Status status() {
        int[] counts = counts();
        return new Status(counts[0], counts[1], storeRead, storeFailure, sources.states());
    }

    private void rebuild() {
        synchronized (lock) {
            rebuildLocked();
        }
    }

    private void rebuildLocked() {
        List<Contractor> all = new ArrayList<>(stored.size() + 16);
        for (Contractor c : stored.values()) {
            if (!(hideDemo && Contractor.DEMO.equals(c.source()))) {
                all.add(c);
            }
        }
        all.addAll(sources.contractors());
        snapshot = new Snapshot(ContractorIndex.of(all), ++generations);
        if (results != null) {
            // Searches of older generations are never asked for again: let them go now.
            results.invalidateAll();
        }
    }

    private String label(Contractor c, Map<String, SourceContractors.Registration> active, Locale locale) {
        return label(c.source(), active, locale);
    }

    private String label(String source, Map<String, SourceContractors.Registration> active, Locale locale) {
        if (Contractor.DEMO.equals(source)) {
            return own.get(locale, DEMO_LABEL);
        }
        SourceContractors.Registration r = active.get(source);
        return r == null ? "" : r.label(locale);
    }

    private static String filter(String value, boolean lowerCase) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        return lowerCase ? v.toLowerCase(Locale.ROOT) : v;
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
