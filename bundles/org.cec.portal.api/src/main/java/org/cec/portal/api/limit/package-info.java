/**
 * Rate limits for the portal and partner plugins: per-key (a client address, an account) limits
 * kept in bounded memory, so that a flood of new keys can neither exhaust memory nor reset the limit
 * of a key that is over it. Get a {@link org.cec.portal.api.limit.RateLimits} service and create the
 * limits a component needs when it activates.
 *
 * <p>The client address of a request is {@code HttpServletRequest.getRemoteAddr()}: the web layer
 * resolves it once, from {@code X-Forwarded-For} only when the direct peer is a configured trusted
 * proxy.
 */
@Version("1.0.0")
package org.cec.portal.api.limit;

import org.osgi.annotation.versioning.Version;
