package org.cec.portal.privacy.internal.requests;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.email.MailAddress;
import org.cec.portal.api.email.MailMessage;
import org.cec.portal.api.email.Mailer;
import org.cec.portal.privacy.internal.data.PersonalData;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a person the link to their data, when the portal holds anything for their address: a new
 * privacy request and its relationship email ({@code privacy.my-data-link}), in one transaction.
 *
 * <p>The page that asks answers at once and the same way for every address; the looking up happens
 * here, on one thread of its own, so that neither the answer nor its timing tells whether an address is
 * known. Waiting addresses are kept in memory only (never in a file or the log); when more than {@value
 * #QUEUE} wait, or the portal stops, the rest are dropped and the person asks again.
 */
@Component(service = LinkSender.class)
public final class LinkSender {

    /** The message type, whose templates the module gives the email module. */
    public static final String TYPE = "privacy.my-data-link";

    static final int QUEUE = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(LinkSender.class);

    private final ModuleDatabase db;
    private final PersonalData data;
    private final MyDataLinks links;
    private final Mailer mailer;
    private final Clock clock;
    private final RequestLog log = new RequestLog();
    private final ThreadPoolExecutor worker;

    @Activate
    public LinkSender(
            @Reference(target = "(cec.module=privacy)") ModuleDatabase db,
            @Reference PersonalData data,
            @Reference MyDataLinks links,
            @Reference Mailer mailer) {
        this(db, data, links, mailer, Clock.systemUTC());
    }

    LinkSender(ModuleDatabase db, PersonalData data, MyDataLinks links, Mailer mailer, Clock clock) {
        this.db = db;
        this.data = data;
        this.links = links;
        this.mailer = mailer;
        this.clock = clock;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "cec-privacy-links");
            t.setDaemon(true);
            return t;
        });
    }

    @Deactivate
    void deactivate() {
        worker.shutdownNow();
    }

    /** Hands the address over; returns at once. */
    public void ask(String normalisedEmail, String language) {
        try {
            worker.execute(() -> send(normalisedEmail, language));
        } catch (RejectedExecutionException e) {
            LOG.warn("Too many privacy link requests wait; one was dropped (the person can ask again)");
        }
    }

    /** Sends the link now when anything is held (the worker's job; for tests). Returns the request id or 0. */
    long send(String normalisedEmail, String language) {
        try {
            if (!data.holdsAnything(normalisedEmail)) {
                LOG.debug("A privacy link was asked for an address the portal holds nothing for");
                return 0;
            }
            Instant now = clock.instant();
            return db.inTransaction(em -> {
                long id = log.openBySelf(em.unwrap(Connection.class), now);
                mailer.queue(MailMessage.relationship(TYPE, MailAddress.of(normalisedEmail), language)
                        .with("linkPath", MyDataLinks.PATH + links.tokenFor(id, normalisedEmail, now))
                        .with("hours", MyDataLinks.VALID_FOR.toHours())
                        .key("privacy.link:" + id)
                        .build());
                LOG.info("Privacy request {} opened; its link was queued", id);
                return id;
            });
        } catch (RuntimeException e) {
            LOG.error("A privacy link could not be sent: {}", e.getClass().getName());
            return 0;
        }
    }
}
