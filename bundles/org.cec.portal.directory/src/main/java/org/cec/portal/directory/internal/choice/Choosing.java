package org.cec.portal.directory.internal.choice;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.http.HttpServletRequest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cec.portal.api.consent.ConsentService;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.ContractorDirectory;
import org.cec.portal.api.directory.ContractorMatch;
import org.cec.portal.api.directory.ContractorQuery;
import org.cec.portal.api.events.PortalEvents;
import org.cec.portal.api.intake.ServiceRequest;
import org.cec.portal.api.intake.ServiceRequests;
import org.cec.portal.directory.internal.DirectorySettings;
import org.cec.portal.directory.internal.choice.ChoiceStore.Disclosure;
import org.cec.portal.directory.internal.choice.ChoiceStore.Outcome;
import org.cec.portal.directory.internal.choice.Leads.Status;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The homeowner chooses whom to contact: the choose links of a request, the contractors offered for it,
 * and the choice itself. Only a choice shares data: for each newly chosen contractor one row in {@code
 * directory_disclosure} and one {@code directory.contact-requested} event, then one {@code
 * directory.contractors-chosen} event naming all of them (for a single note to the homeowner), all in
 * one transaction. The
 * rules: at most {@link DirectorySettings#maxChoices()} contractors per request in total, a contractor
 * chosen again is shared once, only active contractors the directory offers for the request's services
 * near its ZIP, and only for a submitted request. The postal address is left out unless {@link
 * ConsentService#mayShareAddress(HttpServletRequest, String)} allows it.
 */
@Component(service = Choosing.class)
public final class Choosing {

    /** The path of the choose page; the token follows. */
    public static final String PATH = "/contractors/choose/";

    static final String CONTACT_REQUESTED = "directory.contact-requested";
    /** Once per choice that shared the request with someone new, after its contact-requested events. */
    static final String CONTRACTORS_CHOSEN = "directory.contractors-chosen";
    /** How many contractors the offer lists at most. */
    static final int OFFERED = 30;

    private static final String UNKNOWN_POLICY = "unknown";

    /** A valid choose link: the request it belongs to and until when it may be used. */
    public record Offer(ServiceRequest request, Instant expiresAt) {}

    /** A contractor the homeowner chose, with what the contractor reported so far. */
    public record Chosen(
            long disclosureId,
            String contractorId,
            Optional<Contractor> contractor,
            Set<String> fields,
            Instant sharedAt,
            Status status,
            java.time.LocalDate statusDate) {}

    /** What came of a choice. */
    public sealed interface Result {}

    /** Shared with {@code added} contractors (none when all of them had been chosen before). */
    public record Shared(List<Long> added, int total) implements Result {}

    /** Nothing was shared: {@code key} (a {@code directory.choose.error.*} text) says why. */
    public record Refused(String key, int max, int alreadyChosen) implements Result {}

    private final ModuleDatabase db;
    private final PortalEvents events;
    private final ServiceRequests requests;
    private final ContractorDirectory directory;
    private final DirectorySettings settings;
    private final Tokens tokens;
    private final Clock clock;
    private final JsonProvider json = JsonProvider.provider();

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConsentService consent;

    @Activate
    public Choosing(
            @Reference(target = "(cec.module=directory)") ModuleDatabase db,
            @Reference PortalEvents events,
            @Reference ServiceRequests requests,
            @Reference ContractorDirectory directory,
            @Reference DirectorySettings settings) {
        this(db, events, requests, directory, settings, null, new SecureRandom(), Clock.systemUTC());
    }

    /** For tests: everything given, {@code consent} may be null (no consent module). */
    Choosing(
            ModuleDatabase db,
            PortalEvents events,
            ServiceRequests requests,
            ContractorDirectory directory,
            DirectorySettings settings,
            ConsentService consent,
            SecureRandom random,
            Clock clock) {
        this.db = db;
        this.events = events;
        this.requests = requests;
        this.directory = directory;
        this.settings = settings;
        this.consent = consent;
        this.tokens = new Tokens(random);
        this.clock = clock;
    }

    public DirectorySettings settings() {
        return settings;
    }

    /**
     * A new choose link for the submitted request {@code reference}, valid until {@link
     * DirectorySettings#choiceDays()} after its submission; empty when there is no such request or that
     * time is over.
     */
    public Optional<String> newChoosePath(String reference) {
        Optional<ServiceRequest> request = requests.find(reference);
        if (request.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant expires = expiry(request.get());
        if (!now.isBefore(expires)) {
            return Optional.empty();
        }
        String token = tokens.next();
        db.inTransaction(em -> {
            new ChoiceStore(em.unwrap(Connection.class)).addChoiceToken(Tokens.hash(token), reference, now, expires);
            return null;
        });
        return Optional.of(PATH + token);
    }

    /** The request of a choose token, while the link is valid and the request exists; else empty. */
    public Optional<Offer> offer(String token) {
        if (!Tokens.wellFormed(token)) {
            return Optional.empty();
        }
        Optional<ChoiceStore.ChoiceToken> found =
                db.read(em -> new ChoiceStore(em.unwrap(Connection.class)).choiceToken(Tokens.hash(token), false));
        if (found.isEmpty() || !clock.instant().isBefore(found.get().expiresAt())) {
            return Optional.empty();
        }
        return requests.find(found.get().reference())
                .map(r -> new Offer(r, found.get().expiresAt()));
    }

    /**
     * The active contractors who offer one of the request's services and serve its ZIP within {@link
     * DirectorySettings#choiceRadius()} miles, nearest first, at most {@value #OFFERED}.
     */
    public List<ContractorMatch> matches(ServiceRequest request, Locale locale) {
        Map<String, ContractorMatch> byId = new LinkedHashMap<>();
        for (String service : request.services()) {
            try {
                ContractorQuery query = new ContractorQuery(
                        request.zip(), settings.choiceRadius(), service, null, null, 1, ContractorQuery.MAX_PAGE_SIZE);
                for (ContractorMatch m : directory.search(query, locale).matches()) {
                    if (m.contractor().active()) {
                        byId.merge(m.contractor().id(), m, (a, b) -> a.distanceMiles() <= b.distanceMiles() ? a : b);
                    }
                }
            } catch (IllegalArgumentException unknownZip) {
                return List.of();
            }
        }
        List<ContractorMatch> all = new ArrayList<>(byId.values());
        all.sort(java.util.Comparator.comparingDouble(ContractorMatch::distanceMiles)
                .thenComparing(m -> m.contractor().businessName())
                .thenComparing(m -> m.contractor().id()));
        return all.size() > OFFERED ? List.copyOf(all.subList(0, OFFERED)) : List.copyOf(all);
    }

    /** The contractors chosen for a request so far, oldest first, each with its latest status. */
    public List<Chosen> chosen(String reference) {
        return db.read(em -> {
            ChoiceStore store = new ChoiceStore(em.unwrap(Connection.class));
            List<Chosen> out = new ArrayList<>();
            for (Disclosure d : store.disclosuresOf(reference)) {
                List<Outcome> reports = store.outcomesOf(d.id());
                Outcome latest = reports.isEmpty() ? null : reports.get(reports.size() - 1);
                out.add(new Chosen(
                        d.id(),
                        d.contractorId(),
                        directory.find(d.contractorId()),
                        d.fields(),
                        d.sharedAt(),
                        latest == null ? Status.SHARED : latest.status(),
                        latest == null ? null : latest.date()));
            }
            return out;
        });
    }

    /**
     * Shares the request of {@code token} with the contractors {@code contractorIds} (a contractor
     * already chosen is not shared again). {@code visit} is the homeowner's request, for their browser's
     * privacy signals.
     */
    public Result choose(String token, List<String> contractorIds, HttpServletRequest visit) {
        Optional<Offer> offer = offer(token);
        if (offer.isEmpty()) {
            return new Refused("directory.choose.error.gone", settings.maxChoices(), 0);
        }
        ServiceRequest request = offer.get().request();
        Set<String> wanted = new LinkedHashSet<>(contractorIds);
        if (wanted.isEmpty()) {
            return new Refused("directory.choose.error.none", settings.maxChoices(), 0);
        }
        if (wanted.size() > settings.maxChoices()) {
            return new Refused("directory.choose.error.tooMany", settings.maxChoices(), 0);
        }
        Set<String> offered = new HashSet<>();
        for (ContractorMatch m : matches(request, Locale.ENGLISH)) {
            offered.add(m.contractor().id());
        }
        // Asked before the transaction: the consent module's database cannot join this module's.
        ConsentService c = consent;
        boolean address = c != null && !request.address().isEmpty() && c.mayShareAddress(visit, request.email());
        String policy = c == null ? UNKNOWN_POLICY : c.policyVersion();
        Set<String> fields = fields(request, address);
        Instant now = clock.instant();
        return db.inTransaction(em -> {
            ChoiceStore store = new ChoiceStore(em.unwrap(Connection.class));
            // Locks the link's row: two posts of the same link are chosen one after the other.
            if (store.choiceToken(Tokens.hash(token), true).isEmpty()) {
                return new Refused("directory.choose.error.gone", settings.maxChoices(), 0);
            }
            Set<String> already = new HashSet<>();
            for (Disclosure d : store.disclosuresOf(request.reference())) {
                already.add(d.contractorId());
            }
            List<String> added = new ArrayList<>();
            for (String id : wanted) {
                if (!already.contains(id)) {
                    if (!offered.contains(id)) {
                        return new Refused("directory.choose.error.unknown", settings.maxChoices(), already.size());
                    }
                    added.add(id);
                }
            }
            if (already.size() + added.size() > settings.maxChoices()) {
                return new Refused("directory.choose.error.tooMany", settings.maxChoices(), already.size());
            }
            List<Long> ids = new ArrayList<>();
            for (String id : added) {
                long disclosure = store.addDisclosure(
                        id,
                        request.reference(),
                        request.email(),
                        fields,
                        request.services(),
                        request.language(),
                        policy,
                        now);
                events.append(CONTACT_REQUESTED, payload(disclosure, id, request, fields, policy));
                ids.add(disclosure);
            }
            if (!added.isEmpty()) {
                events.append(CONTRACTORS_CHOSEN, chosenPayload(request, added, ids));
            }
            return new Shared(ids, already.size() + added.size());
        });
    }

    /** The fields a contractor receives of this request. */
    static Set<String> fields(ServiceRequest request, boolean address) {
        Set<String> fields = new LinkedHashSet<>();
        fields.add("name");
        fields.add("email");
        if (!request.phone().isEmpty()) {
            fields.add("phone");
        }
        if (address) {
            fields.add("address");
        }
        if (!request.city().isEmpty()) {
            fields.add("city");
        }
        fields.add("zip");
        fields.add("services");
        fields.add("contactMethod");
        return fields;
    }

    private String payload(
            long disclosure, String contractor, ServiceRequest request, Set<String> fields, String policy) {
        JsonArrayBuilder shared = json.createArrayBuilder();
        fields.forEach(shared::add);
        return json.createObjectBuilder()
                .add("disclosure", disclosure)
                .add("contractor", contractor)
                .add("reference", request.reference())
                .add("fields", shared)
                .add("language", request.language())
                .add("policyVersion", policy)
                .add("zip3", zip3(request.zip()))
                .build()
                .toString();
    }

    /**
     * The first three digits of the request's ZIP code, for the public counts of the analytics module
     * (leads shared per ZIP3); {@code ""} for a ZIP that does not start with three digits.
     */
    static String zip3(String zip) {
        return zip != null && zip.length() >= 3 && zip.substring(0, 3).chars().allMatch(ch -> ch >= '0' && ch <= '9')
                ? zip.substring(0, 3)
                : "";
    }

    /**
     * The summary of one choice, for the one note to the homeowner that names every contractor chosen in
     * it: the request, the contractors and their disclosures in the same order, the request's language.
     */
    private String chosenPayload(ServiceRequest request, List<String> contractors, List<Long> disclosures) {
        JsonArrayBuilder ids = json.createArrayBuilder();
        contractors.forEach(ids::add);
        JsonArrayBuilder shared = json.createArrayBuilder();
        disclosures.forEach(shared::add);
        return json.createObjectBuilder()
                .add("reference", request.reference())
                .add("contractors", ids)
                .add("disclosures", shared)
                .add("language", request.language())
                .build()
                .toString();
    }

    /** When the choose links of a request stop working. */
    Instant expiry(ServiceRequest request) {
        return request.submittedAt().plus(Duration.ofDays(settings.choiceDays()));
    }
}
