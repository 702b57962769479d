package org.cec.portal.intake.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cec.portal.api.audit.AuditEntry;
import org.cec.portal.api.audit.AuditLog;
import org.cec.portal.api.audit.AuditQuery;
import org.cec.portal.api.audit.RecordedEntry;
import org.cec.portal.api.staff.StaffMember;

/**
 * The audit log for intake's unit tests: keeps the entries in memory. The admin bundle's log itself
 * (the hash chain in the database) is tested there and against the running distribution.
 */
final class TestAudit implements AuditLog, AuditQuery {

    private final List<RecordedEntry> entries = new CopyOnWriteArrayList<>();

    /** A staff member {@code name} at 192.0.2.1. */
    static StaffMember staff(String name) {
        return new StaffMember(name, Set.of("staff"), "192.0.2.1");
    }

    RequestAudit requestAudit() {
        return new RequestAudit(this, this);
    }

    @Override
    public void record(AuditEntry entry) {
        entries.add(new RecordedEntry(entries.size() + 1, Instant.now(), entry));
    }

    @Override
    public List<RecordedEntry> about(String module, String record, int max) {
        List<RecordedEntry> out = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0 && out.size() < max; i--) {
            AuditEntry e = entries.get(i).entry();
            if (e.module().equals(module) && e.record().equals(record)) {
                out.add(entries.get(i));
            }
        }
        return out;
    }

    /** The entry recorded last. */
    AuditEntry last() {
        return entries.get(entries.size() - 1).entry();
    }

    /** Every entry, in the order recorded. */
    List<AuditEntry> all() {
        return entries.stream().map(RecordedEntry::entry).toList();
    }

    int size() {
        return entries.size();
    }
}
