package org.cec.portal.email.internal.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.consent.ConsentService;
import org.cec.portal.api.consent.OptOut;
import org.cec.portal.api.data.CurrentTransaction;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.email.MailMessage;
import org.cec.portal.api.email.MailRefusedException;
import org.cec.portal.api.email.Mailer;
import org.cec.portal.api.email.MessageKind;
import org.cec.portal.api.email.OutgoingMail;
import org.cec.portal.api.email.QueuedMail;
import org.cec.portal.email.internal.CommercialParts;
import org.cec.portal.email.internal.EmailSettings;
import org.cec.portal.email.internal.MessageRenderer;
import org.cec.portal.email.internal.MessageRenderer.Rendered;
import org.cec.portal.email.internal.tracking.MailTracking;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@link Mailer}: checks that a commercial message may go (consent, suppression list, postal
 * address, unsubscribe parts), renders the message, and stores it in the outbox: in the caller's
 * transaction when one runs on the thread (it is sent exactly when that commits), otherwise in a
 * transaction of its own that has committed when {@link #queue} returns. The sender is woken after the
 * commit.
 */
@Component(service = Mailer.class)
public final class OutboxMailer implements Mailer {

    private final ModuleDatabase db;
    private final CurrentTransaction current;
    private final MessageRenderer renderer;
    private final EmailSettings settings;
    private final OutboxSignal signal;
    private final OutboxStore store;
    private final MessageIds ids;
    private final Clock clock;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CommercialParts commercialParts;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConsentService consent;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MailTracking tracking;

    @Activate
    public OutboxMailer(
            @Reference(target = "(" + ModuleDatabase.MODULE_PROPERTY + "=email)") ModuleDatabase db,
            @Reference CurrentTransaction current,
            @Reference MessageRenderer renderer,
            @Reference EmailSettings settings,
            @Reference OutboxSignal signal) {
        this(db, current, renderer, settings, signal, new OutboxStore(), Clock.systemUTC());
    }

    OutboxMailer(
            ModuleDatabase db,
            CurrentTransaction current,
            MessageRenderer renderer,
            EmailSettings settings,
            OutboxSignal signal,
            OutboxStore store,
            Clock clock) {
        this.db = db;
        this.current = current;
        this.renderer = renderer;
        this.settings = settings;
        this.signal = signal;
        this.store = store;
        this.ids = new MessageIds(settings.publicUrl().getHost());
        this.clock = clock;
    }

    /** For tests: the optional services. */
    void setOptional(CommercialParts parts, ConsentService consentService) {
        this.commercialParts = parts;
        this.consent = consentService;
    }

    /** For tests: the optional tracking. */
    void setTracking(MailTracking mailTracking) {
        this.tracking = mailTracking;
    }

    @Override
    public QueuedMail queue(MailMessage message) {
        String recipient = normalise(message.to().address());
        // every template may build links from the portal's public address (MailTemplates)
        Map<String, Object> extra = new HashMap<>();
        extra.put("portalUrl", settings.publicUrl().toString());
        Map<String, String> headers = Map.of();
        if (message.kind() == MessageKind.COMMERCIAL) {
            CommercialParts parts = requireCommercialAllowed(recipient);
            CommercialParts.Parts p = parts.of(recipient, message.language());
            extra.putAll(p.model());
            extra.putIfAbsent("postalAddress", settings.postalAddress());
            headers = p.headers();
        }
        Rendered rendered = renderer.render(message, extra);
        String subject = rendered.subject() == null ? "" : rendered.subject().strip();
        String messageId = ids.next();
        OutboxStore.NewMail mail = new OutboxStore.NewMail(
                messageId,
                message.key(),
                message.kind(),
                message.type(),
                message.language(),
                message.to(),
                message.about(),
                subject,
                rendered.text(),
                tracked(message, rendered.html(), messageId, recipient, extra),
                headers);
        checkHeaders(mail);
        long now = clock.millis();
        Optional<Connection> callers = current.connection();
        if (callers.isPresent()) {
            QueuedMail queued = withSql(() -> store.insert(callers.get(), mail, now));
            current.afterCommit(signal::wake);
            return queued;
        }
        QueuedMail queued = db.inGroupCommit(em -> store.insert(em.unwrap(Connection.class), mail, now));
        signal.wake();
        return queued;
    }

    @Override
    public boolean mayReceiveCommercial(String normalisedEmail) {
        try {
            requireCommercialAllowed(normalise(normalisedEmail));
            return true;
        } catch (MailRefusedException | IllegalStateException e) {
            return false;
        }
    }

    /** The HTML part, with open and click tracking for a commercial message whose recipient allows it. */
    private Optional<String> tracked(
            MailMessage message, Optional<String> html, String messageId, String recipient, Map<String, Object> extra) {
        MailTracking t = tracking;
        if (message.kind() != MessageKind.COMMERCIAL || t == null) {
            return html;
        }
        return t.commercialHtml(html, messageId, recipient, String.valueOf(extra.get("unsubscribeUrl")));
    }

    /** Refuses a commercial message that may not go; returns the parts it needs. */
    private CommercialParts requireCommercialAllowed(String recipient) {
        if (settings.postalAddress().isEmpty()) {
            throw new IllegalStateException("Commercial mail is refused while the operator's postal address is not"
                    + " set (postal.address in configuration " + EmailSettings.PID + ")");
        }
        CommercialParts parts = commercialParts;
        if (parts == null) {
            throw new IllegalStateException(
                    "Commercial mail is refused while its unsubscribe links cannot be made (the email module's"
                            + " unsubscribe component is not running)");
        }
        ConsentService c = consent;
        if (c == null) {
            throw new IllegalStateException(
                    "Commercial mail is refused while the consent module is not running: opt-outs cannot be checked");
        }
        if (c.hasOptedOut(recipient, OptOut.MARKETING_EMAIL)) {
            throw new MailRefusedException(
                    MailRefusedException.Reason.OPTED_OUT, "The recipient opted out of marketing email");
        }
        boolean suppressed = current.connection().isPresent()
                ? withSql(() -> store.suppressed(current.connection().get(), recipient))
                : db.read(em -> store.suppressed(em.unwrap(Connection.class), recipient));
        if (suppressed) {
            throw new MailRefusedException(
                    MailRefusedException.Reason.SUPPRESSED, "The recipient's address is on the suppression list");
        }
        return parts;
    }

    /** The rendered subject and the headers must be single lines: the transport could not send them otherwise. */
    private static void checkHeaders(OutboxStore.NewMail mail) {
        try {
            new OutgoingMail(
                    0,
                    mail.messageId(),
                    mail.kind(),
                    mail.type(),
                    mail.to(),
                    mail.subject(),
                    mail.text(),
                    mail.html(),
                    mail.headers(),
                    1);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MailRefusedException(
                    MailRefusedException.Reason.TEMPLATE_FAILED,
                    "The template of " + mail.type() + " made a message that cannot be sent: " + e.getMessage());
        }
    }

    private static String normalise(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }

    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    private static <T> T withSql(SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw new IllegalStateException("The outbox could not be written: " + e.getMessage(), e);
        }
    }
}
