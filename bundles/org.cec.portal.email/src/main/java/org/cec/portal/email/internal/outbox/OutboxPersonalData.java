package org.cec.portal.email.internal.outbox;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.privacy.PersonalDataProvider;
import org.cec.portal.api.privacy.PersonalRecord;
import org.cec.portal.email.internal.bounces.BounceStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Area {@code email}: the messages sent to a person, or about them (a lead holds the homeowner's
 * data). Export lists each one; erasure removes their content and address (messages not sent yet are
 * cancelled) and keeps only the type and the {@code Message-ID}. The address's count of hard bounces
 * (not yet, or already, on the suppression list) is exported and erased too.
 */
@Component(service = PersonalDataProvider.class)
public final class OutboxPersonalData implements PersonalDataProvider {

    private final ModuleDatabase db;
    private final OutboxStore store = new OutboxStore();

    @Activate
    public OutboxPersonalData(@Reference(target = "(" + ModuleDatabase.MODULE_PROPERTY + "=email)") ModuleDatabase db) {
        this.db = db;
    }

    @Override
    public String area() {
        return "email";
    }

    @Override
    public List<PersonalRecord> export(String normalisedEmail) {
        String address = normalisedEmail.strip().toLowerCase(Locale.ROOT);
        List<OutboxStore.Stored> stored = db.read(em -> store.forPerson(em.unwrap(Connection.class), address));
        List<PersonalRecord> records = new ArrayList<>(stored.size());
        for (OutboxStore.Stored s : stored) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("Message", s.type());
            fields.put("To", s.recipient());
            fields.put("Subject", s.subject());
            fields.put("Status", s.status());
            if (s.sentAt() != null) {
                fields.put("Sent", OutboxStore.instant(s.sentAt()).toString());
            }
            fields.put("Message-ID", s.messageId());
            records.add(new PersonalRecord("email.message", OutboxStore.instant(s.createdAt()), fields));
        }
        db.read(em -> BounceStore.find(em.unwrap(Connection.class), address))
                .ifPresent(b -> records.add(new PersonalRecord(
                        "email.bounces",
                        OutboxStore.instant(b.firstAt()),
                        Map.of(
                                "Hard bounces",
                                Integer.toString(b.hardBounces()),
                                "Last bounce",
                                OutboxStore.instant(b.lastAt()).toString()))));
        return records;
    }

    @Override
    public int erase(String normalisedEmail) {
        String address = normalisedEmail.strip().toLowerCase(Locale.ROOT);
        return db.inTransaction(em -> {
            Connection c = em.unwrap(Connection.class);
            return store.erase(c, address) + BounceStore.erase(c, address);
        });
    }
}
