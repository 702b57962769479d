package org.cec.portal.email.internal.tracking;

import jakarta.json.spi.JsonProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.consent.ConsentService;
import org.cec.portal.api.consent.Purpose;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.events.PortalEvents;
import org.cec.portal.email.internal.EmailSettings;
import org.cec.portal.email.internal.HtmlFragments;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Open and click tracking of commercial mail, within consent. The rule: a message is tracked, and an
 * open or click is recorded, only while {@link ConsentService#allows(String, Purpose)} answers yes for
 * the recipient and {@link Purpose#MARKETING} (whose declared purpose includes "measuring whether such
 * email is opened or clicked"). The consent module answers yes for a person who has not opted out of
 * marketing email (and to whom commercial mail may therefore go at all), no after an opt-out. It is
 * asked twice: when the message is queued (no pixel, no rewritten link otherwise) and again at each open
 * or click, so that an opt-out takes effect at once also for messages already delivered: the pixel and
 * the redirect are still served, but nothing is recorded. Without the consent module, nothing is
 * tracked. Relationship mail never reaches this class.
 *
 * <p>The pixel and the redirect do not wait for the database: what they see goes to a {@link
 * TrackingQueue}, whose thread asks consent and appends the events in batches, a moment later (so an
 * opt-out made before the open is always obeyed).
 *
 * <p>An open is a message's first pixel load within an hour on this node ({@link RepeatedOpens}): mail
 * clients and image proxies load a pixel several times for one reading.
 *
 * <p>Events: {@value #OPENED} {@code {"messageId": ..., "campaign": 7}} and {@value #CLICKED} {@code
 * {"messageId": ..., "campaign": 7, "url": ...}}, the message's {@code Message-ID} as in {@code
 * email.sent}, and the campaign's id for a newsletter's message (absent otherwise); never the address.
 */
@Component(service = MailTracking.class)
public final class MailTracking {

    /** Found once: looking the JSON-P provider up (Json.create...) searches the bundles on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    public static final String OPENED = "email.opened";
    public static final String CLICKED = "email.clicked";

    /** How many opens and clicks may wait to be written. */
    static final int QUEUE_CAPACITY = 100_000;

    private final TrackingLinks links;
    private final EmailSettings settings;
    private final ModuleDatabase db;
    private final PortalEvents events;
    private final HtmlFragments fragments;
    private final TrackingQueue queue;
    private final RepeatedOpens repeats = new RepeatedOpens();

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConsentService consent;

    @Activate
    public MailTracking(
            @Reference TrackingLinks links,
            @Reference EmailSettings settings,
            @Reference(target = "(" + ModuleDatabase.MODULE_PROPERTY + "=email)") ModuleDatabase db,
            @Reference PortalEvents events,
            @Reference HtmlFragments fragments) {
        this.links = links;
        this.fragments = fragments;
        this.queue = new TrackingQueue(QUEUE_CAPACITY, this::write);
        this.settings = settings;
        this.db = db;
        this.events = events;
    }

    @Deactivate
    void stop() {
        queue.close();
    }

    /** Writes every open and click seen so far (for tests). */
    void flush() {
        queue.flush();
    }

    /** For tests: the optional consent service. */
    public void setConsent(ConsentService consentService) {
        this.consent = consentService;
    }

    /**
     * The HTML part of commercial message {@code messageId} to {@code recipient} (normalised), with the
     * open pixel and click-through links when the recipient's consent covers tracking; otherwise as it
     * is. The unsubscribe link ({@code unsubscribeUrl}) and the portal's own {@code /email/} links stay.
     */
    public Optional<String> commercialHtml(
            Optional<String> html, String messageId, String recipient, String unsubscribeUrl) {
        if (html.isEmpty() || !allowed(recipient)) {
            return html;
        }
        String own = settings.link("/email/");
        String pixel = fragments.fragment(
                "tracking/pixel",
                Map.of("url", settings.link(TrackingServlet.OPEN_PATH + links.openToken(messageId, recipient))));
        return Optional.of(TrackedHtml.track(
                html.get(),
                pixel,
                url -> url.equals(unsubscribeUrl) || url.startsWith(own),
                url -> settings.link(TrackingServlet.CLICK_PATH + links.clickToken(messageId, recipient, url))));
    }

    /**
     * Records the open that the pixel token names, if its recipient still allows it and the message's
     * pixel was not loaded within the last hour ({@link RepeatedOpens}); false for an invalid token.
     */
    public boolean opened(String token) {
        Optional<TrackingLinks.Tracked> t = links.opened(token);
        t.filter(o -> repeats.first(o.messageId())).ifPresent(o -> queue.offer(new TrackingQueue.Seen(OPENED, o)));
        return t.isPresent();
    }

    /**
     * The target of a click token, recording the click if its recipient still allows it; empty for an
     * invalid token (then nothing is recorded and nobody is redirected).
     */
    public Optional<String> clicked(String token) {
        Optional<TrackingLinks.Tracked> t = links.clicked(token);
        t.ifPresent(c -> queue.offer(new TrackingQueue.Seen(CLICKED, c)));
        return t.map(TrackingLinks.Tracked::url);
    }

    /** Whether a token is valid, without recording anything (for HEAD requests of link checkers). */
    public Optional<String> peek(String token, boolean click) {
        return click
                ? links.clicked(token).map(TrackingLinks.Tracked::url)
                : links.opened(token).map(TrackingLinks.Tracked::messageId);
    }

    private boolean allowed(String recipient) {
        ConsentService c = consent;
        return c != null && c.allows(recipient, Purpose.MARKETING);
    }

    /**
     * Appends the events of a batch the recipients still allow, in one transaction, each naming the
     * campaign of its message when it is a newsletter's.
     */
    private void write(List<TrackingQueue.Seen> batch) {
        List<TrackingQueue.Seen> allowed = new ArrayList<>(batch.size());
        for (TrackingQueue.Seen seen : batch) {
            if (allowed(seen.tracked().recipient())) {
                allowed.add(seen);
            }
        }
        if (!allowed.isEmpty()) {
            db.inTransaction(em -> {
                Map<String, Long> campaigns;
                try {
                    campaigns = MessageCampaigns.of(
                            em.unwrap(java.sql.Connection.class),
                            allowed.stream().map(s -> s.tracked().messageId()).toList());
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException("The campaigns of opened messages could not be read", e);
                }
                for (TrackingQueue.Seen seen : allowed) {
                    events.append(
                            seen.type(),
                            payload(seen, campaigns.get(seen.tracked().messageId())));
                }
                return null;
            });
        }
    }

    private static String payload(TrackingQueue.Seen seen, Long campaign) {
        var payload = JSON.createObjectBuilder().add("messageId", seen.tracked().messageId());
        if (campaign != null) {
            payload.add("campaign", campaign);
        }
        if (seen.type().equals(CLICKED)) {
            payload.add("url", seen.tracked().url());
        }
        return payload.build().toString();
    }
}
