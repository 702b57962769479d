package org.cec.portal.email.internal.campaigns;

import java.sql.Connection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.cec.portal.api.consent.ConsentService;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.email.MailAddress;
import org.cec.portal.api.email.MailRefusedException;
import org.cec.portal.api.email.Mailer;
import org.cec.portal.api.email.QueuedMail;
import org.cec.portal.api.intake.ServiceRequest;
import org.cec.portal.api.intake.ServiceRequests;
import org.cec.portal.email.internal.campaigns.CampaignStore.Member;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the campaigns being sent: walks each one's audience from its stored position, reads each
 * request through {@link ServiceRequests}, and queues one newsletter per matching address through the
 * {@link Mailer}, at most {@link CampaignSettings#messagesPerMinute()} (a token bucket holding one
 * second's worth). After each chunk it stores the position and the refused count in one update; a chunk
 * cut short by a stop is done again after the restart, and the idempotency key of each message ({@code
 * campaign:<id>:<address>}) makes the messages queued before the stop come back as duplicates instead of
 * being queued twice. Several nodes may run this: the update is conditional on the position it started
 * from. It runs while the consent module runs (without it no commercial message can be queued).
 */
@Component(service = CampaignWorker.class, immediate = true)
public final class CampaignWorker {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignWorker.class);
    static final int CHUNK = 100;
    private static final long TICK_MILLIS = 100;

    private final ModuleDatabase db;
    private final Mailer mailer;
    private final ServiceRequests requests;
    private final double perMilli;
    private final double capacity;
    private final CampaignStore store = new CampaignStore();
    private final ScheduledExecutorService executor;
    private double tokens = 1;
    private long refilledAt = System.nanoTime();
    private long pausedUntil;
    private volatile boolean stopping;

    @Activate
    public CampaignWorker(
            @Reference(target = "(" + ModuleDatabase.MODULE_PROPERTY + "=email)") ModuleDatabase db,
            @Reference Mailer mailer,
            @Reference ServiceRequests requests,
            @Reference CampaignSettings settings,
            @Reference ConsentService consent) {
        // Runs while the consent module runs: without it the Mailer refuses every commercial message.
        this(db, mailer, requests, settings, true);
    }

    /** A worker; one that is not {@code scheduled} sends only when {@link #tick} is called (tests). */
    CampaignWorker(
            ModuleDatabase db, Mailer mailer, ServiceRequests requests, CampaignSettings settings, boolean scheduled) {
        this.db = db;
        this.mailer = mailer;
        this.requests = requests;
        this.perMilli = settings.messagesPerMinute() / 60_000.0;
        this.capacity = Math.max(1.0, settings.messagesPerMinute() / 60.0);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "email-campaigns");
            t.setDaemon(true);
            return t;
        });
        if (scheduled) {
            executor.scheduleWithFixedDelay(this::safeTick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Stops after the message being queued: never interrupts (an interrupt during file I/O can close H2's
     * file channel). The chunk it was in is done again after the next start.
     */
    @Deactivate
    void deactivate() throws InterruptedException {
        stopping = true;
        executor.shutdown();
        if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.warn("The campaign sender did not stop within 30 s");
        }
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            if (stopping) {
                return;
            }
            LOG.warn("Sending campaigns failed; trying again in 5 s: {}", e.toString());
            pausedUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        }
    }

    /** One round: refills the bucket and spends it on the campaigns being sent, oldest first. */
    void tick() {
        if (System.nanoTime() - pausedUntil < 0) {
            return;
        }
        refill();
        if (tokens < 1) {
            return;
        }
        List<Campaign> sending = db.read(em -> store.sending(em.unwrap(Connection.class)));
        for (Campaign campaign : sending) {
            send(campaign);
            if (tokens < 1 || stopping) {
                return;
            }
        }
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - refilledAt) / 1_000_000.0 * perMilli);
        refilledAt = now;
    }

    /** Goes on with one campaign while there are tokens. */
    private void send(Campaign campaign) {
        long cursor = campaign.cursor();
        while (true) {
            long from = cursor;
            List<Member> members =
                    db.read(em -> store.members(em.unwrap(Connection.class), from, campaign.audienceUntil(), CHUNK));
            int refused = 0;
            long reached = from;
            Set<String> refusedHere = new HashSet<>();
            for (Member m : members) {
                if (tokens < 1 || stopping) {
                    break;
                }
                Optional<ServiceRequest> request = requests.find(m.reference());
                if (request.isPresent() && Campaigns.matches(campaign, request.get())) {
                    ServiceRequest r = request.get();
                    try {
                        QueuedMail queued = mailer.queue(Campaigns.message(
                                        campaign, new MailAddress(r.email(), r.name()), r.name(), r.language(), false)
                                .build());
                        if (!queued.alreadyQueued()) {
                            tokens -= 1;
                        }
                    } catch (MailRefusedException e) {
                        if (refusedHere.add(r.email())) {
                            refused++;
                        }
                    } catch (IllegalArgumentException e) {
                        // An address or name that cannot be in a message: refused like an opt-out.
                        if (refusedHere.add(r.email())) {
                            refused++;
                        }
                    }
                }
                reached = m.id();
                refill();
            }
            boolean done = members.isEmpty() || reached >= campaign.audienceUntil();
            if (reached == from && !done) {
                return; // no tokens left for this chunk
            }
            long to = reached;
            int refusedCount = refused;
            boolean advanced = db.inTransaction(em -> store.advance(
                    em.unwrap(Connection.class),
                    campaign.id(),
                    from,
                    to,
                    refusedCount,
                    done,
                    System.currentTimeMillis()));
            if (!advanced) {
                return; // cancelled, or another node went on with it
            }
            if (done) {
                LOG.info("Campaign {} has been queued for its whole audience", campaign.id());
                return;
            }
            cursor = to;
            if (tokens < 1 || stopping) {
                return;
            }
        }
    }
}
