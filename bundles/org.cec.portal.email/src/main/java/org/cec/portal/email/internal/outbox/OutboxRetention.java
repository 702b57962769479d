package org.cec.portal.email.internal.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.privacy.RetentionProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The email module's part in retention (area {@code email}): the content of messages that are done with
 * (sent, failed, cancelled, bounced) and were queued before the configured age is emptied: subject,
 * bodies, headers and the recipient's name. What stays is that a message of a type went to an address
 * at a time (until the person's erasure), which the bounce and suppression logic and the console need.
 */
@Component
public final class OutboxRetention implements RetentionProvider {

    private final ModuleDatabase db;

    @Activate
    public OutboxRetention(@Reference(target = "(" + ModuleDatabase.MODULE_PROPERTY + "=email)") ModuleDatabase db) {
        this.db = db;
    }

    @Override
    public String area() {
        return "email";
    }

    @Override
    public int expire(Instant cutoff) {
        return db.inTransaction(em -> {
            try (PreparedStatement update = em.unwrap(Connection.class)
                    .prepareStatement("UPDATE email_outbox SET subject = '', body_text = '', body_html = NULL,"
                            + " headers = '', recipient_name = '' WHERE status IN ('sent', 'failed', 'cancelled',"
                            + " 'bounced') AND created_at < ? AND (body_text <> '' OR subject <> '')")) {
                update.setLong(1, cutoff.toEpochMilli());
                return update.executeUpdate();
            }
        });
    }
}
