package org.cec.portal.intake.internal;

import jakarta.persistence.EntityManager;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.events.PortalEvents;
import org.cec.portal.intake.internal.jpa.DraftEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drafts: partly completed requests kept to finish later, either because the visitor asked for it
 * ("Email me a link to finish later", {@value #ASKED}) or, with their preferences consent, as they
 * type ({@value #PREFERENCES}, see {@link DraftCookie}). A draft holds exactly what the form's hidden
 * fields carry (URL-encoded name=value pairs) under the SHA-256 of a random 256-bit token; only the
 * link {@code /request/draft/<token>} (and the form's hidden field and sealed cookie) carries the
 * token. The first save of a draft appends {@code intake.draft-saved} (email, link path, why it is
 * kept, and for a draft the visitor asked for the form's language) in the same transaction, for the email module; later saves of the same draft append nothing.
 * Drafts expire {@code drafts.retentionDays} (default 30) after their last save and a task of this
 * component deletes expired ones every hour, while the component is active.
 */
@Component(service = DraftStore.class, configurationPid = IntakeGuard.PID)
public final class DraftStore {

    static final String SAVED = "intake.draft-saved";
    /** Why a draft is kept: the visitor asked for a link to finish later. */
    static final String ASKED = "asked";
    /** Why a draft is kept: the visitor gave the preferences consent, so what they type is kept. */
    static final String PREFERENCES = "preferences";

    static final String LINK_PREFIX = RequestPage.PATH + "/draft/";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Logger LOG = LoggerFactory.getLogger(DraftStore.class);

    /** A stored draft, as the access request and the offer to continue show it. */
    record Draft(OffsetDateTime createdAt, OffsetDateTime expiresAt, String reason, Map<String, List<String>> fields) {}

    /** The outcome of {@link #keep}: the draft's token, and whether the draft was created by it. */
    record Kept(String token, boolean created) {}

    private final ModuleDatabase db;
    private final PortalEvents events;
    private final SecureRandom random;
    private final Clock clock;
    private volatile Duration retention;
    private ScheduledExecutorService purger;

    @Activate
    public DraftStore(
            @Reference(target = "(cec.module=intake)") ModuleDatabase db,
            @Reference PortalEvents events,
            IntakeGuard.Config config) {
        this(db, events, new SecureRandom(), Clock.systemUTC(), retention(config));
        purger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cec-intake-draft-purge");
            t.setDaemon(true);
            return t;
        });
        purger.scheduleWithFixedDelay(this::purgeQuietly, 1, 60, TimeUnit.MINUTES);
    }

    /** For tests: no scheduled purge. */
    DraftStore(ModuleDatabase db, PortalEvents events, SecureRandom random, Clock clock, Duration retention) {
        this.db = db;
        this.events = events;
        this.random = random;
        this.clock = clock;
        this.retention = retention;
    }

    @Modified
    void modified(IntakeGuard.Config config) {
        this.retention = retention(config);
    }

    @Deactivate
    void stop() throws InterruptedException {
        if (purger != null) {
            purger.shutdownNow();
            purger.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static Duration retention(IntakeGuard.Config config) {
        int days = config.drafts_retentionDays();
        if (days < 1 || days > 365) {
            throw new IllegalArgumentException("drafts.retentionDays must be 1 to 365");
        }
        return Duration.ofDays(days);
    }

    /** How long a draft saved now is kept. */
    Duration retention() {
        return retention;
    }

    /**
     * Saves {@code state} (step 1 valid, a visitor of 13 or older: the caller checks) as a draft the
     * visitor asked for, and appends its event; a draft the visitor resumed ({@code previousToken}, may
     * be empty) is replaced. Returns the new token.
     */
    String save(FormState state, String previousToken) {
        return save(state, previousToken, "en");
    }

    /**
     * Saves a draft the visitor asked for, as {@link #save(FormState, String)}; {@code language} (the
     * form's, {@code en} or {@code es}) is the language of the email that carries the link.
     */
    String save(FormState state, String previousToken, String language) {
        String email = checked(state);
        String token = newToken();
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.inTransaction(em -> {
            deleteIn(em, previousToken);
            em.persist(new DraftEntity(hash(token), email, encode(state), now, now.plus(retention), ASKED));
            events.append(SAVED, askedPayload(email, token, language));
            return null;
        });
        return token;
    }

    /**
     * Keeps what a visitor with the preferences consent typed so far (step 1 valid, 13 or older: the
     * caller checks): the live draft of {@code token} is updated (it keeps its reason, it is kept
     * {@link #retention()} from now, no event), else a new draft is created with its event.
     */
    Kept keep(FormState state, String token) {
        String email = checked(state);
        OffsetDateTime now = OffsetDateTime.now(clock);
        return db.inTransaction(em -> {
            if (looksLikeToken(token)) {
                Optional<DraftEntity> live = live(em, token, now);
                if (live.isPresent()) {
                    live.get().update(email, encode(state), now.plus(retention));
                    return new Kept(token, false);
                }
                deleteIn(em, token); // expired, not purged yet: replaced by a new one
            }
            String fresh = newToken();
            em.persist(new DraftEntity(hash(fresh), email, encode(state), now, now.plus(retention), PREFERENCES));
            events.append(SAVED, savedPayload(email, fresh, PREFERENCES));
            return new Kept(fresh, true);
        });
    }

    /**
     * The payload of {@code intake.draft-saved}: the address, the link path (the email module prefixes
     * the portal's public address) and why the draft is kept, so that the email module can tell a
     * visitor who asked for the link from one whose draft was kept with their preferences consent; a
     * draft the visitor asked for also names the {@code language} of the form, which the email is in.
     */
    static String askedPayload(String email, String token, String language) {
        return JsonBodies.object()
                .add("email", email)
                .add("link", LINK_PREFIX + token)
                .add("reason", ASKED)
                .add("language", language)
                .build()
                .toString();
    }

    /** The payload of {@code intake.draft-saved} for a draft kept with the preferences consent (no email). */
    static String savedPayload(String email, String token, String reason) {
        return JsonBodies.object()
                .add("email", email)
                .add("link", LINK_PREFIX + token)
                .add("reason", reason)
                .build()
                .toString();
    }

    private static String checked(FormState state) {
        // Never for the under-13 answer (nor a missing one), never without the address of step 1.
        if (!Validator.AGE_ADULT.equals(state.get("age")) || state.get("email").isEmpty()) {
            throw new IllegalArgumentException("not a draft that may be saved");
        }
        return state.get("email");
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Optional<DraftEntity> live(EntityManager em, String token, OffsetDateTime now) {
        return em.createQuery(
                        "SELECT d FROM DraftEntity d WHERE d.tokenHash = :h AND d.expiresAt > :now", DraftEntity.class)
                .setParameter("h", hash(token))
                .setParameter("now", now)
                .getResultStream()
                .findFirst();
    }

    /** The draft of {@code token}, unless there is none or it expired. */
    Optional<Draft> find(String token) {
        if (!looksLikeToken(token)) {
            return Optional.empty();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return db.read(em -> live(em, token, now).map(DraftStore::draft));
    }

    /** The hidden fields of the draft of {@code token}, unless there is none or it expired. */
    Optional<Map<String, List<String>>> resume(String token) {
        return find(token).map(Draft::fields);
    }

    /** Deletes the draft of {@code token}, whatever kept it; true when there was one. */
    boolean delete(String token) {
        return looksLikeToken(token) && db.inTransaction(em -> deleteIn(em, token)) > 0;
    }

    /**
     * Deletes the draft of {@code token} only if it was kept for the preferences consent (the consent
     * is gone); a draft the visitor asked for stays. True when one was deleted.
     */
    boolean deleteKept(String token) {
        return looksLikeToken(token)
                && db.inTransaction(em -> em.createQuery(
                                        "DELETE FROM DraftEntity d WHERE d.tokenHash = :h AND d.reason = :reason")
                                .setParameter("h", hash(token))
                                .setParameter("reason", PREFERENCES)
                                .executeUpdate())
                        > 0;
    }

    /** Deletes the draft of {@code token} (if any) in the caller's transaction; returns how many. */
    static int deleteIn(EntityManager em, String token) {
        if (!looksLikeToken(token)) {
            return 0;
        }
        return em.createQuery("DELETE FROM DraftEntity d WHERE d.tokenHash = :h")
                .setParameter("h", hash(token))
                .executeUpdate();
    }

    /** Deletes every expired draft; returns how many. */
    int purgeExpired() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return db.inTransaction(em -> em.createQuery("DELETE FROM DraftEntity d WHERE d.expiresAt <= :now")
                .setParameter("now", now)
                .executeUpdate());
    }

    private void purgeQuietly() {
        try {
            int n = purgeExpired();
            if (n > 0) {
                LOG.info("Deleted {} expired request draft(s)", n);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not delete expired request drafts (trying again in an hour): {}", e.toString());
        }
    }

    /** Every draft of this normalised email address, oldest first. */
    List<Draft> byEmail(String normalisedEmail) {
        return db.read(em -> {
            List<Draft> out = new ArrayList<>();
            for (DraftEntity d : em.createQuery(
                            "SELECT d FROM DraftEntity d WHERE d.email = :email ORDER BY d.createdAt, d.id",
                            DraftEntity.class)
                    .setParameter("email", normalisedEmail)
                    .getResultList()) {
                out.add(draft(d));
            }
            return out;
        });
    }

    /** Deletes every draft of this normalised email address; returns how many. */
    int erase(String normalisedEmail) {
        return db.inTransaction(em -> em.createQuery("DELETE FROM DraftEntity d WHERE d.email = :email")
                .setParameter("email", normalisedEmail)
                .executeUpdate());
    }

    /** How many drafts are stored. */
    long count() {
        return db.read(em ->
                em.createQuery("SELECT COUNT(d) FROM DraftEntity d", Long.class).getSingleResult());
    }

    private static Draft draft(DraftEntity d) {
        return new Draft(d.createdAt(), d.expiresAt(), d.reason(), decode(d.state()));
    }

    static boolean looksLikeToken(String token) {
        return token != null && TOKEN.matcher(token).matches();
    }

    /** The hex SHA-256 of the token's characters: what is stored. */
    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the review step's hidden fields hold: the core fields, the services, the section answers. */
    static String encode(FormState state) {
        StringBuilder sb = new StringBuilder();
        for (String f : FormState.CORE_FIELDS) {
            pair(sb, f, state.get(f));
        }
        for (String s : state.services()) {
            pair(sb, "services", s);
        }
        state.answers().forEach((name, value) -> pair(sb, name, value));
        return sb.toString();
    }

    static Map<String, List<String>> decode(String encoded) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String part : encoded.split("&")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8);
            String value = URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static void pair(StringBuilder sb, String name, String value) {
        if (sb.length() > 0) {
            sb.append('&');
        }
        sb.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
