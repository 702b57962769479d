package org.cec.portal.email.internal.bounces;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.events.PortalEvents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records reported bounces, all of one request in one transaction. A hard bounce marks the sent message
 * it names {@code bounced} in the outbox and counts for its address; at {@code hard.bounces.to.suppress}
 * the address is put on the suppression list, so the {@code Mailer} refuses commercial mail to it
 * ({@code SUPPRESSED}) while relationship mail still goes. A hard bounce naming a message already marked
 * bounced is a repeated delivery of the same report and is not counted again. A soft bounce changes
 * nothing. Each bounce appends {@code email.bounced} with its type, the Message-ID (if it is one of the outbox's), whether it
 * was counted and whether the address got suppressed by it: never the address (the event log is kept).
 */
@Component(service = Bounces.class, configurationPid = BounceConfig.PID)
public final class Bounces {

    /** Found once: looking the JSON-P provider up (Json.create...) searches the bundles on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** The event type. */
    public static final String EVENT = "email.bounced";

    private static final Logger LOG = LoggerFactory.getLogger(Bounces.class);
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>()\"',;:]+@[^\\s<>()\"',;:]+");

    /** What one request changed. */
    public record Outcome(int hard, int soft, int counted, int suppressed) {}

    private final ModuleDatabase db;
    private final PortalEvents events;
    private final BounceStore store;
    private final Clock clock;
    private final int threshold;

    @Activate
    public Bounces(
            BounceConfig config,
            @Reference(target = "(" + ModuleDatabase.MODULE_PROPERTY + "=email)") ModuleDatabase db,
            @Reference PortalEvents events) {
        this(db, events, config.hard_bounces_to_suppress(), Clock.systemUTC());
    }

    Bounces(ModuleDatabase db, PortalEvents events, int threshold, Clock clock) {
        if (threshold < 1) {
            throw new IllegalArgumentException(BounceConfig.PID + ": hard.bounces.to.suppress must be at least 1");
        }
        this.db = db;
        this.events = events;
        this.store = new BounceStore();
        this.clock = clock;
        this.threshold = threshold;
    }

    /** How many hard bounces put an address on the suppression list. */
    public int threshold() {
        return threshold;
    }

    /** Records the reports; all or none. */
    public Outcome record(List<BounceReport> reports) {
        long now = clock.millis();
        Outcome outcome = db.inTransaction(em -> {
            Connection c = em.unwrap(Connection.class);
            int hard = 0, soft = 0, counted = 0, suppressed = 0;
            for (BounceReport r : reports) {
                String reason = redact(r.reason());
                boolean count = false;
                boolean newlySuppressed = false;
                Optional<String> knownId = Optional.empty();
                if (r.type() == BounceReport.Type.SOFT) {
                    soft++;
                } else {
                    hard++;
                    Optional<Boolean> seenBefore = Optional.empty();
                    if (r.messageId().isPresent()) {
                        seenBefore = store.markBounced(c, r.messageId().get(), r.recipient());
                        knownId = seenBefore.map(x -> r.messageId().get());
                    }
                    count = !seenBefore.orElse(false);
                    if (count) {
                        counted++;
                        int bounces = store.countHard(c, r.recipient(), reason, now);
                        if (bounces >= threshold) {
                            newlySuppressed =
                                    store.suppress(c, r.recipient(), suppressionReason(bounces, reason), bounces, now);
                            if (newlySuppressed) {
                                suppressed++;
                            }
                        }
                    }
                }
                events.append(EVENT, payload(r.type(), knownId, count, newlySuppressed));
            }
            return new Outcome(hard, soft, counted, suppressed);
        });
        if (outcome.suppressed() > 0) {
            LOG.info(
                    "Bounces: {} address(es) put on the suppression list after {} hard bounces",
                    outcome.suppressed(),
                    threshold);
        }
        return outcome;
    }

    /** The event: the Message-ID only of a message of the outbox (one the portal made), never a provider's text. */
    private static String payload(
            BounceReport.Type type, Optional<String> knownId, boolean counted, boolean suppressed) {
        JsonObjectBuilder json =
                JSON.createObjectBuilder().add("type", type.name().toLowerCase(Locale.ROOT));
        knownId.ifPresent(id -> json.add("messageId", id));
        return json.add("counted", counted)
                .add("suppressed", suppressed)
                .build()
                .toString();
    }

    private static String suppressionReason(int bounces, String reason) {
        String text = bounces + " hard bounces" + (reason.isEmpty() ? "" : ", last: " + reason);
        return text.length() <= BounceReport.MAX_REASON ? text : text.substring(0, BounceReport.MAX_REASON);
    }

    /** A provider's diagnostic without the addresses it may quote (the console and the log never show one). */
    static String redact(String reason) {
        return ADDRESS.matcher(reason).replaceAll("<address>");
    }
}
