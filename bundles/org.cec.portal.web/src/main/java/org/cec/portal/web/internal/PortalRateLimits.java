package org.cec.portal.web.internal;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.ForkJoinPool;
import org.cec.portal.api.limit.RateLimit;
import org.cec.portal.api.limit.RateLimits;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The portal's {@link RateLimits}: every limit in bounded memory of this node (see {@link BoundedRateLimit}). */
@Component(service = RateLimits.class)
@Designate(ocd = PortalRateLimits.Config.class)
public final class PortalRateLimits implements RateLimits {

    @ObjectClassDefinition(
            name = "CEC Portal: rate limits",
            description = "Memory bound of the rate limits of intake, console sign-in and plugins.")
    public @interface Config {
        @AttributeDefinition(
                name = "Keys per limit",
                description =
                        "How many client addresses (or accounts) each limit tracks at most (1,000 to 10,000,000).")
        int max_keys() default 100_000;
    }

    private final long maxKeys;

    @Activate
    public PortalRateLimits(Config config) {
        if (config.max_keys() < 1000 || config.max_keys() > 10_000_000) {
            throw new IllegalArgumentException("max.keys must be 1000 to 10000000");
        }
        this.maxKeys = config.max_keys();
    }

    @Override
    public RateLimit perWindow(String name, int permits, Duration window) {
        return new BoundedRateLimit(
                BoundedRateLimit.perWindow(permits, window), maxKeys, Ticker.systemTicker(), ForkJoinPool.commonPool());
    }

    @Override
    public RateLimit growingDelay(String name, int freeAttempts, Duration firstDelay, Duration maxDelay) {
        return new BoundedRateLimit(
                BoundedRateLimit.growingDelay(freeAttempts, firstDelay, maxDelay),
                maxKeys,
                Ticker.systemTicker(),
                ForkJoinPool.commonPool());
    }
}
