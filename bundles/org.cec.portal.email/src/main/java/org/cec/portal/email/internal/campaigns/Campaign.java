package org.cec.portal.email.internal.campaigns;

/**
 * A stored campaign: what staff wrote, who it is for, and how far sending got.
 *
 * @param status {@code draft}, {@code sending}, {@code done} or {@code cancelled}
 * @param audienceUntil the last audience member it reaches (fixed when sending starts)
 * @param cursor the last audience member looked at
 * @param refused recipients who could not receive it (opted out, suppressed)
 */
public record Campaign(
        long id,
        String subject,
        String body,
        String zipPrefix,
        String service,
        String status,
        long audienceUntil,
        long cursor,
        int refused,
        long createdAt,
        Long startedAt,
        Long finishedAt) {}
