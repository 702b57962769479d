package org.cec.portal.email.internal.consumers;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.ContractorDirectory;
import org.cec.portal.api.email.MailAddress;
import org.cec.portal.api.email.MailMessage;
import org.cec.portal.api.email.Mailer;
import org.cec.portal.api.events.EventConsumer;
import org.cec.portal.api.events.PortalEvent;
import org.cec.portal.api.intake.ServiceRequest;
import org.cec.portal.api.intake.ServiceRequests;
import org.cec.portal.email.internal.templates.MessageTypes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code directory.contractors-chosen} (once per choice, however many contractors it named) → one note to
 * the homeowner ({@link MessageTypes#CHOSEN}) naming every contractor chosen in it, with their public
 * phone, email and website, in the request's language. Keyed by the event's id.
 */
@Component(service = EventConsumer.class)
public final class ChoiceNotes implements EventConsumer {

    static final String CHOSEN = "directory.contractors-chosen";

    private static final Logger LOG = LoggerFactory.getLogger(ChoiceNotes.class);

    private final Mailer mailer;
    private final ContractorDirectory directory;
    private final ServiceRequests requests;

    @Activate
    public ChoiceNotes(
            @Reference Mailer mailer, @Reference ContractorDirectory directory, @Reference ServiceRequests requests) {
        this.mailer = mailer;
        this.directory = directory;
        this.requests = requests;
    }

    @Override
    public String consumerId() {
        return "email.choice-notes";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(CHOSEN);
    }

    @Override
    public StartFrom startFrom() {
        return StartFrom.NOW;
    }

    @Override
    public void handle(PortalEvent event) {
        JsonObject p = Payloads.of(event);
        String reference = Payloads.required(p, "reference", event);
        Optional<ServiceRequest> found = requests.find(reference);
        if (found.isEmpty()) {
            LOG.info("No note for {} {}: the request is gone (erased)", CHOSEN, event.id());
            return;
        }
        List<Map<String, String>> contractors = new ArrayList<>();
        for (String id : Payloads.strings(p, "contractors", null)) {
            Optional<Contractor> c = directory.find(id);
            contractors.add(Map.of(
                    "name", c.map(Contractor::businessName).orElse(id),
                    "phone", c.map(Contractor::phone).orElse(""),
                    "email", c.map(Contractor::email).orElse(""),
                    "website", c.map(Contractor::website).orElse("")));
        }
        if (contractors.isEmpty()) {
            return;
        }
        ServiceRequest request = found.get();
        mailer.queue(MailMessage.relationship(
                        MessageTypes.CHOSEN, new MailAddress(request.email(), request.name()), request.language())
                .with("name", request.name())
                .with("reference", reference)
                .with("contractors", contractors)
                .key(CHOSEN + ":" + event.id())
                .build());
    }
}
