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
 * Drafts: partly completed requests a visitor asked to finish later. A draft holds exactly what the
 * form's hidden fields carry (URL-encoded name=value pairs) under the SHA-256 of a random 256-bit
 * token; only the link {@code /request/draft/<token>} carries the token. Saving appends {@code
 * intake.draft-saved} (email and link path) in the same transaction, for the email module to send the
 * link. Drafts expire after {@code drafts.retentionDays} (default 30) and a task of this component
 * deletes expired ones every hour, while the component is active.
 */
@Component(service = DraftStore.class, configurationPid = IntakeGuard.PID)
public final class DraftStore {

    static final String SAVED = "intake.draft-saved";
    static final String LINK_PREFIX = RequestPage.PATH + "/draft/";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Logger LOG = LoggerFactory.getLogger(DraftStore.class);

    /** A stored draft as the access request shows it. */
    record Draft(OffsetDateTime createdAt, OffsetDateTime expiresAt, Map<String, List<String>> fields) {}

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
     * Saves {@code state} (step 1 valid, a visitor of 13 or older: the caller checks) as a draft and
     * appends its event; a draft the visitor resumed ({@code previousToken}, may be empty) is replaced.
     * Returns the new token.
     */
    String save(FormState state, String previousToken) {
        if (Validator.AGE_CHILD.equals(state.get("age")) || state.get("email").isEmpty()) {
            throw new IllegalArgumentException("not a draft that may be saved");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        OffsetDateTime now = OffsetDateTime.now(clock);
        String email = state.get("email");
        db.inTransaction(em -> {
            deleteIn(em, previousToken);
            em.persist(new DraftEntity(hash(token), email, encode(state), now, now.plus(retention)));
            events.append(
                    SAVED, "{\"email\":" + Json.quote(email) + ",\"link\":" + Json.quote(LINK_PREFIX + token) + "}");
            return null;
        });
        return token;
    }

    /** The hidden fields of the draft of {@code token}, unless there is none or it expired. */
    Optional<Map<String, List<String>>> resume(String token) {
        if (!looksLikeToken(token)) {
            return Optional.empty();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return db.read(em -> em.createQuery(
                        "SELECT d FROM DraftEntity d WHERE d.tokenHash = :h AND d.expiresAt > :now", DraftEntity.class)
                .setParameter("h", hash(token))
                .setParameter("now", now)
                .getResultStream()
                .findFirst()
                .map(d -> decode(d.state())));
    }

    /** Deletes the draft of {@code token} (if any) in the caller's transaction. */
    static void deleteIn(EntityManager em, String token) {
        if (looksLikeToken(token)) {
            em.createQuery("DELETE FROM DraftEntity d WHERE d.tokenHash = :h")
                    .setParameter("h", hash(token))
                    .executeUpdate();
        }
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
                out.add(new Draft(d.createdAt(), d.expiresAt(), decode(d.state())));
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
