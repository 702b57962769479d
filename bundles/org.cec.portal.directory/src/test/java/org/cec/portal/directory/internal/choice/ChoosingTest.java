package org.cec.portal.directory.internal.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cec.portal.api.consent.ConsentService;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.ContractorDirectory;
import org.cec.portal.api.directory.ContractorMatch;
import org.cec.portal.api.directory.ContractorQuery;
import org.cec.portal.api.directory.SearchResult;
import org.cec.portal.api.geo.GeoPoint;
import org.cec.portal.api.intake.ServiceRequest;
import org.cec.portal.api.intake.ServiceRequests;
import org.cec.portal.api.privacy.PersonalRecord;
import org.cec.portal.directory.internal.DirectorySettings;
import org.cec.portal.testing.ModuleTestDatabase;
import org.cec.portal.testing.MovableClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of choosing, on H2 and PostgreSQL with the module's migrations: exactly one disclosure and
 * one event per chosen contractor, at most three in total, the same contractor once, only offered active
 * contractors, nothing without a submitted request or after the link's time, the address only when
 * consent allows; then the lead links, reports, the console's leads and funnel, export and erasure.
 */
class ChoosingTest {

    private static final Instant SUBMITTED = Instant.parse("2026-11-20T10:00:00Z");
    private static final GeoPoint MISSION = new GeoPoint(37.7485, -122.4184);

    static List<String> kinds() {
        return ModuleTestDatabase.kinds();
    }

    /** A clock an hour after the request was submitted. */
    static MovableClock clockAfterSubmission() {
        return new MovableClock(SUBMITTED.plus(Duration.ofHours(1)));
    }

    static Contractor contractor(String id, boolean active, String... services) {
        return new Contractor(
                id,
                "Business " + id,
                Set.of(services),
                "94110",
                MISSION,
                25,
                Set.of(),
                List.of(),
                List.of(),
                null,
                Set.of("en"),
                "",
                "",
                "",
                "",
                active,
                Contractor.DEMO,
                null);
    }

    /** A directory of these contractors, all at the searched ZIP; inactive ones are never found. */
    static ContractorDirectory directory(List<Contractor> all) {
        return new ContractorDirectory() {
            @Override
            public SearchResult search(ContractorQuery query, Locale locale) {
                if (!query.zip().equals("94110")) {
                    throw new IllegalArgumentException("unknown ZIP");
                }
                List<ContractorMatch> found = new ArrayList<>();
                for (Contractor c : all) {
                    if (c.active() && (query.service() == null || c.services().contains(query.service()))) {
                        found.add(new ContractorMatch(c, found.size(), "Demo"));
                    }
                }
                return new SearchResult(found, found.size(), 1, query.pageSize());
            }

            @Override
            public Optional<Contractor> find(String id) {
                return all.stream().filter(c -> c.id().equals(id)).findFirst();
            }

            @Override
            public List<String> certificationNames() {
                return List.of();
            }
        };
    }

    static ServiceRequest request(String reference, String email, String address) {
        return new ServiceRequest(
                reference,
                SUBMITTED,
                "Ada Lovelace",
                email,
                "+14155550134",
                address,
                "San Francisco",
                "94110",
                "email",
                List.of("solar-pv"),
                "es");
    }

    static final class Requests implements ServiceRequests {
        final Map<String, ServiceRequest> byReference = new HashMap<>();

        @Override
        public Optional<ServiceRequest> find(String reference) {
            return Optional.ofNullable(byReference.get(reference));
        }

        @Override
        public List<String> referencesOf(String email) {
            return byReference.values().stream()
                    .filter(r -> r.email().equals(email))
                    .map(ServiceRequest::reference)
                    .toList();
        }
    }

    static ConsentService consent(boolean mayShareAddress) {
        ConsentService c = mock(ConsentService.class);
        when(c.mayShareAddress(any(HttpServletRequest.class), anyString())).thenReturn(mayShareAddress);
        when(c.policyVersion()).thenReturn("2026-2");
        return c;
    }

    private static String token(String path) {
        assertTrue(path.startsWith(Choosing.PATH), path);
        return path.substring(Choosing.PATH.length());
    }

    private static List<ModuleTestDatabase.Event> events(ModuleTestDatabase db, String type) {
        return db.committedEvents().stream().filter(e -> e.type().equals(type)).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void choosingSharesOncePerContractorAtMostThreeAndOnlyOfferedActiveOnes(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "directory")) {
            Requests requests = new Requests();
            requests.byReference.put("REF-1", request("REF-1", "ada@example.com", "1 Main St"));
            List<Contractor> all = List.of(
                    contractor("a", true, "solar-pv"),
                    contractor("b", true, "solar-pv"),
                    contractor("c", true, "solar-pv"),
                    contractor("d", true, "solar-pv"),
                    contractor("gone", false, "solar-pv"),
                    contractor("heat", true, "heat-pump"));
            MovableClock clock = clockAfterSubmission();
            Choosing choosing = new Choosing(
                    db,
                    db,
                    requests,
                    directory(all),
                    DirectorySettings.defaults(),
                    consent(true),
                    new SecureRandom(),
                    clock);
            HttpServletRequest visit = mock(HttpServletRequest.class);
            String token = token(choosing.newChoosePath("REF-1").orElseThrow());
            assertTrue(choosing.newChoosePath("NO-SUCH-REF").isEmpty(), "no link without a submitted request");

            List<String> offered = choosing.matches(requests.byReference.get("REF-1"), Locale.ENGLISH).stream()
                    .map(m -> m.contractor().id())
                    .toList();
            assertEquals(List.of("a", "b", "c", "d"), offered, "active contractors offering the request's service");

            assertInstanceOf(Choosing.Refused.class, choosing.choose(token, List.of("gone"), visit), "inactive");
            assertInstanceOf(Choosing.Refused.class, choosing.choose(token, List.of("heat"), visit), "other service");
            assertInstanceOf(Choosing.Refused.class, choosing.choose(token, List.of("nobody"), visit), "unknown");
            assertInstanceOf(Choosing.Refused.class, choosing.choose(token, List.of(), visit), "none");
            assertEquals(0, db.committedEvents().size(), "nothing shared by refused choices");

            Choosing.Shared two = (Choosing.Shared) choosing.choose(token, List.of("a", "b", "a"), visit);
            assertEquals(2, two.added().size());
            assertEquals(2, events(db, Choosing.CONTACT_REQUESTED).size(), "one event per contractor");
            assertEquals(2, db.rows("SELECT id FROM directory_disclosure").size(), "one disclosure per contractor");
            String payload = events(db, Choosing.CONTACT_REQUESTED).get(0).payload();
            assertEquals(
                    "{\"disclosure\":" + two.added().get(0) + ",\"contractor\":\"a\",\"reference\":\"REF-1\","
                            + "\"fields\":[\"name\",\"email\",\"phone\",\"address\",\"city\",\"zip\",\"services\","
                            + "\"contactMethod\"],\"language\":\"es\",\"policyVersion\":\"2026-2\",\"zip3\":\"941\"}",
                    payload);
            assertEquals(
                    List.of("{\"reference\":\"REF-1\",\"contractors\":[\"a\",\"b\"],\"disclosures\":["
                            + two.added().get(0) + "," + two.added().get(1) + "],\"language\":\"es\"}"),
                    events(db, Choosing.CONTRACTORS_CHOSEN).stream()
                            .map(ModuleTestDatabase.Event::payload)
                            .toList(),
                    "one summary of the choice, after its contact-requested events");

            Choosing.Shared again = (Choosing.Shared) choosing.choose(token, List.of("a"), visit);
            assertEquals(List.of(), again.added(), "the same contractor twice shares once");
            assertEquals(1, events(db, Choosing.CONTRACTORS_CHOSEN).size(), "no summary of a choice that added nobody");
            Choosing.Refused tooMany = (Choosing.Refused) choosing.choose(token, List.of("c", "d"), visit);
            assertEquals("directory.choose.error.tooMany", tooMany.key());
            assertEquals(2, tooMany.alreadyChosen());
            assertEquals(2, events(db, Choosing.CONTACT_REQUESTED).size(), "nothing of a refused fourth");
            assertEquals(3, ((Choosing.Shared) choosing.choose(token, List.of("b", "c"), visit)).total(), "the third");
            assertInstanceOf(Choosing.Refused.class, choosing.choose(token, List.of("d"), visit), "a fourth");
            assertEquals(3, events(db, Choosing.CONTACT_REQUESTED).size());
            assertEquals(2, events(db, Choosing.CONTRACTORS_CHOSEN).size(), "one summary per choice");
            assertEquals(
                    List.of("a", "b", "c"),
                    choosing.chosen("REF-1").stream()
                            .map(Choosing.Chosen::contractorId)
                            .toList());

            // Another link of the same request shares the same limit.
            String other = token(choosing.newChoosePath("REF-1").orElseThrow());
            assertInstanceOf(Choosing.Refused.class, choosing.choose(other, List.of("d"), visit));

            // Forged, expired, and after the request is gone: nothing.
            assertTrue(choosing.offer("A".repeat(43)).isEmpty(), "forged");
            assertInstanceOf(Choosing.Refused.class, choosing.choose("A".repeat(43), List.of("d"), visit));
            clock.set(SUBMITTED.plus(Duration.ofDays(30)));
            assertTrue(choosing.offer(token).isEmpty(), "expired after 30 days");
            assertTrue(choosing.newChoosePath("REF-1").isEmpty(), "no new link after 30 days");
            clock.set(SUBMITTED.plus(Duration.ofDays(1)));
            requests.byReference.clear();
            assertTrue(choosing.offer(other).isEmpty(), "the request was erased");
            assertEquals(3, events(db, Choosing.CONTACT_REQUESTED).size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void theAddressIsLeftOutAfterAnOptOutOrWithoutTheConsentModule(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "directory")) {
            Requests requests = new Requests();
            requests.byReference.put("REF-1", request("REF-1", "ada@example.com", "1 Main St"));
            requests.byReference.put("REF-2", request("REF-2", "bob@example.com", "2 Main St"));
            ContractorDirectory directory = directory(List.of(contractor("a", true, "solar-pv")));
            HttpServletRequest visit = mock(HttpServletRequest.class);
            Choosing optedOut = new Choosing(
                    db,
                    db,
                    requests,
                    directory,
                    DirectorySettings.defaults(),
                    consent(false),
                    new SecureRandom(),
                    clockAfterSubmission());
            optedOut.choose(token(optedOut.newChoosePath("REF-1").orElseThrow()), List.of("a"), visit);
            Choosing noConsent = new Choosing(
                    db,
                    db,
                    requests,
                    directory,
                    DirectorySettings.defaults(),
                    null,
                    new SecureRandom(),
                    clockAfterSubmission());
            noConsent.choose(token(noConsent.newChoosePath("REF-2").orElseThrow()), List.of("a"), visit);
            List<ModuleTestDatabase.Event> shared = events(db, Choosing.CONTACT_REQUESTED);
            assertEquals(2, shared.size());
            for (ModuleTestDatabase.Event e : shared) {
                assertFalse(e.payload().contains("\"address\""), e.payload());
                assertTrue(e.payload().contains("\"zip\""), e.payload());
            }
            assertTrue(
                    shared.get(1).payload().contains("\"policyVersion\":\"unknown\""),
                    shared.get(1).payload());
            assertFalse(optedOut.chosen("REF-1").get(0).fields().contains("address"), "the disclosure says so too");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aLeadReportIsStoredWithOneEventShownToTheHomeownerAndErasureKeepsOnlyCounts(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "directory")) {
            Requests requests = new Requests();
            requests.byReference.put("REF-1", request("REF-1", "ada@example.com", ""));
            ContractorDirectory directory =
                    directory(List.of(contractor("a", true, "solar-pv"), contractor("b", true, "solar-pv")));
            MovableClock clock = clockAfterSubmission();
            Choosing choosing = new Choosing(
                    db,
                    db,
                    requests,
                    directory,
                    DirectorySettings.defaults(),
                    consent(true),
                    new SecureRandom(),
                    clock);
            HttpServletRequest visit = mock(HttpServletRequest.class);
            Choosing.Shared shared = (Choosing.Shared)
                    choosing.choose(token(choosing.newChoosePath("REF-1").orElseThrow()), List.of("a", "b"), visit);
            long first = shared.added().get(0);
            LeadReports leads = new LeadReports(db, db, new SecureRandom(), clock);
            String path = leads.newLeadPath(first).orElseThrow();
            assertTrue(path.startsWith(LeadReports.PATH));
            String token = path.substring(LeadReports.PATH.length());
            assertTrue(leads.newLeadPath(999_999).isEmpty(), "no link of an unknown disclosure");
            assertEquals(
                    1, db.rows("SELECT token_hash FROM directory_lead_token").size());
            assertEquals(
                    Tokens.hash(token),
                    db.rows("SELECT token_hash FROM directory_lead_token").get(0)[0],
                    "only the hash is stored");

            assertTrue(
                    leads.report("B".repeat(43), "contacted", null, List.of(), null)
                            .isEmpty(),
                    "forged");
            LeadReport.Checked bad =
                    leads.report(token, "won", null, List.of(), null).orElseThrow();
            assertFalse(bad.errors().isEmpty());
            assertEquals(0, events(db, LeadReports.LEAD_UPDATED).size(), "nothing of bad or forged reports");

            assertTrue(leads.report(token, "contacted", "2026-11-20", List.of(), "called")
                    .orElseThrow()
                    .errors()
                    .isEmpty());
            List<ModuleTestDatabase.Event> updated = events(db, LeadReports.LEAD_UPDATED);
            assertEquals(1, updated.size());
            assertEquals(
                    "{\"disclosure\":" + first
                            + ",\"contractor\":\"a\",\"status\":\"contacted\",\"date\":\"2026-11-20\"}",
                    updated.get(0).payload());
            Choosing.Chosen shown = choosing.chosen("REF-1").get(0);
            assertEquals(Leads.Status.CONTACTED, shown.status(), "the homeowner sees the status");
            assertEquals(java.time.LocalDate.of(2026, 11, 20), shown.statusDate());
            assertEquals(Leads.Status.SHARED, choosing.chosen("REF-1").get(1).status());

            leads.report(token, "job-done", null, List.of("solar-pv"), null);
            LeadRecords records = new LeadRecords(db);
            Leads.Lead lead = records.ofContractor("a").get(0);
            assertEquals(Leads.Status.JOB_DONE, lead.status());
            assertEquals("solar-pv", lead.servicesPerformed());
            assertEquals("REF-1", lead.requestReference());
            List<Leads.FunnelRow> funnel = records.funnel();
            assertEquals(List.of(new Leads.FunnelRow("2026-11", "solar-pv", 2, 1, 1, 1, 1)), funnel);

            ChoicePersonalData personal = new ChoicePersonalData(db, directory);
            List<PersonalRecord> exported = personal.export("ada@example.com");
            assertEquals(4, exported.size(), "two disclosures and two reports");
            assertEquals("Business a", exported.get(0).fields().get("contractor name"));
            assertEquals(
                    "name, email, phone, city, zip, services, contactMethod",
                    exported.get(0).fields().get("fields shared"));
            assertEquals("called", exported.get(1).fields().get("note"));
            assertEquals(List.of(), personal.export("bob@example.com"));

            assertEquals(4, personal.erase("ada@example.com"));
            assertEquals(List.of(), personal.export("ada@example.com"));
            assertTrue(leads.lead(token).isEmpty(), "the lead link no longer works");
            assertTrue(leads.newLeadPath(first).isEmpty(), "no new link of an erased lead");
            assertEquals(funnel, records.funnel(), "erased leads still count, anonymously");
            assertEquals(null, records.ofContractor("a").get(0).requestReference());
            assertEquals(
                    0,
                    db.rows("SELECT id FROM directory_disclosure WHERE email IS NOT NULL")
                            .size());
            assertEquals(
                    0,
                    db.rows("SELECT id FROM directory_lead_outcome WHERE note IS NOT NULL")
                            .size());
            assertEquals(1, db.rows("SELECT id FROM directory_erasure").size());
        }
    }
}
