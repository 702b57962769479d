package org.cec.portal.email.internal.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TrackingQueueTest {

    private static TrackingQueue.Seen open(int i) {
        return new TrackingQueue.Seen(MailTracking.OPENED, new TrackingLinks.Tracked("m" + i, "a@example.org", null));
    }

    @Test
    void whatIsQueuedIsWrittenInBatchesInOrder() throws Exception {
        List<List<TrackingQueue.Seen>> batches = new CopyOnWriteArrayList<>();
        try (TrackingQueue queue = new TrackingQueue(10_000, batches::add)) {
            for (int i = 0; i < 1200; i++) {
                assertTrue(queue.offer(open(i)));
            }
            queue.flush();
        }
        List<String> ids = batches.stream()
                .flatMap(List::stream)
                .map(s -> s.tracked().messageId())
                .toList();
        assertEquals(1200, ids.size());
        assertEquals("m0", ids.get(0));
        assertEquals("m1199", ids.get(1199));
        assertTrue(batches.stream().allMatch(b -> b.size() <= TrackingQueue.BATCH), "batches of at most 500");
        assertTrue(batches.size() >= 3, "1200 in at least three batches: " + batches.size());
    }

    @Test
    void aFullQueueDropsAndCountsWithoutBlockingAndWhatWasQueuedIsWrittenAtClose() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<TrackingQueue.Seen> written = new CopyOnWriteArrayList<>();
        TrackingQueue queue = new TrackingQueue(5, batch -> {
            try {
                release.await(10, TimeUnit.SECONDS); // a database that hangs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.addAll(batch);
        });
        assertTrue(queue.offer(open(0)));
        Thread.sleep(200); // the writer holds the first one and hangs
        long start = System.nanoTime();
        int accepted = 0;
        for (int i = 1; i <= 100; i++) {
            accepted += queue.offer(open(i)) ? 1 : 0;
        }
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "offer never waits");
        assertEquals(5, accepted, "the queue holds five");
        assertEquals(95, queue.dropped());
        release.countDown();
        queue.close();
        assertEquals(6, written.size(), "the one being written and the five queued");
    }

    @Test
    void aFailingWriteLosesThatBatchOnlyAndTheQueueGoesOn() throws Exception {
        List<TrackingQueue.Seen> written = new CopyOnWriteArrayList<>();
        boolean[] fail = {true};
        try (TrackingQueue queue = new TrackingQueue(100, batch -> {
            if (fail[0]) {
                fail[0] = false;
                throw new IllegalStateException("database gone");
            }
            written.addAll(batch);
        })) {
            queue.offer(open(1));
            queue.flush();
            assertFalse(fail[0], "the first write failed");
            queue.offer(open(2));
            queue.flush();
        }
        assertEquals(
                List.of("m2"),
                written.stream().map(s -> s.tracked().messageId()).toList());
    }
}
