package org.cec.portal.intake.internal;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.cec.portal.api.audit.AuditEntry;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.staff.StaffMember;
import org.cec.portal.intake.internal.RequestRows.Detail;
import org.cec.portal.intake.internal.RequestRows.Row;
import org.cec.portal.intake.internal.jpa.RequestAnswerEntity;
import org.cec.portal.intake.internal.jpa.RequestEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The staff's questions about requests, for the console page "Service requests": the filtered
 * list, a request's detail, the CSV export and the one change staff make (the status). Every method
 * is one transaction; every read of personal data writes its {@link RequestAudit} row in the same
 * transaction.
 */
@Component(service = RequestQueries.class)
public final class RequestQueries {

    static final Set<String> STATUSES = Set.of("new", "contacted", "in-progress", "closed", "spam");
    static final List<String> STATUS_ORDER = List.of("new", "contacted", "in-progress", "closed", "spam");

    /** A page of the list. */
    public record Page(List<Row> rows, long total, int page, int size) {}

    /** Filters of the console's list; null means no filter. */
    public record Filter(LocalDate from, LocalDate to, String zip, String service, String status) {}

    private final ModuleDatabase db;
    private final RequestAudit audit;
    private final Clock clock;

    @Activate
    public RequestQueries(@Reference(target = "(cec.module=intake)") ModuleDatabase db, @Reference RequestAudit audit) {
        this(db, audit, Clock.systemUTC());
    }

    RequestQueries(ModuleDatabase db, RequestAudit audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** A page of requests, newest first; records who read it (they see names and contact data). */
    public Page list(Filter f, int page, int size, StaffMember staff) {
        return db.inTransaction(em -> {
            long total = query(em, f, "SELECT COUNT(r) FROM RequestEntity r", Long.class)
                    .getSingleResult();
            TypedQuery<RequestEntity> q = query(
                    em,
                    f,
                    "SELECT r FROM RequestEntity r",
                    RequestEntity.class,
                    " ORDER BY r.createdAt DESC, r.id DESC");
            q.setFirstResult(Math.max(0, page) * size);
            q.setMaxResults(size);
            List<RequestEntity> found = q.getResultList();
            List<Row> rows = RequestRows.of(em, found);
            if (!rows.isEmpty()) {
                StringJoiner refs = new StringJoiner(" ");
                rows.forEach(r -> refs.add(r.reference()));
                audit.record(staff, AuditEntry.VIEW, "list page " + (page + 1), limit(refs.toString(), 500));
            }
            return new Page(rows, total, page, size);
        });
    }

    /** One request with its answers; records who read it. */
    public Optional<Detail> detail(String reference, StaffMember staff) {
        return db.inTransaction(em -> {
            Optional<RequestEntity> found = byReference(em, reference);
            if (found.isEmpty()) {
                return Optional.<Detail>empty();
            }
            RequestEntity e = found.get();
            audit.record(staff, AuditEntry.VIEW, e.reference(), "detail");
            List<RequestAnswerEntity> answers = RequestRows.answers(em, e.id());
            return Optional.of(new Detail(RequestRows.of(em, List.of(e)).get(0), answers));
        });
    }

    /** Changes the status of a request; false when there is no such request. */
    public boolean changeStatus(String reference, String status, StaffMember staff) {
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("unknown status");
        }
        return db.inTransaction(em -> {
            Optional<RequestEntity> found = byReference(em, reference);
            if (found.isEmpty()) {
                return false;
            }
            String before = found.get().status();
            found.get().changeStatus(status, OffsetDateTime.now(clock));
            audit.record(staff, AuditEntry.CHANGE, reference, "status " + before + " -> " + status);
            return true;
        });
    }

    /** Every request matching {@code f}, oldest first, for the CSV export; records the export. */
    public List<Row> export(Filter f, StaffMember staff) {
        return db.inTransaction(em -> {
            List<RequestEntity> found = query(
                            em, f, "SELECT r FROM RequestEntity r", RequestEntity.class, " ORDER BY r.createdAt, r.id")
                    .getResultList();
            List<Row> rows = RequestRows.of(em, found);
            audit.record(
                    staff,
                    AuditEntry.EXPORT,
                    limit("CSV of " + rows.size() + " request(s)", 200),
                    limit("filter " + f, 500));
            return rows;
        });
    }

    /** How many requests are stored (all of them, any status). */
    public long count() {
        return db.read(em -> em.createQuery("SELECT COUNT(r) FROM RequestEntity r", Long.class)
                .getSingleResult());
    }

    private static Optional<RequestEntity> byReference(EntityManager em, String reference) {
        if (!References.looksLikeReference(reference)) {
            return Optional.empty();
        }
        return em.createQuery("SELECT r FROM RequestEntity r WHERE r.reference = :ref", RequestEntity.class)
                .setParameter("ref", reference)
                .getResultStream()
                .findFirst();
    }

    private static <T> TypedQuery<T> query(EntityManager em, Filter f, String select, Class<T> type) {
        return query(em, f, select, type, "");
    }

    private static <T> TypedQuery<T> query(EntityManager em, Filter f, String select, Class<T> type, String order) {
        StringBuilder jpql = new StringBuilder(select).append(" WHERE 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (f.from() != null) {
            jpql.append(" AND r.createdAt >= :from");
            params.put("from", f.from().atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        if (f.to() != null) {
            jpql.append(" AND r.createdAt < :to");
            params.put("to", f.to().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        if (f.zip() != null) {
            jpql.append(" AND r.zip LIKE :zip");
            params.put("zip", f.zip() + "%");
        }
        if (f.status() != null) {
            jpql.append(" AND r.status = :status");
            params.put("status", f.status());
        }
        if (f.service() != null) {
            jpql.append(" AND EXISTS (SELECT s FROM RequestServiceEntity s WHERE s.requestId = r.id"
                    + " AND s.serviceId = :service)");
            params.put("service", f.service());
        }
        TypedQuery<T> q = em.createQuery(jpql + order, type);
        params.forEach(q::setParameter);
        return q;
    }

    private static String limit(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
