package org.cec.portal.email.internal.consumers;

import jakarta.json.JsonObject;
import java.util.Set;
import org.cec.portal.api.directory.ContractorChoices;
import org.cec.portal.api.email.MailAddress;
import org.cec.portal.api.email.MailMessage;
import org.cec.portal.api.email.Mailer;
import org.cec.portal.api.events.EventConsumer;
import org.cec.portal.api.events.PortalEvent;
import org.cec.portal.email.internal.EmailSettings;
import org.cec.portal.email.internal.templates.MessageTypes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code intake.submitted} → the homeowner's confirmation ({@link MessageTypes#CONFIRMATION}) in the
 * request's language, with the absolute link where they choose the contractors who receive the request
 * ({@link ContractorChoices#choosePath}). The idempotency key is the event's id, so a repeated delivery
 * queues nothing. It runs while the directory is there (the link is the point of the message); events
 * wait in the log meanwhile. Starts at the log's end when first seen, so installing the email module
 * does not write to everyone who ever made a request.
 */
@Component(service = EventConsumer.class)
public final class Confirmations implements EventConsumer {

    static final String SUBMITTED = "intake.submitted";

    private final Mailer mailer;
    private final ContractorChoices choices;
    private final EmailSettings settings;

    @Activate
    public Confirmations(
            @Reference Mailer mailer, @Reference ContractorChoices choices, @Reference EmailSettings settings) {
        this.mailer = mailer;
        this.choices = choices;
        this.settings = settings;
    }

    @Override
    public String consumerId() {
        return "email.confirmations";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(SUBMITTED);
    }

    @Override
    public StartFrom startFrom() {
        return StartFrom.NOW;
    }

    @Override
    public void handle(PortalEvent event) {
        JsonObject p = Payloads.of(event);
        String reference = Payloads.required(p, "reference", event);
        String name = Payloads.text(p, "name");
        String chooseUrl = choices.choosePath(reference).map(settings::link).orElse("");
        mailer.queue(MailMessage.relationship(
                        MessageTypes.CONFIRMATION,
                        new MailAddress(Payloads.required(p, "email", event), name),
                        Payloads.text(p, "language"))
                .with("name", name)
                .with("reference", reference)
                .with("services", Payloads.strings(p, "services", "label"))
                .with("contactMethod", Payloads.text(p, "contactMethod"))
                .with("chooseUrl", chooseUrl)
                .key(SUBMITTED + ":" + event.id())
                .build());
    }
}
