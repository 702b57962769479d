package org.cec.portal.email.internal.campaigns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.cec.portal.api.email.MailMessage;
import org.cec.portal.api.email.MailRefusedException;
import org.cec.portal.api.email.Mailer;
import org.cec.portal.api.email.MessageKind;
import org.cec.portal.api.email.QueuedMail;
import org.cec.portal.api.intake.ServiceRequest;
import org.cec.portal.api.intake.ServiceRequests;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The campaign worker on H2 and PostgreSQL: it walks the audience once (ZIP prefix, service, one message
 * per address), counts refusals, stops at the throttle, and after a crash in the middle of a chunk a new
 * worker goes on from the stored position without queueing anyone twice.
 */
class CampaignWorkerTest {

    /** The outbox as far as campaigns see it: idempotency keys; refuses opted-out addresses; can "crash". */
    static final class FakeMailer implements Mailer {
        final Map<String, MailMessage> queued = new ConcurrentHashMap<>();
        final Set<String> optedOut = ConcurrentHashMap.newKeySet();
        final AtomicInteger calls = new AtomicInteger();
        volatile int crashAfter = Integer.MAX_VALUE;

        @Override
        public QueuedMail queue(MailMessage message) {
            if (calls.incrementAndGet() > crashAfter) {
                throw new IllegalStateException("the portal stops");
            }
            assertEquals(MessageKind.COMMERCIAL, message.kind());
            if (optedOut.contains(message.to().address())) {
                throw new MailRefusedException(MailRefusedException.Reason.OPTED_OUT, "opted out");
            }
            String key = message.key().orElseThrow();
            boolean again = queued.putIfAbsent(key, message) != null;
            return new QueuedMail(queued.size(), "<" + key + ">", again);
        }

        @Override
        public boolean mayReceiveCommercial(String normalisedEmail) {
            return !optedOut.contains(normalisedEmail);
        }
    }

    static final class FakeRequests implements ServiceRequests {
        final Map<String, ServiceRequest> byReference = new HashMap<>();

        void add(String reference, String email, String zip, String service) {
            byReference.put(
                    reference,
                    new ServiceRequest(
                            reference,
                            Instant.EPOCH,
                            "N " + reference,
                            email,
                            "",
                            "",
                            "",
                            zip,
                            "email",
                            List.of(service),
                            "es"));
        }

        @Override
        public Optional<ServiceRequest> find(String reference) {
            return Optional.ofNullable(byReference.get(reference));
        }

        @Override
        public List<String> referencesOf(String normalisedEmail) {
            return List.of();
        }
    }

    private final CampaignStore store = new CampaignStore();

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void walksTheAudienceOnceCountingRefusalsAndResumesAfterACrashWithoutDuplicates(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "email")) {
            FakeRequests requests = new FakeRequests();
            for (int i = 1; i <= 250; i++) {
                requests.add("R" + i, "p" + i + "@example.org", "94607", "heat-pump");
            }
            requests.add("R251", "p1@example.org", "94607", "heat-pump"); // a second request of p1
            requests.add("R252", "far@example.org", "10001", "heat-pump");
            requests.add("R253", "solar@example.org", "94601", "solar-pv");
            db.inTransaction(em -> {
                for (int i = 1; i <= 253; i++) {
                    store.addMember(em.unwrap(Connection.class), "R" + i, 0);
                    store.addMember(em.unwrap(Connection.class), "R" + i, 0); // delivered twice: harmless
                }
                return null;
            });
            db.inTransaction(em -> {
                store.addMember(em.unwrap(Connection.class), "R-erased", 0); // intake no longer knows it
                return null;
            });
            long id = db.inTransaction(
                    em -> store.create(em.unwrap(Connection.class), "News", "Text", "946", "heat-pump", 0));
            db.inTransaction(em -> store.start(em.unwrap(Connection.class), id, 1));

            FakeMailer mailer = new FakeMailer();
            mailer.optedOut.add("p7@example.org");
            mailer.optedOut.add("p150@example.org");
            mailer.crashAfter = 130; // in the middle of the second chunk
            CampaignWorker first = new CampaignWorker(db, mailer, requests, new CampaignSettings(600_000), false);
            Thread.sleep(50); // the bucket fills
            assertThrows(IllegalStateException.class, first::tick);
            Campaign stopped = find(db, id);
            assertEquals(CampaignStore.SENDING, stopped.status());
            assertEquals(CampaignWorker.CHUNK, stopped.cursor(), "the first chunk is stored, the second is not");
            assertEquals(1, stopped.refused());

            mailer.crashAfter = Integer.MAX_VALUE;
            CampaignWorker second = new CampaignWorker(db, mailer, requests, new CampaignSettings(600_000), false);
            Thread.sleep(50);
            second.tick();
            Campaign done = find(db, id);
            assertEquals(CampaignStore.DONE, done.status());
            assertEquals(2, done.refused(), "p7 and p150");
            assertEquals(248, mailer.queued.size(), "250 addresses, two refused; far, solar and the erased skipped");
            assertTrue(mailer.queued.containsKey("campaign:" + id + ":p1@example.org"));
            MailMessage one = mailer.queued.get("campaign:" + id + ":p2@example.org");
            assertEquals("es", one.language());
            assertEquals("News", one.model().get("subject"));
            assertEquals(List.of("Text"), one.model().get("paragraphs"));
            assertEquals("N R2", one.to().name());
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void queuesNoMoreThanTheThrottleAllowsAndDoesNotSendACancelledCampaign(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "email")) {
            FakeRequests requests = new FakeRequests();
            for (int i = 1; i <= 20; i++) {
                requests.add("R" + i, "p" + i + "@example.org", "94607", "heat-pump");
                String ref = "R" + i;
                db.inTransaction(em -> {
                    store.addMember(em.unwrap(Connection.class), ref, 0);
                    return null;
                });
            }
            long id = db.inTransaction(em -> store.create(em.unwrap(Connection.class), "News", "Text", "", "", 0));
            db.inTransaction(em -> store.start(em.unwrap(Connection.class), id, 1));
            FakeMailer mailer = new FakeMailer();
            CampaignWorker worker = new CampaignWorker(db, mailer, requests, new CampaignSettings(60), false);
            worker.tick();
            worker.tick();
            assertEquals(1, mailer.queued.size(), "one a second");
            db.inTransaction(em -> store.cancel(em.unwrap(Connection.class), id, 2));
            Thread.sleep(1_100);
            worker.tick();
            assertEquals(1, mailer.queued.size(), "a cancelled campaign sends no more");
            assertEquals(CampaignStore.CANCELLED, find(db, id).status());
        }
    }

    private Campaign find(ModuleTestDatabase db, long id) {
        return db.read(em -> store.find(em.unwrap(Connection.class), id)).orElseThrow();
    }
}
