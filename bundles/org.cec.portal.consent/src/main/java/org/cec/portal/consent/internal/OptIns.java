package org.cec.portal.consent.internal;

import jakarta.json.spi.JsonProvider;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.cec.portal.api.consent.OptInConfirmation;
import org.cec.portal.api.consent.OptOut;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.events.PortalEvents;
import org.cec.portal.api.web.CookieProtection;
import org.cec.portal.consent.internal.jpa.OptInRequestEntity;
import org.cec.portal.consent.internal.jpa.OptOutEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Opting back in after an opt-out, confirmed from the address: a request is stored as pending and
 * announced with {@value #REQUESTED} (its id, kind and language; never the address, which the mailer
 * reads through {@code ConsentService.optInConfirmation}); the signed link {@value #PATH}{@code <token>}
 * confirms it within {@link #VALID}, which withdraws the opt-out and appends {@value #OPTED_IN}. Until
 * then the opt-out stays in effect. Asking again while a request is pending sends the link again at
 * most once an {@link #RESEND_AFTER hour}, so the form cannot be used to flood an address.
 */
@Component(service = OptIns.class)
public final class OptIns {

    /** Found once: looking the JSON-P provider up (Json.create...) searches the bundles on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    static final String REQUESTED = "consent.opt-in-requested";
    static final String OPTED_IN = "consent.opted-in";
    static final String PATH = "/privacy/opt-in/confirm/";
    static final Duration VALID = Duration.ofDays(7);
    static final Duration RESEND_AFTER = Duration.ofHours(1);

    /** Signed values of this module's other uses can never pass for a confirmation token. */
    private static final String PURPOSE = "optin-";

    private final ModuleDatabase db;
    private final PortalEvents events;
    private final CookieProtection protection;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Activate
    public OptIns(
            @Reference(target = "(" + ModuleDatabase.MODULE_PROPERTY + "=" + ConsentRecords.MODULE + ")")
                    ModuleDatabase db,
            @Reference PortalEvents events,
            @Reference CookieProtection protection) {
        this(db, events, protection, Clock.systemUTC());
    }

    OptIns(ModuleDatabase db, PortalEvents events, CookieProtection protection, Clock clock) {
        this.db = db;
        this.events = events;
        this.protection = protection;
        this.clock = clock;
    }

    /**
     * Asks to opt {@code email} back into {@code what}, in {@code language}. Does nothing when the person
     * has not opted out, or when the link was sent less than an hour ago.
     *
     * @return whether a confirmation link is on its way
     */
    public boolean request(String email, OptOut what, Locale language) {
        Emails.requireNormalised(email);
        String tag = language.getLanguage();
        OffsetDateTime now = now();
        return db.inTransaction(em -> {
            if (optOutsOf(em, email, what.id()).isEmpty()) {
                return false;
            }
            Optional<OptInRequestEntity> pending = em.createQuery(
                            "SELECT r FROM OptInRequestEntity r WHERE r.email = :email AND r.kind = :kind"
                                    + " AND r.status = :status",
                            OptInRequestEntity.class)
                    .setParameter("email", email)
                    .setParameter("kind", what.id())
                    .setParameter("status", OptInRequestEntity.PENDING)
                    .getResultStream()
                    .findFirst();
            OptInRequestEntity r;
            if (pending.isPresent()) {
                r = pending.get();
                if (r.requestedAt().plus(RESEND_AFTER).isAfter(now)) {
                    return false;
                }
                r.renew(now, tag);
            } else {
                r = new OptInRequestEntity(newId(), email, what.id(), now, tag);
                em.persist(r);
            }
            em.flush();
            events.append(
                    REQUESTED,
                    JSON.createObjectBuilder()
                            .add("optInRequest", r.id())
                            .add("kind", what.id())
                            .add("language", tag)
                            .build()
                            .toString());
            return true;
        });
    }

    /** What the mailer needs to send the confirmation of a pending, unexpired request. */
    public Optional<OptInConfirmation> confirmation(String requestId) {
        return pending(requestId)
                .map(r -> new OptInConfirmation(
                        r.email(), kindOf(r), r.language(), PATH + protection.sign(PURPOSE + r.id())));
    }

    /** The pending, unexpired request a token names (empty for a forged, altered or stale one). */
    public Optional<OptInRequestEntity> pendingByToken(String token) {
        return idOf(token).flatMap(this::pending);
    }

    /**
     * Confirms the request the token names: withdraws the opt-out and appends {@value #OPTED_IN}.
     *
     * @return the kind opted back into, or empty when the token names no pending request
     */
    public Optional<OptOut> confirm(String token) {
        Optional<String> id = idOf(token);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        OffsetDateTime now = now();
        return db.inTransaction(em -> {
            OptInRequestEntity r = em.find(OptInRequestEntity.class, id.get());
            if (r == null || !isPending(r, now)) {
                return Optional.<OptOut>empty();
            }
            for (OptOutEntity o : optOutsOf(em, r.email(), r.kind())) {
                em.remove(o);
            }
            r.confirm(now);
            em.flush();
            events.append(
                    OPTED_IN,
                    JSON.createObjectBuilder()
                            .add("optInRequest", r.id())
                            .add("kind", r.kind())
                            .build()
                            .toString());
            return Optional.of(kindOf(r));
        });
    }

    private Optional<OptInRequestEntity> pending(String requestId) {
        if (requestId == null || !requestId.matches("[A-Za-z0-9_-]{1,32}")) {
            return Optional.empty();
        }
        OffsetDateTime now = now();
        return db.read(em -> Optional.ofNullable(em.find(OptInRequestEntity.class, requestId)))
                .filter(r -> isPending(r, now));
    }

    private static boolean isPending(OptInRequestEntity r, OffsetDateTime now) {
        return OptInRequestEntity.PENDING.equals(r.status())
                && r.requestedAt().plus(VALID).isAfter(now);
    }

    private Optional<String> idOf(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        return protection.verify(token).filter(v -> v.startsWith(PURPOSE)).map(v -> v.substring(PURPOSE.length()));
    }

    private static OptOut kindOf(OptInRequestEntity r) {
        for (OptOut k : OptOut.values()) {
            if (k.id().equals(r.kind())) {
                return k;
            }
        }
        throw new IllegalStateException("unknown opt-out kind " + r.kind());
    }

    private static java.util.List<OptOutEntity> optOutsOf(EntityManager em, String email, String kind) {
        return em.createQuery(
                        "SELECT o FROM OptOutEntity o WHERE o.email = :email AND o.kind = :kind", OptOutEntity.class)
                .setParameter("email", email)
                .setParameter("kind", kind)
                .getResultList();
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
