package org.cec.portal.email.internal.bounces;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * PID {@value #PID} (console: "CEC Portal: email bounces"): the shared secret of the bounce webhook
 * {@code POST /email/bounces}, how many hard bounces put an address on the suppression list, and the
 * webhook's abuse limits. Read by {@link BounceWebhook} (which the metatype describes) and {@link
 * Bounces}.
 */
@ObjectClassDefinition(
        name = "CEC Portal: email bounces",
        description = "The bounce webhook POST /email/bounces, which the mail provider calls with the shared secret,"
                + " and when bounces put an address on the suppression list.")
public @interface BounceConfig {

    /** The configuration PID. */
    String PID = "org.cec.portal.email.bounces";

    /** The shortest secret accepted. */
    int MIN_SECRET_LENGTH = 16;

    @AttributeDefinition(
            name = "Shared secret",
            type = AttributeType.PASSWORD,
            description = "What the mail provider sends as 'Authorization: Bearer <secret>' or"
                    + " 'X-CEC-Bounce-Secret: <secret>' (at least 16 characters). While it is empty the webhook"
                    + " answers 503.")
    String secret() default "";

    @AttributeDefinition(
            name = "Hard bounces to suppress",
            description = "After this many hard bounces an address gets no more commercial mail (it is put on the"
                    + " suppression list). Relationship mail still goes.",
            min = "1")
    int hard_bounces_to_suppress() default 3;

    @AttributeDefinition(
            name = "Requests per client",
            description = "How many webhook requests one client (IP address) may make per window.")
    int rateLimit_requests() default 600;

    @AttributeDefinition(
            name = "Refused secrets per client",
            description = "How many requests with a missing or wrong secret one client may make per window; after"
                    + " that every request of the client waits.")
    int rateLimit_unauthorised() default 10;

    @AttributeDefinition(name = "Window (seconds)", description = "Length of the rate limit windows.")
    int rateLimit_windowSeconds() default 600;
}
