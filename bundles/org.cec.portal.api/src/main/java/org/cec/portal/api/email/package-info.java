/**
 * Email: messages queued in a durable outbox and sent by a swappable transport.
 * <ul>
 *   <li>{@link org.cec.portal.api.email.Mailer}: queue a message. Its {@link
 *       org.cec.portal.api.email.MessageKind kind} is part of the message: a {@code RELATIONSHIP}
 *       message (a confirmation, a lead, a service notice, a privacy-request link) is always allowed; a
 *       {@code COMMERCIAL} one (a newsletter, a promotion) cannot be queued for anyone who opted out
 *       of marketing email or whose address is suppressed, and always goes out with an unsubscribe
 *       link, the {@code List-Unsubscribe} headers and the operator's postal address.
 *   <li>{@link org.cec.portal.api.email.MailTransport}: how mail leaves the portal (SMTP is built in;
 *       a partner may register its own). Messages queued while no transport is registered wait and go
 *       out when one appears.
 *   <li>{@link org.cec.portal.api.email.MailTemplates}: a partner bundle may replace the text of any
 *       message type, per language.
 * </ul>
 * <p>Events the email module appends to the event log: {@code email.sent} (a message left through a
 * transport), {@code email.failed} (a message was given up after its retries), {@code
 * email.unsubscribed} (a recipient followed an unsubscribe link), {@code email.bounced}.
 */
@Version("1.0.0")
package org.cec.portal.api.email;

import org.osgi.annotation.versioning.Version;
