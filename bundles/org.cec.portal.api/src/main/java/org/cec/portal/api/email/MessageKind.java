package org.cec.portal.api.email;

/** What a message is for; it decides whether it may be sent and what it carries. */
public enum MessageKind {
    /**
     * A message the recipient needs because of something they did or have with the portal: a
     * confirmation, a lead to a contractor, a service notice, a privacy-request link. Always allowed,
     * never tracked, never carries marketing.
     */
    RELATIONSHIP,
    /**
     * A newsletter or promotion. Refused for anyone who opted out of marketing email or whose address
     * is suppressed (hard bounces); always carries a signed unsubscribe link, the {@code
     * List-Unsubscribe} and {@code List-Unsubscribe-Post} headers (RFC 8058) and the operator's postal
     * address; opens and clicks are tracked only when the recipient's consent covers it.
     */
    COMMERCIAL
}
