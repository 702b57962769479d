package org.cec.portal.email.internal.outbox;

import java.time.Clock;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.email.MailTransport;
import org.cec.portal.api.events.PortalEvents;
import org.cec.portal.email.internal.EmailSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Runs the {@link Sender} while the email module's database is there, through the {@link MailTransport}
 * with the highest {@code service.ranking}: when a better one appears it takes over at once, when the
 * one in use goes the next best is used, and while there is none the messages wait.
 */
@Component(immediate = true, service = OutboxSender.class)
public final class OutboxSender {

    private final OutboxSignal signal;
    private final Sender sender;
    private volatile MailTransport transport;

    @Activate
    public OutboxSender(
            @Reference(target = "(" + ModuleDatabase.MODULE_PROPERTY + "=email)") ModuleDatabase db,
            @Reference PortalEvents events,
            @Reference EmailSettings settings,
            @Reference OutboxSignal signal) {
        this.signal = signal;
        this.sender = new Sender(db, new OutboxStore(), events, settings, signal, () -> transport, Clock.systemUTC());
        sender.start();
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindTransport(MailTransport t) {
        transport = t;
        signal.wake();
    }

    void unbindTransport(MailTransport t) {
        if (transport == t) {
            transport = null;
        }
    }

    /** The transport in use, or null while there is none. */
    public MailTransport transport() {
        return transport;
    }

    /** The last problem the sender met, or null. */
    public String lastProblem() {
        return sender.lastProblem();
    }

    @Deactivate
    void deactivate() {
        sender.stop();
    }
}
