/**
 * The portal's durable event log: modules append domain events in the transaction of the change
 * that caused them, and consumers receive them in commit order, at least once, from their stored
 * position, even when they were stopped or installed later.
 *
 * <p>Consumers must therefore be idempotent: remember the ids of handled events (in the same
 * transaction as the effect) and ignore a repeated one.
 */
@Version("1.0.0")
package org.cec.portal.api.events;

import org.osgi.annotation.versioning.Version;
