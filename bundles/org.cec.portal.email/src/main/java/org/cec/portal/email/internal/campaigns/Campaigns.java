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
    /** {@link #blocked}: the operator's postal address ({@code postal.address}) is not configured. */
    public static final String BLOCKED_NO_POSTAL_ADDRESS = "console.email.campaign.blocked";

    /** The argument of {@link #BLOCKED_NO_POSTAL_ADDRESS}: the configuration to set it in. */
    public static final String BLOCKED_ARGUMENT = EmailSettings.PID;

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

    /**
     * What is wrong with one field of a draft, for the console page: the key of its text in this
     * bundle's {@code messages/messages*.properties} and the text's arguments.
     */
    public record Problem(String key, List<String> args) {
        public Problem {
            args = List.copyOf(args);
        }
    }

    /** What is wrong with a draft, field by field (empty when nothing). */
    public static Map<String, Problem> problems(Draft d) {
        Map<String, Problem> problems = new LinkedHashMap<>();
        if (d.subject().isBlank()) {
            problems.put("subject", new Problem("console.email.problem.subjectEmpty", List.of()));
        } else if (d.subject().length() > MAX_SUBJECT || d.subject().chars().anyMatch(Character::isISOControl)) {
            problems.put(
                    "subject",
                    new Problem("console.email.problem.subjectLine", List.of(Integer.toString(MAX_SUBJECT))));
        }
        if (d.body().isBlank()) {
            problems.put("body", new Problem("console.email.problem.bodyEmpty", List.of()));
        } else if (d.body().length() > MAX_BODY) {
            problems.put("body", new Problem("console.email.problem.bodyLength", List.of(Integer.toString(MAX_BODY))));
        }
        if (!ZIP_PREFIX.matcher(d.zipPrefix()).matches()) {
            problems.put("zipPrefix", new Problem("console.email.problem.zipPrefix", List.of()));
        }
        if (!SERVICE.matcher(d.service()).matches()) {
            problems.put("service", new Problem("console.email.problem.service", List.of()));
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

    /**
     * Why no campaign can be sent now, or empty when one can: the key of the reason's text in this
     * bundle's {@code messages/messages*.properties}, whose one argument is {@link #BLOCKED_ARGUMENT}.
     */
    public Optional<String> blocked() {
        if (settings.postalAddress().isEmpty()) {
            return Optional.of(BLOCKED_NO_POSTAL_ADDRESS);
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
