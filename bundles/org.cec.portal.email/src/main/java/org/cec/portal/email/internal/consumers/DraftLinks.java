package org.cec.portal.email.internal.consumers;

import jakarta.json.JsonObject;
import java.util.Set;
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
 * {@code intake.draft-saved} with reason {@code asked} ("Email me a link to finish later") → the link to
 * finish the request ({@link MessageTypes#DRAFT_LINK}), in the form's language. A draft kept with the
 * preferences consent (reason {@code preferences}) gets no message. Keyed by the event's id.
 */
@Component(service = EventConsumer.class)
public final class DraftLinks implements EventConsumer {

    static final String SAVED = "intake.draft-saved";
    static final String ASKED = "asked";

    private final Mailer mailer;
    private final EmailSettings settings;

    @Activate
    public DraftLinks(@Reference Mailer mailer, @Reference EmailSettings settings) {
        this.mailer = mailer;
        this.settings = settings;
    }

    @Override
    public String consumerId() {
        return "email.draft-links";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(SAVED);
    }

    @Override
    public StartFrom startFrom() {
        return StartFrom.NOW;
    }

    @Override
    public void handle(PortalEvent event) {
        JsonObject p = Payloads.of(event);
        if (!ASKED.equals(Payloads.text(p, "reason"))) {
            return;
        }
        String link = Payloads.required(p, "link", event);
        if (!link.startsWith("/request/draft/")) {
            throw new IllegalArgumentException("The link of " + SAVED + " " + event.id() + " is not a draft link");
        }
        mailer.queue(MailMessage.relationship(
                        MessageTypes.DRAFT_LINK,
                        MailAddress.of(Payloads.required(p, "email", event)),
                        Payloads.text(p, "language"))
                .with("finishUrl", settings.link(link))
                .key(SAVED + ":" + event.id())
                .build());
    }
}
