package org.cec.portal.itests.killtest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Set;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.events.EventConsumer;
import org.cec.portal.api.events.PortalEvent;

/**
 * Consumes {@code killtest.tick} idempotently, the way the partner guide says: in one transaction of
 * the module's database, skip an event whose id is in {@code killtest_handled}, else apply the effect
 * (a row in {@code killtest_effect}) and store the id. A skipped redelivery is counted in {@code
 * killtest_redelivery}. The tables have no unique constraints on purpose: an effect applied twice
 * would show as a duplicate row instead of being masked by a constraint violation.
 */
public final class KillTestConsumer implements EventConsumer {

    static final String ID = "killtest.effects";
    static final String TYPE = "killtest.tick";

    private final ModuleDatabase db;

    KillTestConsumer(ModuleDatabase db) {
        this.db = db;
    }

    @Override
    public String consumerId() {
        return ID;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(TYPE);
    }

    @Override
    public void handle(PortalEvent event) throws InterruptedException {
        // Slower than the appender: the consumer falls behind, every batch is full (100 events, half a
        // second), and the dispatcher is nearly always in the middle of one when the portal is killed.
        Thread.sleep(5);
        db.inTransaction(em -> {
            Connection c = em.unwrap(Connection.class);
            try (PreparedStatement seen = c.prepareStatement("SELECT 1 FROM killtest_handled WHERE event_id = ?")) {
                seen.setLong(1, event.id());
                try (ResultSet rs = seen.executeQuery()) {
                    if (rs.next()) {
                        insert(c, "INSERT INTO killtest_redelivery (event_id) VALUES (?)", event.id());
                        return null;
                    }
                }
            }
            insert(c, "INSERT INTO killtest_effect (event_id) VALUES (?)", event.id());
            insert(c, "INSERT INTO killtest_handled (event_id) VALUES (?)", event.id());
            return null;
        });
    }

    private static void insert(Connection c, String sql, long id) throws java.sql.SQLException {
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            insert.setLong(1, id);
            insert.executeUpdate();
        }
    }
}
