package org.cec.portal.api.email;

/**
 * A message in the outbox.
 *
 * @param id the outbox id
 * @param messageId the message's {@code Message-ID} header (without angle brackets); it stays the same
 *     across retries, so a receiving server can recognise a repeated delivery
 * @param alreadyQueued whether a message with the same idempotency key had been queued before (then
 *     this is that message, and nothing new was queued)
 */
public record QueuedMail(long id, String messageId, boolean alreadyQueued) {}
