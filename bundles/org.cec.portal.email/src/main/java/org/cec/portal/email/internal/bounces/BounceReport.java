package org.cec.portal.email.internal.bounces;

import java.util.Objects;
import java.util.Optional;

/**
 * One bounce as the mail provider reported it.
 *
 * @param recipient the normalised address that bounced (trimmed, lower case)
 * @param type whether the address is gone for good or the delivery failed for a while
 * @param messageId the {@code Message-ID} of the message that bounced, without angle brackets, if known
 * @param reason the provider's diagnostic (one line, at most {@value #MAX_REASON} characters), or empty
 */
public record BounceReport(String recipient, Type type, Optional<String> messageId, String reason) {

    /** The longest reason kept; a longer one is cut. */
    public static final int MAX_REASON = 200;

    /** The kinds of bounce. */
    public enum Type {
        /** Permanent (5xx, unknown user, domain gone): counts towards suppression. */
        HARD,
        /** Temporary (4xx, mailbox full): recorded, never suppresses. */
        SOFT
    }

    public BounceReport {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(reason, "reason");
    }
}
