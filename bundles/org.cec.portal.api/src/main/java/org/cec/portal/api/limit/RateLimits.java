package org.cec.portal.api.limit;

import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Creates rate limits. Each limit tracks at most a bounded number of keys in this node's memory
 * (a client spread over N nodes gets N times the limit: enough for abuse control); when that bound
 * is reached, keys seen once give way before keys that are over their limit.
 */
@ProviderType
public interface RateLimits {

    /**
     * At most {@code permits} attempts per key in each window of {@code window}, starting with a key's
     * first attempt.
     *
     * @param name what the limit is for, for logs and the console (such as {@code "intake.posts"})
     */
    RateLimit perWindow(String name, int permits, Duration window);

    /**
     * Growing delays: a key's first {@code freeAttempts} attempts are free; after that each attempt
     * must wait {@code firstDelay}, doubling with every further attempt up to {@code maxDelay}. A key
     * is forgotten once it has been quiet for twice {@code maxDelay}, or when it is {@link
     * RateLimit#reset reset} (after a successful sign-in, say).
     */
    RateLimit growingDelay(String name, int freeAttempts, Duration firstDelay, Duration maxDelay);
}
