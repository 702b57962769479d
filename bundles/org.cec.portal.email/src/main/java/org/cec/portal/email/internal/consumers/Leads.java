package org.cec.portal.email.internal.consumers;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.ContractorChoices;
import org.cec.portal.api.directory.ContractorDirectory;
import org.cec.portal.api.email.MailAddress;
import org.cec.portal.api.email.MailMessage;
import org.cec.portal.api.email.Mailer;
import org.cec.portal.api.events.EventConsumer;
import org.cec.portal.api.events.PortalEvent;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.api.intake.ServiceRequest;
import org.cec.portal.api.intake.ServiceRequests;
import org.cec.portal.email.internal.EmailSettings;
import org.cec.portal.email.internal.templates.MessageTypes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code directory.contact-requested} → the lead to the chosen contractor ({@link MessageTypes#LEAD}) at
 * its public email: the request read through {@link ServiceRequests}, but only the fields the event
 * lists as disclosed, and the link where the contractor reports the outcome ({@link
 * ContractorChoices#leadPath}). In the request's language when the contractor speaks it (or lists no
 * languages), else in a language it speaks. A contractor without a public email, or a request erased
 * meanwhile, gets nothing (said in the log by ids only). Keyed by the event's id; the message is about
 * the homeowner (their data), for access and erasure requests.
 */
@Component(service = EventConsumer.class)
public final class Leads implements EventConsumer {

    static final String CONTACT_REQUESTED = "directory.contact-requested";

    /** The fields a lead can show, in the order the directory discloses them. */
    static final List<String> FIELDS =
            List.of("name", "email", "phone", "address", "city", "zip", "services", "contactMethod");

    private static final Logger LOG = LoggerFactory.getLogger(Leads.class);

    private final Mailer mailer;
    private final ContractorDirectory directory;
    private final ContractorChoices choices;
    private final ServiceRequests requests;
    private final ServiceLabels labels;
    private final EmailSettings settings;

    @Activate
    public Leads(
            @Reference Mailer mailer,
            @Reference ContractorDirectory directory,
            @Reference ContractorChoices choices,
            @Reference ServiceRequests requests,
            @Reference ServiceLabels labels,
            @Reference EmailSettings settings) {
        this.mailer = mailer;
        this.directory = directory;
        this.choices = choices;
        this.requests = requests;
        this.labels = labels;
        this.settings = settings;
    }

    @Override
    public String consumerId() {
        return "email.leads";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(CONTACT_REQUESTED);
    }

    @Override
    public StartFrom startFrom() {
        return StartFrom.NOW;
    }

    @Override
    public void handle(PortalEvent event) {
        JsonObject p = Payloads.of(event);
        String contractorId = Payloads.required(p, "contractor", event);
        String reference = Payloads.required(p, "reference", event);
        if (!(p.get("disclosure") instanceof jakarta.json.JsonNumber disclosure)) {
            throw new IllegalArgumentException(
                    "The payload of " + CONTACT_REQUESTED + " " + event.id() + " has no disclosure");
        }
        Optional<Contractor> contractor = directory.find(contractorId);
        if (contractor.isEmpty() || contractor.get().email().isBlank()) {
            LOG.info("No lead email for disclosure {}: contractor {} has no public email", disclosure, contractorId);
            return;
        }
        Optional<ServiceRequest> found = requests.find(reference);
        if (found.isEmpty()) {
            LOG.info("No lead email for disclosure {}: the request is gone (erased)", disclosure);
            return;
        }
        ServiceRequest request = found.get();
        String language = language(request.language(), contractor.get().languages());
        List<String> fields = new ArrayList<>();
        List<String> disclosed = Payloads.strings(p, "fields", null);
        for (String f : FIELDS) {
            if (disclosed.contains(f)) {
                fields.add(f);
            }
        }
        MailMessage.Builder lead = MailMessage.relationship(
                        MessageTypes.LEAD,
                        new MailAddress(
                                contractor.get().email(), contractor.get().businessName()),
                        language)
                .with("businessName", contractor.get().businessName())
                .with("reference", reference)
                .with("fields", fields)
                .with(
                        "leadUrl",
                        choices.leadPath(disclosure.longValueExact())
                                .map(settings::link)
                                .orElse(""))
                .key(CONTACT_REQUESTED + ":" + event.id())
                .about(request.email());
        for (String f : fields) {
            switch (f) {
                case "name" -> lead.with("name", request.name());
                case "email" -> lead.with("email", request.email());
                case "phone" -> lead.with("phone", request.phone());
                case "address" -> lead.with("address", request.address());
                case "city" -> lead.with("city", request.city());
                case "zip" -> lead.with("zip", request.zip());
                case "services" -> lead.with(
                        "services",
                        labels.labels(
                                request.services(), Languages.ofTag(language).orElse(Languages.ENGLISH)));
                case "contactMethod" -> lead.with("contactMethod", request.contactMethod());
                default -> throw new IllegalStateException(f);
            }
        }
        mailer.queue(lead.build());
    }

    /** The request's language if the contractor speaks it or names none; else English, else Spanish. */
    static String language(String requestLanguage, Set<String> spoken) {
        if (spoken.isEmpty() || spoken.contains(requestLanguage)) {
            return requestLanguage;
        }
        for (var supported : Languages.SUPPORTED) {
            if (spoken.contains(supported.getLanguage())) {
                return supported.getLanguage();
            }
        }
        return requestLanguage;
    }
}
