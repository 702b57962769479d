package org.cec.portal.api.limit;

import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/** One rate limit, per key. Thread-safe. */
@ProviderType
public interface RateLimit {

    /**
     * Counts one attempt of {@code key} when it is allowed now, and returns {@link Duration#ZERO};
     * otherwise counts nothing and returns how long the key must wait (for {@code Retry-After}).
     */
    Duration acquire(String key);

    /** How long {@code key} must wait before its next attempt, without counting one; zero when it may try now. */
    Duration waitTime(String key);

    /** Forgets everything about {@code key}. */
    void reset(String key);
}
