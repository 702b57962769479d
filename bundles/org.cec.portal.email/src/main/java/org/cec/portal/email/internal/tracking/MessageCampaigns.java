package org.cec.portal.email.internal.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which campaign (newsletter) a message belongs to, from its outbox row: a campaign's messages have
 * the idempotency key {@code campaign:<id>:<address>}. Opens and clicks name the campaign in their
 * events so that analytics can count them per campaign without the address.
 */
final class MessageCampaigns {

    private static final String PREFIX = "campaign:";
    private static final int CHUNK = 100;

    private MessageCampaigns() {}

    /** The campaign id of each of {@code messageIds} that has one. */
    static Map<String, Long> of(Connection c, Collection<String> messageIds) throws SQLException {
        Map<String, Long> found = new HashMap<>();
        List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(messageIds));
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT message_id, idempotency_key FROM email_outbox WHERE message_id IN (" + marks + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 1, chunk.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        campaign(r.getString(2)).ifPresent(id -> {
                            try {
                                found.put(r.getString(1), id);
                            } catch (SQLException e) {
                                throw new IllegalStateException(e);
                            }
                        });
                    }
                }
            }
        }
        return found;
    }

    /** The campaign id in an idempotency key {@code campaign:<id>:...}, if it is one. */
    static Optional<Long> campaign(String idempotencyKey) {
        if (idempotencyKey == null || !idempotencyKey.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int end = idempotencyKey.indexOf(':', PREFIX.length());
        try {
            return Optional.of(
                    Long.parseLong(idempotencyKey.substring(PREFIX.length(), end < 0 ? idempotencyKey.length() : end)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
