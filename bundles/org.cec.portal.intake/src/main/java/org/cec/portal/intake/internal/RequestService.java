package org.cec.portal.intake.internal;

import jakarta.json.JsonArrayBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.events.PortalEvents;
import org.cec.portal.intake.internal.jpa.AuditEntity;
import org.cec.portal.intake.internal.jpa.RequestAnswerEntity;
import org.cec.portal.intake.internal.jpa.RequestEntity;
import org.cec.portal.intake.internal.jpa.RequestServiceEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Stores requests and answers the staff's questions about them. Every method is one transaction;
 * storing a request appends its {@code intake.submitted} event in the same transaction, and every
 * read of a request's personal data for staff writes an audit row in the same transaction.
 */
@Component(service = RequestService.class)
public final class RequestService {

    static final String SUBMITTED = "intake.submitted";
    static final Set<String> STATUSES = Set.of("new", "contacted", "in-progress", "closed", "spam");
    static final List<String> STATUS_ORDER = List.of("new", "contacted", "in-progress", "closed", "spam");

    private final ModuleDatabase db;
    private final PortalEvents events;
    private final References references;
    private final Clock clock;

    @Activate
    public RequestService(
            @Reference(target = "(cec.module=intake)") ModuleDatabase db, @Reference PortalEvents events) {
        this(db, events, new References(new SecureRandom()), Clock.systemUTC());
    }

    RequestService(ModuleDatabase db, PortalEvents events, References references, Clock clock) {
        this.db = db;
        this.events = events;
        this.references = references;
        this.clock = clock;
    }

    /** Stores a valid request and its {@code intake.submitted} event; returns its reference. */
    public String submit(Validator.ValidRequest r, String source) {
        return submit(r, source, "");
    }

    /**
     * Stores a valid request and its event; the draft of {@code draftToken} (a resumed draft; may be
     * empty) is deleted in the same transaction. Returns the reference.
     */
    public String submit(Validator.ValidRequest r, String source, String draftToken) {
        String reference = references.next();
        OffsetDateTime now = OffsetDateTime.now(clock);
        String payload = submittedPayload(reference, r, source);
        // Group commit: concurrent submissions share one commit; this returns once ours is stored.
        db.inGroupCommit(em -> {
            SubmissionSql.insert(em.unwrap(java.sql.Connection.class), reference, source, now, r);
            events.append(SUBMITTED, payload);
            DraftStore.deleteIn(em, draftToken);
            return null;
        });
        return reference;
    }

    /**
     * The event's payload: what a confirmation email needs (reference, address, name to greet,
     * preferred contact method, the services by id and label), nothing more: no phone, no address, no
     * city or ZIP, no answers to partner questions.
     */
    static String submittedPayload(String reference, Validator.ValidRequest r, String source) {
        JsonArrayBuilder services = JsonBodies.array();
        for (Catalog.ServiceInfo s : r.services()) {
            services.add(JsonBodies.object().add("id", s.id()).add("label", s.label()));
        }
        return JsonBodies.object()
                .add("reference", reference)
                .add("email", r.email())
                .add("name", r.name())
                .add("contactMethod", r.contactMethod())
                .add("source", source)
                .add("services", services)
                .build()
                .toString();
    }

    // ---- staff -------------------------------------------------------------------------------------

    /** What the console's list shows of one request. */
    public record Row(
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
            List<String> services) {}

    /** One request with its answers, for the console's detail view. */
    public record Detail(Row row, List<RequestAnswerEntity> answers) {}

    /** A page of the list. */
    public record Page(List<Row> rows, long total, int page, int size) {}

    /** Filters of the console's list; null means no filter. */
    public record Filter(LocalDate from, LocalDate to, String zip, String service, String status) {}

    /** An audit row. */
    public record AuditRow(OffsetDateTime at, String staff, String action, String reference, String detail) {}

    /** A page of requests, newest first; records who read it (they see names and contact data). */
    public Page list(Filter f, int page, int size, String staff) {
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
            List<Row> rows = rows(em, found);
            if (!rows.isEmpty()) {
                StringJoiner refs = new StringJoiner(" ");
                rows.forEach(r -> refs.add(r.reference()));
                em.persist(new AuditEntity(now(), staff, "list", null, limit("page " + page + ": " + refs, 500)));
            }
            return new Page(rows, total, page, size);
        });
    }

    /** One request with its answers; records who read it. */
    public Optional<Detail> detail(String reference, String staff) {
        return db.inTransaction(em -> {
            Optional<RequestEntity> found = byReference(em, reference);
            if (found.isEmpty()) {
                return Optional.<Detail>empty();
            }
            RequestEntity e = found.get();
            em.persist(new AuditEntity(now(), staff, "view", e.id(), "detail"));
            List<RequestAnswerEntity> answers = em.createQuery(
                            "SELECT a FROM RequestAnswerEntity a WHERE a.requestId = :id ORDER BY a.ordinal",
                            RequestAnswerEntity.class)
                    .setParameter("id", e.id())
                    .getResultList();
            return Optional.of(new Detail(rows(em, List.of(e)).get(0), answers));
        });
    }

    /** Changes the status of a request; false when there is no such request. */
    public boolean changeStatus(String reference, String status, String staff) {
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("unknown status");
        }
        return db.inTransaction(em -> {
            Optional<RequestEntity> found = byReference(em, reference);
            if (found.isEmpty()) {
                return false;
            }
            String before = found.get().status();
            found.get().changeStatus(status, now());
            em.persist(new AuditEntity(now(), staff, "status", found.get().id(), before + " -> " + status));
            return true;
        });
    }

    /** Every request matching {@code f}, oldest first, for the CSV export; records the export. */
    public List<Row> export(Filter f, String staff) {
        return db.inTransaction(em -> {
            List<RequestEntity> found = query(
                            em, f, "SELECT r FROM RequestEntity r", RequestEntity.class, " ORDER BY r.createdAt, r.id")
                    .getResultList();
            List<Row> rows = rows(em, found);
            em.persist(new AuditEntity(
                    now(),
                    staff,
                    "export",
                    null,
                    limit("CSV export of " + rows.size() + " request(s); filter " + f, 500)));
            return rows;
        });
    }

    /** The latest audit rows, newest first. */
    public List<AuditRow> audit(int max) {
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

    /** How many requests are stored (all of them, any status). */
    public long count() {
        return db.read(em -> em.createQuery("SELECT COUNT(r) FROM RequestEntity r", Long.class)
                .getSingleResult());
    }

    // ---- personal data -------------------------------------------------------------------------------

    /** Every request of this normalised email address, with services and answers. */
    public List<Detail> byEmail(String normalisedEmail) {
        return db.read(em -> {
            List<RequestEntity> found = em.createQuery(
                            "SELECT r FROM RequestEntity r WHERE r.email = :email ORDER BY r.createdAt",
                            RequestEntity.class)
                    .setParameter("email", normalisedEmail)
                    .getResultList();
            List<Row> rows = rows(em, found);
            List<Detail> out = new ArrayList<>();
            for (int k = 0; k < found.size(); k++) {
                out.add(new Detail(
                        rows.get(k),
                        em.createQuery(
                                        "SELECT a FROM RequestAnswerEntity a WHERE a.requestId = :id ORDER BY a.ordinal",
                                        RequestAnswerEntity.class)
                                .setParameter("id", found.get(k).id())
                                .getResultList()));
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

    // ---- helpers -------------------------------------------------------------------------------------

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
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

    private static List<Row> rows(EntityManager em, List<RequestEntity> found) {
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
                    List.copyOf(services.getOrDefault(e.id(), List.of()))));
        }
        return rows;
    }

    private static String limit(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
