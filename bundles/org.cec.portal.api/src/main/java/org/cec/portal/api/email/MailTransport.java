package org.cec.portal.api.email;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * How mail leaves the portal. Register one as an OSGi service; of several, the one with the highest
 * {@code service.ranking} is used. The email module's sender calls it from its own threads, one
 * message at a time per thread, after it has claimed the message in the outbox; when it returns
 * normally the message is marked sent. While no transport is registered, messages wait in the outbox.
 *
 * <p>The built-in transport speaks SMTP (configuration {@code org.cec.portal.email.smtp}); the example
 * {@code org.cec.portal.example.mailfile} writes {@code .eml} files. A transport can be replaced at
 * runtime: messages that were being handed to the old one when it went are sent again through the new
 * one, with the same {@code Message-ID}.
 */
@ConsumerType
public interface MailTransport {

    /** A short name for the console and the logs, such as {@code smtp mail.example.org:587}. */
    String describe();

    /**
     * Hands one message over for delivery. Returns when the message is accepted (for SMTP: the server
     * has accepted it).
     *
     * @throws MailTransportException when it could not be handed over; say whether trying again can help
     */
    void send(OutgoingMail mail) throws MailTransportException;
}
