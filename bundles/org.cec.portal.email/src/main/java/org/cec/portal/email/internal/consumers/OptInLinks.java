package org.cec.portal.email.internal.consumers;

import java.util.Optional;
import java.util.Set;
import org.cec.portal.api.consent.ConsentService;
import org.cec.portal.api.consent.OptInConfirmation;
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
 * {@code consent.opt-in-requested} → the signed link that completes the opt-in ({@link
 * MessageTypes#OPT_IN}), in the language the request was made in. The event names the request only;
 * the address and the link come from {@link ConsentService#optInConfirmation}, so a request that was
 * confirmed, expired or erased meanwhile gets no message. Keyed by the event's id.
 */
@Component(service = EventConsumer.class)
public final class OptInLinks implements EventConsumer {

    static final String REQUESTED = "consent.opt-in-requested";

    private final Mailer mailer;
    private final ConsentService consent;
    private final EmailSettings settings;

    @Activate
    public OptInLinks(@Reference Mailer mailer, @Reference ConsentService consent, @Reference EmailSettings settings) {
        this.mailer = mailer;
        this.consent = consent;
        this.settings = settings;
    }

    @Override
    public String consumerId() {
        return "email.opt-in-links";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(REQUESTED);
    }

    @Override
    public StartFrom startFrom() {
        return StartFrom.NOW;
    }

    @Override
    public void handle(PortalEvent event) {
        String request = Payloads.required(Payloads.of(event), "optInRequest", event);
        Optional<OptInConfirmation> pending = consent.optInConfirmation(request);
        if (pending.isEmpty()) {
            return; // confirmed, expired or erased since: nothing to confirm any more
        }
        OptInConfirmation confirmation = pending.get();
        mailer.queue(MailMessage.relationship(
                        MessageTypes.OPT_IN, MailAddress.of(confirmation.email()), confirmation.language())
                .with("confirmUrl", settings.link(confirmation.confirmPath()))
                .with("kind", confirmation.kind().id())
                .key(REQUESTED + ":" + event.id())
                .build());
    }
}
