/**
 * The email module's implementation. The root holds its settings ({@link
 * org.cec.portal.email.internal.EmailSettings}) and the contracts between its parts: {@link
 * org.cec.portal.email.internal.MessageRenderer} (the templates), {@link
 * org.cec.portal.email.internal.HtmlFragments} (HTML the module adds itself, the open pixel) and {@link
 * org.cec.portal.email.internal.CommercialParts} (unsubscribe link, postal address and headers of
 * commercial mail). {@code .outbox} queues and sends, {@code .smtp} is the built-in transport, {@code
 * .templates} renders, {@code .consumers} turns events into messages, {@code .unsubscribe} opts out.
 */
package org.cec.portal.email.internal;
