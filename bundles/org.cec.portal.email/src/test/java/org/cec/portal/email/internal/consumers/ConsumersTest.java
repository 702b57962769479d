package org.cec.portal.email.internal.consumers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cec.portal.api.consent.ConsentService;
import org.cec.portal.api.consent.OptInConfirmation;
import org.cec.portal.api.consent.OptOut;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.ContractorChoices;
import org.cec.portal.api.directory.ContractorDirectory;
import org.cec.portal.api.directory.ContractorQuery;
import org.cec.portal.api.directory.SearchResult;
import org.cec.portal.api.email.MailMessage;
import org.cec.portal.api.email.Mailer;
import org.cec.portal.api.email.MessageKind;
import org.cec.portal.api.email.QueuedMail;
import org.cec.portal.api.events.EventConsumer;
import org.cec.portal.api.events.PortalEvent;
import org.cec.portal.api.geo.GeoPoint;
import org.cec.portal.api.intake.ServiceRequest;
import org.cec.portal.api.intake.ServiceRequests;
import org.cec.portal.api.intake.ServiceType;
import org.cec.portal.email.internal.EmailSettings;
import org.cec.portal.email.internal.MessageRenderer.Rendered;
import org.cec.portal.email.internal.templates.FileMessages;
import org.cec.portal.email.internal.templates.MessageTypes;
import org.cec.portal.email.internal.templates.TestRenderers;
import org.junit.jupiter.api.Test;

class ConsumersTest {

    private static final EmailSettings SETTINGS =
            new EmailSettings(URI.create("https://portal.example.org"), "", 1, 10, 3, 1000, 1000, 10_000);

    /** Keeps what is queued; a repeated key queues nothing, as the real outbox does. */
    static final class RecordingMailer implements Mailer {
        final List<MailMessage> queued = new ArrayList<>();
        final Map<String, Long> keys = new HashMap<>();

        @Override
        public QueuedMail queue(MailMessage message) {
            String key = message.key().orElseThrow(() -> new AssertionError("every consumer message has a key"));
            Long before = keys.get(key);
            if (before != null) {
                return new QueuedMail(before, before + "@test", true);
            }
            queued.add(message);
            keys.put(key, (long) queued.size());
            return new QueuedMail(queued.size(), queued.size() + "@test", false);
        }

        @Override
        public boolean mayReceiveCommercial(String normalisedEmail) {
            return false;
        }
    }

    private final RecordingMailer mailer = new RecordingMailer();

    private final ContractorChoices choices = new ContractorChoices() {
        @Override
        public Optional<String> choosePath(String reference) {
            return reference.equals("K7Q-4XM") ? Optional.of("/contractors/choose/tok-" + reference) : Optional.empty();
        }

        @Override
        public Optional<String> leadPath(long disclosureId) {
            return Optional.of("/leads/lead-" + disclosureId);
        }
    };

    private static Contractor contractor(String id, String name, String email, Set<String> languages) {
        return new Contractor(
                id,
                name,
                Set.of("heat-pump"),
                "94110",
                new GeoPoint(37.75, -122.41),
                20,
                Set.of(),
                List.of(),
                List.of(),
                null,
                languages,
                "",
                "https://" + id + ".example",
                "(415) 555-01" + id.length(),
                email,
                true,
                Contractor.BUILT_IN,
                null);
    }

    private final Map<String, Contractor> contractors = Map.of(
            "sunny", contractor("sunny", "Sunny Solar", "jobs@sunny.example", Set.of("en", "es")),
            "bay", contractor("bay", "Bay Heat", "hi@bay.example", Set.of("en")),
            "quiet", contractor("quiet", "Quiet Co", "", Set.of()));

    private final ContractorDirectory directory = new ContractorDirectory() {
        @Override
        public SearchResult search(ContractorQuery query, Locale locale) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Contractor> find(String id) {
            return Optional.ofNullable(contractors.get(id));
        }

        @Override
        public List<String> certificationNames() {
            return List.of();
        }
    };

    private final Map<String, ServiceRequest> stored = new HashMap<>(Map.of(
            "K7Q-4XM",
            new ServiceRequest(
                    "K7Q-4XM",
                    Instant.parse("2026-12-01T10:00:00Z"),
                    "Ana Reyes",
                    "ana@example.org",
                    "(415) 555-0134",
                    "1 Mission St",
                    "San Francisco",
                    "94110",
                    "phone",
                    List.of("heat-pump", "ev-charger"),
                    "es")));

    private final ServiceRequests requests = new ServiceRequests() {
        @Override
        public Optional<ServiceRequest> find(String reference) {
            return Optional.ofNullable(stored.get(reference));
        }

        @Override
        public List<String> referencesOf(String normalisedEmail) {
            return List.of();
        }
    };

    private ServiceLabels labels() {
        ServiceLabels labels = new ServiceLabels(null);
        FileMessages none = new FileMessages("no/such/messages");
        labels.add(service("heat-pump", "Heat pump"), none);
        labels.add(service("ev-charger", "EV charger"), none);
        return labels;
    }

    private static ServiceType service(String id, String label) {
        return new ServiceType() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String label() {
                return label;
            }
        };
    }

    private static PortalEvent event(long id, String type, String payload) {
        return new PortalEvent(id, type, payload, Instant.parse("2026-12-01T10:00:00Z"));
    }

    private static final String SUBMITTED = "{\"reference\":\"K7Q-4XM\",\"email\":\"ana@example.org\","
            + "\"name\":\"Ana Reyes\",\"contactMethod\":\"phone\",\"source\":\"form\",\"services\":"
            + "[{\"id\":\"heat-pump\",\"label\":\"Bomba de calor\"}],\"language\":\"es\"}";

    @Test
    void aSubmissionQueuesOneConfirmationInTheRequestsLanguageWithTheAbsoluteChooseLink() {
        Confirmations consumer = new Confirmations(mailer, choices, SETTINGS);
        assertEquals(EventConsumer.StartFrom.NOW, consumer.startFrom(), "no mail to everyone of the past");
        consumer.handle(event(7, "intake.submitted", SUBMITTED));
        consumer.handle(event(7, "intake.submitted", SUBMITTED)); // delivered again after a crash

        assertEquals(1, mailer.queued.size(), "the repeated delivery queued nothing");
        MailMessage m = mailer.queued.get(0);
        assertEquals(MessageTypes.CONFIRMATION, m.type());
        assertEquals("ana@example.org", m.to().address());
        assertEquals("Ana Reyes", m.to().name());
        assertEquals("es", m.language());
        assertEquals(Optional.of("intake.submitted:7"), m.key());
        assertEquals(
                "https://portal.example.org/contractors/choose/tok-K7Q-4XM",
                m.model().get("chooseUrl"));
        assertEquals(List.of("Bomba de calor"), m.model().get("services"));
        Rendered r = TestRenderers.builtIn().render(m, Map.of());
        assertTrue(r.subject().startsWith("Recibimos su solicitud K7Q-4XM"), r.subject());
        assertTrue(r.text().contains("https://portal.example.org/contractors/choose/tok-K7Q-4XM"), r.text());
    }

    @Test
    void aPayloadWithoutItsReferenceIsAFailureOfTheEventNotASilentSkip() {
        Confirmations consumer = new Confirmations(mailer, choices, SETTINGS);
        assertThrows(IllegalArgumentException.class, () -> consumer.handle(event(8, "intake.submitted", "{}")));
        assertThrows(IllegalArgumentException.class, () -> consumer.handle(event(9, "intake.submitted", "[1]")));
        assertEquals(0, mailer.queued.size());
    }

    @Test
    void anAskedDraftGetsItsFinishLinkAndAKeptOneNothing() {
        DraftLinks consumer = new DraftLinks(mailer, SETTINGS);
        consumer.handle(event(
                3,
                "intake.draft-saved",
                "{\"email\":\"ana@example.org\",\"link\":\"/request/draft/abc\",\"reason\":\"preferences\"}"));
        assertEquals(0, mailer.queued.size(), "kept with the preferences consent: no email");
        consumer.handle(
                event(
                        4,
                        "intake.draft-saved",
                        "{\"email\":\"ana@example.org\",\"link\":\"/request/draft/abc\",\"reason\":\"asked\",\"language\":\"es\"}"));
        MailMessage m = mailer.queued.get(0);
        assertEquals(MessageTypes.DRAFT_LINK, m.type());
        assertEquals("es", m.language());
        assertEquals("https://portal.example.org/request/draft/abc", m.model().get("finishUrl"));
        assertEquals(Optional.of("intake.draft-saved:4"), m.key());
        assertThrows(
                IllegalArgumentException.class,
                () -> consumer.handle(event(
                        5,
                        "intake.draft-saved",
                        "{\"email\":\"a@example.org\",\"link\":\"https://evil.example/\",\"reason\":\"asked\"}")));
    }

    @Test
    void aPendingOptInGetsItsConfirmationLinkAndAGoneOneNothing() {
        ConsentService consent = mock(ConsentService.class);
        when(consent.optInConfirmation("req-1"))
                .thenReturn(Optional.of(new OptInConfirmation(
                        "ana@example.org", OptOut.MARKETING_EMAIL, "es", "/privacy/opt-in/confirm/tok")));
        when(consent.optInConfirmation("req-2")).thenReturn(Optional.empty());
        OptInLinks consumer = new OptInLinks(mailer, consent, SETTINGS);

        consumer.handle(
                event(6, "consent.opt-in-requested", "{\"optInRequest\":\"req-2\",\"kind\":\"marketing-email\"}"));
        assertEquals(0, mailer.queued.size(), "confirmed, expired or erased meanwhile: no message");

        consumer.handle(
                event(7, "consent.opt-in-requested", "{\"optInRequest\":\"req-1\",\"kind\":\"marketing-email\"}"));
        MailMessage m = mailer.queued.get(0);
        assertEquals(MessageTypes.OPT_IN, m.type());
        assertEquals(MessageKind.RELATIONSHIP, m.kind());
        assertEquals("ana@example.org", m.to().address());
        assertEquals("es", m.language());
        assertEquals(
                "https://portal.example.org/privacy/opt-in/confirm/tok",
                m.model().get("confirmUrl"));
        assertEquals("marketing-email", m.model().get("kind"));
        assertEquals(Optional.of("consent.opt-in-requested:7"), m.key());
        assertThrows(IllegalArgumentException.class, () -> consumer.handle(event(8, "consent.opt-in-requested", "{}")));
    }

    private Leads leads() {
        return new Leads(mailer, directory, choices, requests, labels(), SETTINGS);
    }

    private static String contactRequested(long disclosure, String contractor, String fields) {
        return "{\"disclosure\":" + disclosure + ",\"contractor\":\"" + contractor + "\",\"reference\":\"K7Q-4XM\","
                + "\"fields\":" + fields + ",\"language\":\"es\",\"policyVersion\":\"2026-2\"}";
    }

    @Test
    void theLeadHoldsOnlyTheDisclosedFieldsAndTheOutcomeLink() {
        leads().handle(event(
                11,
                "directory.contact-requested",
                contactRequested(5, "sunny", "[\"name\",\"email\",\"city\",\"zip\",\"services\",\"contactMethod\"]")));
        MailMessage m = mailer.queued.get(0);
        assertEquals(MessageTypes.LEAD, m.type());
        assertEquals("jobs@sunny.example", m.to().address());
        assertEquals("es", m.language(), "the contractor speaks the request's language");
        assertEquals("ana@example.org", m.about(), "the lead holds the homeowner's data");
        assertEquals(Optional.of("directory.contact-requested:11"), m.key());
        assertEquals(
                Set.of(
                        "businessName",
                        "reference",
                        "fields",
                        "leadUrl",
                        "name",
                        "email",
                        "city",
                        "zip",
                        "services",
                        "contactMethod"),
                m.model().keySet(),
                "neither the phone nor the address was disclosed");
        assertEquals("https://portal.example.org/leads/lead-5", m.model().get("leadUrl"));
        assertEquals(List.of("Heat pump", "EV charger"), m.model().get("services"));
        Rendered r = TestRenderers.builtIn().render(m, Map.of());
        assertFalse(r.text().contains("555-0134"), r.text());
        assertFalse(r.text().contains("Mission"), r.text());
        assertFalse(r.html().orElseThrow().contains("555-0134"));
        assertTrue(r.text().contains("Nombre: Ana Reyes"), r.text());
        assertTrue(r.text().contains("Prefiere que le contacten por: teléfono"), r.text());
    }

    @Test
    void aContractorWhoDoesNotSpeakTheRequestsLanguageGetsTheLeadInOneItDoes() {
        leads().handle(event(12, "directory.contact-requested", contactRequested(6, "bay", "[\"name\",\"phone\"]")));
        MailMessage m = mailer.queued.get(0);
        assertEquals("en", m.language());
        assertEquals("(415) 555-0134", m.model().get("phone"));
    }

    @Test
    void noLeadForAContractorWithoutAPublicEmailOrAnErasedRequest() {
        leads().handle(event(13, "directory.contact-requested", contactRequested(7, "quiet", "[\"name\"]")));
        leads().handle(event(14, "directory.contact-requested", contactRequested(8, "gone", "[\"name\"]")));
        stored.clear();
        leads().handle(event(15, "directory.contact-requested", contactRequested(9, "sunny", "[\"name\"]")));
        assertEquals(0, mailer.queued.size());
    }

    @Test
    void oneChoiceOfTwoContractorsGivesTheHomeownerOneNoteNamingBoth() {
        ChoiceNotes consumer = new ChoiceNotes(mailer, directory, requests);
        String payload =
                "{\"reference\":\"K7Q-4XM\",\"contractors\":[\"sunny\",\"bay\"],\"disclosures\":[5,6],\"language\":\"es\"}";
        consumer.handle(event(20, "directory.contractors-chosen", payload));
        consumer.handle(event(20, "directory.contractors-chosen", payload));
        assertEquals(1, mailer.queued.size());
        MailMessage m = mailer.queued.get(0);
        assertEquals(MessageTypes.CHOSEN, m.type());
        assertEquals("ana@example.org", m.to().address());
        assertEquals("es", m.language());
        Rendered r = TestRenderers.builtIn().render(m, Map.of());
        assertEquals("Su solicitud K7Q-4XM se envió a 2 contratistas", r.subject());
        assertTrue(r.text().contains("- Sunny Solar\n"), r.text());
        assertTrue(r.text().contains("- Bay Heat\n"), r.text());
    }
}
