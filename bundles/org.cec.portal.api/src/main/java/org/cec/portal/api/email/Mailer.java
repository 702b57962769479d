package org.cec.portal.api.email;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Queues messages in the email module's durable outbox; a sender takes them from there, with retries
 * and backoff, through the {@link MailTransport} that is registered.
 *
 * <p>When called inside {@code ModuleDatabase.inTransaction} of the caller's module, the message is
 * queued in that transaction: it is sent exactly when the caller's change is committed, and never if
 * it rolls back. Called outside a transaction, the message is stored before this method returns.
 */
@ProviderType
public interface Mailer {

    /**
     * Renders and queues a message.
     *
     * @return the queued message (or, for a repeated idempotency key, the one queued before)
     * @throws MailRefusedException for a commercial message to a person who opted out of marketing
     *     email or whose address is suppressed, for a type no template renders, or when the template
     *     fails
     * @throws IllegalArgumentException for a value that cannot be in a message (see {@link MailAddress})
     * @throws IllegalStateException for a commercial message while the portal cannot send one to anybody
     *     (no postal address configured, the consent module or the unsubscribe links not running): not
     *     a refusal of this recipient, so a caller keeps the message to try again later
     */
    QueuedMail queue(MailMessage message);

    /**
     * Whether a commercial message to this address would be accepted now (no opt-out, not
     * suppressed). A campaign asks before rendering; {@link #queue} checks again.
     */
    boolean mayReceiveCommercial(String normalisedEmail);
}
