package org.cec.portal.intake.internal;

import java.util.ArrayList;
import java.util.List;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.intake.internal.RequestRows.Detail;
import org.cec.portal.intake.internal.RequestRows.Row;
import org.cec.portal.intake.internal.jpa.RequestEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The stored requests of one person, by normalised email address, for access and erasure requests
 * ({@link IntakePersonalData}): read them all with services and answers, or delete them all.
 */
@Component(service = RequestPersonalData.class)
public final class RequestPersonalData {

    private final ModuleDatabase db;

    @Activate
    public RequestPersonalData(@Reference(target = "(cec.module=intake)") ModuleDatabase db) {
        this.db = db;
    }

    /** Every request of this normalised email address, with services and answers. */
    public List<Detail> byEmail(String normalisedEmail) {
        return db.read(em -> {
            List<RequestEntity> found = em.createQuery(
                            "SELECT r FROM RequestEntity r WHERE r.email = :email ORDER BY r.createdAt",
                            RequestEntity.class)
                    .setParameter("email", normalisedEmail)
                    .getResultList();
            List<Row> rows = RequestRows.of(em, found);
            List<Detail> out = new ArrayList<>();
            for (int k = 0; k < found.size(); k++) {
                out.add(new Detail(
                        rows.get(k), RequestRows.answers(em, found.get(k).id())));
            }
            return out;
        });
    }

    /** Deletes the requests (with services and answers) of this normalised email address. */
    public int erase(String normalisedEmail) {
        return db.inTransaction(em -> {
            List<RequestEntity> found = em.createQuery(
                            "SELECT r FROM RequestEntity r WHERE r.email = :email", RequestEntity.class)
                    .setParameter("email", normalisedEmail)
                    .getResultList();
            for (RequestEntity r : found) {
                em.createQuery("DELETE FROM RequestAnswerEntity a WHERE a.requestId = :id")
                        .setParameter("id", r.id())
                        .executeUpdate();
                em.createQuery("DELETE FROM RequestServiceEntity s WHERE s.requestId = :id")
                        .setParameter("id", r.id())
                        .executeUpdate();
                em.remove(r);
            }
            return found.size();
        });
    }

    /**
     * The addresses whose every request was last changed (submitted, or its status changed by staff)
     * before {@code cutoff}, at most {@code limit}, oldest first.
     */
    public List<String> inactiveSince(java.time.Instant cutoff, int limit) {
        return db.read(em -> em.createQuery(
                        "SELECT r.email FROM RequestEntity r GROUP BY r.email HAVING MAX(r.updatedAt) < :cutoff"
                                + " ORDER BY MAX(r.updatedAt)",
                        String.class)
                .setParameter("cutoff", java.time.OffsetDateTime.ofInstant(cutoff, java.time.ZoneOffset.UTC))
                .setMaxResults(limit)
                .getResultList());
    }
}
