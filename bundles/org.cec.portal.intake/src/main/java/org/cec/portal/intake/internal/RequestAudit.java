package org.cec.portal.intake.internal;

import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.intake.internal.jpa.AuditEntity;
import org.cec.portal.intake.internal.jpa.RequestEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What staff did with the requests' personal data: {@link #record} writes an audit row in the
 * caller's transaction (so a read of personal data and its audit row are stored together), {@link
 * #latest} reads the rows back for the console. A row keeps the request's id only, no personal data.
 */
@Component(service = RequestAudit.class)
public final class RequestAudit {

    /** An audit row. */
    public record AuditRow(OffsetDateTime at, String staff, String action, String reference, String detail) {}

    private final ModuleDatabase db;
    private final Clock clock;

    @Activate
    public RequestAudit(@Reference(target = "(cec.module=intake)") ModuleDatabase db) {
        this(db, Clock.systemUTC());
    }

    RequestAudit(ModuleDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records in {@code em}'s transaction that {@code staff} did {@code action}. */
    void record(EntityManager em, String staff, String action, Long requestId, String detail) {
        em.persist(new AuditEntity(now(), staff, action, requestId, detail));
    }

    /** The latest audit rows, newest first. */
    public List<AuditRow> latest(int max) {
        return db.read(em -> {
            List<AuditEntity> found = em.createQuery(
                            "SELECT a FROM AuditEntity a ORDER BY a.happenedAt DESC, a.id DESC", AuditEntity.class)
                    .setMaxResults(max)
                    .getResultList();
            Map<Long, String> refs = new HashMap<>();
            List<AuditRow> out = new ArrayList<>();
            for (AuditEntity a : found) {
                String ref = "";
                if (a.requestId() != null) {
                    ref = refs.computeIfAbsent(a.requestId(), id -> {
                        RequestEntity r = em.find(RequestEntity.class, id);
                        return r == null ? "(gone)" : r.reference();
                    });
                }
                out.add(new AuditRow(a.happenedAt(), a.staff(), a.action(), ref, a.detail()));
            }
            return out;
        });
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
