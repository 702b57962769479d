package org.cec.portal.intake.internal;

import java.util.List;
import org.cec.portal.api.audit.AuditEntry;
import org.cec.portal.api.audit.AuditLog;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.intake.internal.jpa.AuditEntity;
import org.cec.portal.intake.internal.jpa.RequestEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Moves the audit rows intake kept in its own table {@code intake_audit} (before the portal had one
 * {@link AuditLog}) into the audit log, once: each row becomes an entry, with its original time in the
 * detail, and leaves the table in the same transaction, so a row is moved exactly once even if the
 * portal stops half way.
 */
@Component(service = LegacyAuditMove.class, immediate = true)
public final class LegacyAuditMove {

    private static final int BATCH = 200;

    @Activate
    public LegacyAuditMove(@Reference(target = "(cec.module=intake)") ModuleDatabase db, @Reference AuditLog log) {
        int moved;
        do {
            moved = db.inTransaction(em -> {
                List<AuditEntity> rows = em.createQuery("SELECT a FROM AuditEntity a ORDER BY a.id", AuditEntity.class)
                        .setMaxResults(BATCH)
                        .getResultList();
                for (AuditEntity a : rows) {
                    String record = "";
                    if (a.requestId() != null) {
                        RequestEntity r = em.find(RequestEntity.class, a.requestId());
                        record = r == null ? "(gone)" : r.reference();
                    }
                    log.record(new AuditEntry(
                            a.staff(),
                            "",
                            RequestAudit.MODULE,
                            action(a.action()),
                            record,
                            a.detail() + " (at " + a.happenedAt() + ", moved from intake_audit)"));
                    em.remove(a);
                }
                return rows.size();
            });
        } while (moved == BATCH);
    }

    /** The old table's action words as the audit log's. */
    static String action(String old) {
        return switch (old) {
            case "list", "view" -> AuditEntry.VIEW;
            case "export" -> AuditEntry.EXPORT;
            case "status" -> AuditEntry.CHANGE;
            default -> old;
        };
    }
}
