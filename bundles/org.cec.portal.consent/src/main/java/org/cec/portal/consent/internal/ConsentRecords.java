package org.cec.portal.consent.internal;

import jakarta.json.spi.JsonProvider;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cec.portal.api.consent.OptOut;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.events.PortalEvents;
import org.cec.portal.consent.internal.jpa.OptInRequestEntity;
import org.cec.portal.consent.internal.jpa.OptOutEntity;
import org.cec.portal.consent.internal.jpa.PolicyVersionEntity;
import org.cec.portal.consent.internal.jpa.ReceiptEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The consent module's records: receipts, opt-outs, pending opt-ins and policy versions, in the
 * module's own tables. Every change runs in one transaction together with its event on the event log
 * ({@value #CHANGED}, {@value #OPT_OUT}).
 */
@Component(service = ConsentRecords.class)
public final class ConsentRecords {

    /** Found once: looking the JSON-P provider up (Json.create...) searches the bundles on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    public static final String MODULE = "consent";
    public static final String CHANGED = "consent.changed";
    public static final String OPT_OUT = "consent.opt-out";

    /** How a receipt's choice came about. */
    public static final String FROM_BANNER = "banner";

    public static final String FROM_PAGE = "choices-page";

    /** Receipts per day and choice, for the console. */
    public record DayCount(String day, String choice, long count) {}

    private final ModuleDatabase db;
    private final PortalEvents events;
    private final ConsentSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Activate
    public ConsentRecords(
            @Reference(target = "(" + ModuleDatabase.MODULE_PROPERTY + "=" + MODULE + ")") ModuleDatabase db,
            @Reference PortalEvents events,
            @Reference ConsentSettings settings) {
        this(db, events, settings, Clock.systemUTC());
    }

    ConsentRecords(ModuleDatabase db, PortalEvents events, ConsentSettings settings, Clock clock) {
        this.db = db;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Stores the receipt of a choice made now on a page in {@code language} (with the current policy
     * version and the hashes of the texts shown in that language) and appends {@value #CHANGED};
     * returns the choice for the visitor's cookie.
     */
    public Choice record(Selection selection, Signals signals, boolean signalHonoured, String source, Locale language) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String receiptId = newId();
        String version = settings.policyVersion();
        ConsentSettings.Texts texts = settings.texts(language);
        db.inTransaction(em -> {
            ensurePolicyVersion(em, texts, now);
            em.persist(new ReceiptEntity(
                    receiptId,
                    now.atOffset(ZoneOffset.UTC),
                    selection.choice(),
                    source,
                    selection.preferences(),
                    selection.analytics(),
                    selection.marketing(),
                    texts.tag(),
                    version,
                    texts.policyHash(),
                    texts.bannerHash(),
                    signals.dnt(),
                    signals.gpc()));
            events.append(
                    CHANGED,
                    JSON.createObjectBuilder()
                            .add("receipt", receiptId)
                            .add("choice", selection.choice())
                            .add("preferences", selection.preferences())
                            .add("analytics", selection.analytics())
                            .add("marketing", selection.marketing())
                            .add("policyVersion", version)
                            .add("language", texts.tag())
                            .add("dnt", signals.dnt())
                            .add("gpc", signals.gpc())
                            .build()
                            .toString());
            return null;
        });
        return new Choice(receiptId, version, selection, signalHonoured, now);
    }

    private void ensurePolicyVersion(EntityManager em, ConsentSettings.Texts texts, Instant now) {
        String id =
                PolicyVersionEntity.idOf(settings.policyVersion(), texts.tag(), texts.policyHash(), texts.bannerHash());
        if (em.find(PolicyVersionEntity.class, id) == null) {
            em.persist(new PolicyVersionEntity(
                    settings.policyVersion(),
                    texts.tag(),
                    texts.policyHash(),
                    texts.bannerHash(),
                    now.atOffset(ZoneOffset.UTC)));
        }
    }

    /** The receipt with this id. */
    public Optional<ReceiptEntity> receipt(String receiptId) {
        if (receiptId == null || !receiptId.matches("[A-Za-z0-9_-]{1,32}")) {
            return Optional.empty();
        }
        return db.read(em -> Optional.ofNullable(em.find(ReceiptEntity.class, receiptId)));
    }

    /** Number of receipts stored. */
    public long receiptCount() {
        return db.read(em -> em.createQuery("SELECT COUNT(r) FROM ReceiptEntity r", Long.class)
                .getSingleResult());
    }

    /**
     * Records an opt-out (idempotent) and appends {@value #OPT_OUT} when it is new. Committed before
     * this method returns.
     *
     * @return whether the opt-out is new
     */
    public boolean optOut(String email, OptOut what) {
        Emails.requireNormalised(email);
        try {
            return db.inTransaction(em -> {
                if (!optOutsOf(em, email, what).isEmpty()) {
                    return false;
                }
                String id = newId();
                em.persist(new OptOutEntity(id, email, what.id(), now()));
                em.flush();
                events.append(
                        OPT_OUT,
                        JSON.createObjectBuilder()
                                .add("optOut", id)
                                .add("kind", what.id())
                                .build()
                                .toString());
                return true;
            });
        } catch (RuntimeException concurrent) {
            // Two opt-outs of the same person at once: the unique key let one of them win.
            if (hasOptedOut(email, what)) {
                return false;
            }
            throw concurrent;
        }
    }

    /** Whether the person has opted out of {@code what}. */
    public boolean hasOptedOut(String email, OptOut what) {
        return db.read(em -> !optOutsOf(em, email, what).isEmpty());
    }

    private static List<OptOutEntity> optOutsOf(EntityManager em, String email, OptOut what) {
        return em.createQuery(
                        "SELECT o FROM OptOutEntity o WHERE o.email = :email AND o.kind = :kind", OptOutEntity.class)
                .setParameter("email", email)
                .setParameter("kind", what.id())
                .getResultList();
    }

    /** The latest opt-outs, newest first. */
    public List<OptOutEntity> latestOptOuts(int limit) {
        return db.read(
                em -> em.createQuery("SELECT o FROM OptOutEntity o ORDER BY o.createdAt DESC", OptOutEntity.class)
                        .setMaxResults(limit)
                        .getResultList());
    }

    /** The latest pending opt-in requests, newest first. */
    public List<OptInRequestEntity> pendingOptIns(int limit) {
        return db.read(em -> em.createQuery(
                        "SELECT r FROM OptInRequestEntity r WHERE r.status = :status ORDER BY r.requestedAt DESC",
                        OptInRequestEntity.class)
                .setParameter("status", OptInRequestEntity.PENDING)
                .setMaxResults(limit)
                .getResultList());
    }

    /** Every policy version with the date it was first used, newest first. */
    public List<PolicyVersionEntity> policyVersions() {
        return db.read(em -> em.createQuery(
                        "SELECT p FROM PolicyVersionEntity p ORDER BY p.firstUsedAt DESC", PolicyVersionEntity.class)
                .getResultList());
    }

    /** Receipts per UTC day and choice over the last {@code days} days, newest day first. */
    public List<DayCount> countsByDay(int days) {
        OffsetDateTime today = now().withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
        // One counting query per day (index range on created_at): the database counts, not this JVM,
        // and the SQL stays the same on H2 and PostgreSQL (no dialect-specific date functions).
        return db.read(em -> {
            List<DayCount> result = new ArrayList<>();
            for (int back = 0; back < days; back++) {
                OffsetDateTime from = today.minusDays(back);
                List<Object[]> rows = em.createQuery(
                                "SELECT r.choice, COUNT(r) FROM ReceiptEntity r"
                                        + " WHERE r.createdAt >= :from AND r.createdAt < :to"
                                        + " GROUP BY r.choice ORDER BY r.choice",
                                Object[].class)
                        .setParameter("from", from)
                        .setParameter("to", from.plusDays(1))
                        .getResultList();
                for (Object[] row : rows) {
                    result.add(new DayCount(
                            from.toLocalDate().toString(), row[0].toString(), ((Number) row[1]).longValue()));
                }
            }
            return result;
        });
    }

    /** The person's opt-outs. */
    public List<OptOutEntity> optOutsOf(String email) {
        return db.read(em -> em.createQuery(
                        "SELECT o FROM OptOutEntity o WHERE o.email = :email ORDER BY o.createdAt", OptOutEntity.class)
                .setParameter("email", email)
                .getResultList());
    }

    /** The person's opt-in requests. */
    public List<OptInRequestEntity> optInRequestsOf(String email) {
        return db.read(em -> em.createQuery(
                        "SELECT r FROM OptInRequestEntity r WHERE r.email = :email ORDER BY r.requestedAt",
                        OptInRequestEntity.class)
                .setParameter("email", email)
                .getResultList());
    }

    /** Deletes the person's opt-in requests; their opt-outs are kept (see the PersonalDataProvider). */
    public int eraseOptInRequests(String email) {
        return db.inTransaction(em -> em.createQuery("DELETE FROM OptInRequestEntity r WHERE r.email = :email")
                .setParameter("email", email)
                .executeUpdate());
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private String newId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
