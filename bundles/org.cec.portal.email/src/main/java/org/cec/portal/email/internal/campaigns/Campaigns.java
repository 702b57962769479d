package org.cec.portal.email.internal.campaigns;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.email.MailAddress;
import org.cec.portal.api.email.MailMessage;
import org.cec.portal.api.email.Mailer;
import org.cec.portal.api.email.QueuedMail;
import org.cec.portal.api.intake.ServiceRequest;
import org.cec.portal.email.internal.EmailSettings;
import org.cec.portal.email.internal.MessageRenderer;
import org.cec.portal.email.internal.MessageRenderer.Rendered;
import org.cec.portal.email.internal.templates.MessageTypes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Newsletters: staff write one (a draft), preview it, send a test to an address they type, then send it
 * to everyone who may receive commercial mail (optionally only requests whose ZIP code starts with a
 * prefix and that asked for a service); {@link CampaignWorker} does the sending. Every message is a
 * commercial {@link MessageTypes#NEWSLETTER} queued through the {@link Mailer}, so opt-outs, the
 * suppression list, the unsubscribe link and headers and the postal address apply.
 */
@Component(service = Campaigns.class)
public final class Campaigns {

    public static final int MAX_SUBJECT = 200;
    public static final int MAX_BODY = 20_000;
    private static final Pattern ZIP_PREFIX = Pattern.compile("\\d{0,5}");
    private static final Pattern SERVICE = Pattern.compile("([a-z][a-z0-9-]{0,63})?");

    /** What staff typed for a new campaign. */
    public record Draft(String subject, String body, String zipPrefix, String service) {}

    /** A campaign and how far it got. */
    public record Progress(
            Campaign campaign,
            long audience,
            long processed,
            long queued,
            long waiting,
            long sent,
            long failed,
            int refused) {}

    /** A campaign rendered for one language. */
    public record Preview(String language, String subject, String text, String html) {}

    private final ModuleDatabase db;
    private final Mailer mailer;
    private final MessageRenderer renderer;
    private final EmailSettings settings;
    private final CampaignStore store = new CampaignStore();
    private final Clock clock = Clock.systemUTC();

    @Activate
    public Campaigns(
            @Reference(target = "(" + ModuleDatabase.MODULE_PROPERTY + "=email)") ModuleDatabase db,
            @Reference Mailer mailer,
            @Reference MessageRenderer renderer,
            @Reference EmailSettings settings) {
        this.db = db;
        this.mailer = mailer;
        this.renderer = renderer;
        this.settings = settings;
    }

    /** The idempotency keys of a campaign's messages start with this. */
    static String keyPrefix(long campaignId) {
        return "campaign:" + campaignId + ":";
    }

    /** What is wrong with a draft, field by field (empty when nothing). */
    public static Map<String, String> problems(Draft d) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (d.subject().isBlank()) {
            problems.put("subject", "The subject is empty.");
        } else if (d.subject().length() > MAX_SUBJECT || d.subject().chars().anyMatch(Character::isISOControl)) {
            problems.put("subject", "The subject must be one line of at most " + MAX_SUBJECT + " characters.");
        }
        if (d.body().isBlank()) {
            problems.put("body", "The text is empty.");
        } else if (d.body().length() > MAX_BODY) {
            problems.put("body", "The text must be at most " + MAX_BODY + " characters.");
        }
        if (!ZIP_PREFIX.matcher(d.zipPrefix()).matches()) {
            problems.put("zipPrefix", "The ZIP prefix must be up to 5 digits, or empty for any.");
        }
        if (!SERVICE.matcher(d.service()).matches()) {
            problems.put("service", "The service must be a service id (such as heat-pump), or empty for any.");
        }
        return problems;
    }

    /** Stores a draft that has no {@link #problems}. */
    public long create(Draft d) {
        if (!problems(d).isEmpty()) {
            throw new IllegalArgumentException(
                    "The draft has problems: " + problems(d).keySet());
        }
        return db.inTransaction(em -> store.create(
                em.unwrap(Connection.class), d.subject(), d.body(), d.zipPrefix(), d.service(), clock.millis()));
    }

    public Optional<Campaign> find(long id) {
        return db.read(em -> store.find(em.unwrap(Connection.class), id));
    }

    public List<Progress> list(int limit) {
        return db.read(em -> {
            Connection c = em.unwrap(Connection.class);
            List<Progress> list = new ArrayList<>();
            for (Campaign campaign : store.list(c, limit)) {
                list.add(progress(c, campaign));
            }
            return list;
        });
    }

    public Optional<Progress> progress(long id) {
        return db.read(em -> {
            Connection c = em.unwrap(Connection.class);
            Optional<Campaign> campaign = store.find(c, id);
            return campaign.isEmpty() ? Optional.<Progress>empty() : Optional.of(progress(c, campaign.get()));
        });
    }

    private Progress progress(Connection c, Campaign campaign) throws SQLException {
        Map<String, Long> counts = store.outboxCounts(c, campaign.id());
        long queued = counts.values().stream().mapToLong(Long::longValue).sum();
        boolean started = !campaign.status().equals(CampaignStore.DRAFT);
        long audience = store.countMembers(c, started ? campaign.audienceUntil() : Long.MAX_VALUE);
        long processed = started ? store.countMembers(c, campaign.cursor()) : 0;
        return new Progress(
                campaign,
                audience,
                processed,
                queued,
                counts.getOrDefault("queued", 0L) + counts.getOrDefault("sending", 0L),
                counts.getOrDefault("sent", 0L),
                counts.getOrDefault("failed", 0L),
                campaign.refused());
    }

    /** The campaign in English and Spanish, as a recipient named "Ana" would see it. */
    public List<Preview> preview(Campaign campaign) {
        List<Preview> previews = new ArrayList<>();
        for (String language : List.of("en", "es")) {
            MailMessage m = message(campaign, MailAddress.of("preview@example.org"), "Ana", language, false)
                    .build();
            Rendered r = renderer.render(
                    m,
                    Map.of(
                            "unsubscribeUrl",
                            settings.link("/email/unsubscribe/preview"),
                            "postalAddress",
                            settings.postalAddress()));
            previews.add(new Preview(language, r.subject(), r.text(), r.html().orElse("")));
        }
        return previews;
    }

    /**
     * Queues the campaign once to the address staff typed, marked as a test, in {@code language}.
     *
     * @throws org.cec.portal.api.email.MailRefusedException when the address may not receive it
     * @throws IllegalStateException when commercial mail cannot go now (no postal address, for example)
     */
    public QueuedMail sendTest(Campaign campaign, MailAddress to, String language) {
        return mailer.queue(message(campaign, to, "", language, true).build());
    }

    /** Why no campaign can be sent now, or empty when one can. */
    public Optional<String> blocked() {
        if (settings.postalAddress().isEmpty()) {
            return Optional.of("Campaigns cannot be sent while the operator's postal address is not set"
                    + " (postal.address in configuration " + EmailSettings.PID + ").");
        }
        return Optional.empty();
    }

    /** Starts sending a draft; whether it was one. */
    public boolean start(long id) {
        return db.inTransaction(em -> store.start(em.unwrap(Connection.class), id, clock.millis()));
    }

    /** Stops a campaign being sent; whether it was being sent. */
    public boolean cancel(long id) {
        return db.inTransaction(em -> store.cancel(em.unwrap(Connection.class), id, clock.millis()));
    }

    /** Whether the request is in the campaign's audience (its ZIP prefix and service). */
    static boolean matches(Campaign campaign, ServiceRequest request) {
        return request.zip().startsWith(campaign.zipPrefix())
                && (campaign.service().isEmpty() || request.services().contains(campaign.service()));
    }

    /** The campaign's message to one recipient, with its idempotency key. */
    static MailMessage.Builder message(Campaign campaign, MailAddress to, String name, String language, boolean test) {
        MailMessage.Builder b = MailMessage.commercial(MessageTypes.NEWSLETTER, to, language)
                .with("subject", campaign.subject())
                .with("paragraphs", paragraphs(campaign.body()))
                .with("name", name)
                .with("test", test);
        if (!test) {
            b.key(keyPrefix(campaign.id()) + to.address().toLowerCase(java.util.Locale.ROOT));
        }
        return b;
    }

    /** The text split at blank lines, each paragraph trimmed. */
    static List<String> paragraphs(String body) {
        List<String> out = new ArrayList<>();
        for (String p : body.replace("\r\n", "\n").replace('\r', '\n').split("\n\\s*\n")) {
            if (!p.isBlank()) {
                out.add(p.strip());
            }
        }
        return out;
    }
}
