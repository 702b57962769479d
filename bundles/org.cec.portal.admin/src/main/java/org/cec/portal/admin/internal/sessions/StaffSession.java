package org.cec.portal.admin.internal.sessions;

import java.time.OffsetDateTime;

/**
 * A console session as stored: whose, at which stage, since when.
 *
 * @param id the session id (the cookie's signed value), not stored itself
 * @param pendingSecret a second factor being enrolled (sealed), or null
 */
public record StaffSession(
        String id,
        String username,
        Stage stage,
        OffsetDateTime createdAt,
        OffsetDateTime seenAt,
        String pendingSecret) {}
