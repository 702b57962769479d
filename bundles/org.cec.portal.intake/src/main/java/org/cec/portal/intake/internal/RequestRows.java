package org.cec.portal.intake.internal;

import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cec.portal.intake.internal.jpa.RequestAnswerEntity;
import org.cec.portal.intake.internal.jpa.RequestEntity;
import org.cec.portal.intake.internal.jpa.RequestServiceEntity;

/**
 * What staff and the person see of a stored request: the request with its services ({@link Row})
 * and with its answers ({@link Detail}), read in the caller's transaction. Shared by the console's
 * queries and the personal data store.
 */
final class RequestRows {

    /** What the console's list shows of one request. */
    record Row(
            String reference,
            OffsetDateTime createdAt,
            String status,
            String name,
            String email,
            String phone,
            String city,
            String zip,
            String address,
            String contactMethod,
            String source,
            List<String> services,
            String language) {}

    /** One request with its answers, for the console's detail view and the person's export. */
    record Detail(Row row, List<RequestAnswerEntity> answers) {}

    private RequestRows() {}

    /** The rows of these requests, in their order, each with its service labels. */
    static List<Row> of(EntityManager em, List<RequestEntity> found) {
        if (found.isEmpty()) {
            return List.of();
        }
        List<Long> ids = found.stream().map(RequestEntity::id).toList();
        Map<Long, List<String>> services = new HashMap<>();
        for (RequestServiceEntity s : em.createQuery(
                        "SELECT s FROM RequestServiceEntity s WHERE s.requestId IN :ids ORDER BY s.serviceLabel, s.id",
                        RequestServiceEntity.class)
                .setParameter("ids", ids)
                .getResultList()) {
            services.computeIfAbsent(s.requestId(), k -> new ArrayList<>()).add(s.serviceLabel());
        }
        List<Row> rows = new ArrayList<>();
        for (RequestEntity e : found) {
            rows.add(new Row(
                    e.reference(),
                    e.createdAt(),
                    e.status(),
                    e.name(),
                    e.email(),
                    e.phone(),
                    e.city(),
                    e.zip(),
                    e.address(),
                    e.contactMethod(),
                    e.source(),
                    List.copyOf(services.getOrDefault(e.id(), List.of())),
                    e.language()));
        }
        return rows;
    }

    /** The answers of one request, in the order of the form. */
    static List<RequestAnswerEntity> answers(EntityManager em, long requestId) {
        return em.createQuery(
                        "SELECT a FROM RequestAnswerEntity a WHERE a.requestId = :id ORDER BY a.ordinal",
                        RequestAnswerEntity.class)
                .setParameter("id", requestId)
                .getResultList();
    }
}
