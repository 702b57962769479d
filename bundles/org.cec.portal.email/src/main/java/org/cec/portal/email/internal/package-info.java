/**
 * The email module's implementation. The root holds its settings ({@link
 * org.cec.portal.email.internal.EmailSettings}) and the two contracts between its parts: {@link
 * org.cec.portal.email.internal.MessageRenderer} (the templates) and {@link
 * org.cec.portal.email.internal.CommercialParts} (unsubscribe link, postal address and headers of
 * commercial mail). {@code .outbox} queues and sends, {@code .smtp} is the built-in transport, {@code
 * .templates} renders, {@code .consumers} turns events into messages, {@code .unsubscribe} opts out.
 */
package org.cec.portal.email.internal;
