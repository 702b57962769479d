package org.cec.portal.privacy.internal.pages;

import java.time.Duration;
import org.cec.portal.api.limit.RateLimit;
import org.cec.portal.api.limit.RateLimits;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The abuse limits of the privacy pages (PID {@value #PID}): how often one client and one address may
 * ask for a link, and how many invalid links one client may try. A client over a limit gets the
 * portal's readable 429 page with {@code Retry-After}.
 */
@Component(service = PrivacyLimits.class, configurationPid = PrivacyLimits.PID)
@Designate(ocd = PrivacyLimits.Config.class)
public final class PrivacyLimits {

    /** The configuration PID (console: "CEC Portal: privacy requests"). */
    public static final String PID = "org.cec.portal.privacy";

    @ObjectClassDefinition(
            name = "CEC Portal: privacy requests",
            description = "Abuse limits of /privacy/my-data, where a person asks for the link to their data.")
    public @interface Config {
        @AttributeDefinition(
                name = "Links per client and hour",
                description = "How many links one client (IP address) may ask for in an hour.")
        int links_perClientPerHour() default 10;

        @AttributeDefinition(
                name = "Links per address and day",
                description = "How many links may be asked for one email address in a day, by anyone.")
        int links_perAddressPerDay() default 3;

        @AttributeDefinition(
                name = "Invalid links per client",
                description = "How many invalid (altered, cut off, forged) links one client may try in ten minutes;"
                        + " after that its requests wait.")
        int links_invalidPerClient() default 20;
    }

    private final RateLimit perClient;
    private final RateLimit perAddress;
    private final RateLimit invalid;

    @Activate
    public PrivacyLimits(Config config, @Reference RateLimits limits) {
        if (config.links_perClientPerHour() < 1
                || config.links_perAddressPerDay() < 1
                || config.links_invalidPerClient() < 1) {
            throw new IllegalArgumentException(
                    "links.perClientPerHour, links.perAddressPerDay and links.invalidPerClient must be positive");
        }
        this.perClient = limits.perWindow("privacy.links.client", config.links_perClientPerHour(), Duration.ofHours(1));
        this.perAddress =
                limits.perWindow("privacy.links.address", config.links_perAddressPerDay(), Duration.ofDays(1));
        this.invalid =
                limits.perWindow("privacy.links.invalid", config.links_invalidPerClient(), Duration.ofMinutes(10));
    }

    /** Zero when the client may ask for a link now (counted), otherwise how long it must wait. */
    Duration askingClient(String client) {
        return perClient.acquire(client);
    }

    /** Zero when a link may be sent to the address now (counted), otherwise how long it must wait. */
    Duration askingFor(String normalisedEmail) {
        return perAddress.acquire(normalisedEmail);
    }

    /** How long a client that tried too many invalid links must wait; zero when it may go on. */
    Duration invalidWait(String client) {
        return invalid.waitTime(client);
    }

    /** Counts an invalid link of the client. */
    void invalidLink(String client) {
        invalid.acquire(client);
    }

    /** The value of a {@code Retry-After} header for {@code wait}: whole seconds, at least one. */
    static String retryAfter(Duration wait) {
        return Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000));
    }
}
