package org.cec.portal.email.internal.tracking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens and clicks on their way to the event log: the pixel and the redirect answer at once, and one
 * thread writes what they saw in batches (one transaction for up to {@value #BATCH} of them). Bounded:
 * when it is full (the database is slow or gone) further opens and clicks are dropped and counted,
 * and the request that saw them is never held up. What is queued when the module stops is written
 * first (for at most {@link #CLOSE_WAIT}).
 */
final class TrackingQueue implements AutoCloseable {

    /** An open or a click seen by the servlet: the event type and what the token named. */
    record Seen(String type, TrackingLinks.Tracked tracked) {}

    static final int BATCH = 500;
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(TrackingQueue.class);

    private final BlockingQueue<Seen> queue;
    private final Consumer<List<Seen>> writer;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    /** Queued and not yet written (or given up): what {@link #flush} waits for. */
    private final AtomicInteger pending = new AtomicInteger();

    /** Notified after each batch. */
    private final Object written = new Object();

    private volatile boolean closing;

    /**
     * @param writer writes one batch (in one transaction); what it throws is logged and the batch lost
     */
    TrackingQueue(int capacity, Consumer<List<Seen>> writer) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = writer;
        this.thread = new Thread(this::run, "cec-email-tracking");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues what was seen; false (and counted) when the queue is full. Never blocks. */
    boolean offer(Seen seen) {
        pending.incrementAndGet();
        if (queue.offer(seen)) {
            return true;
        }
        pending.decrementAndGet();
        long n = dropped.incrementAndGet();
        if (Long.bitCount(n) == 1) { // 1, 2, 4, 8, ...: a full queue does not flood the log
            LOG.warn("The tracking queue is full: {} opens and clicks were not recorded so far", n);
        }
        return false;
    }

    /** How many opens and clicks were dropped because the queue was full. */
    long dropped() {
        return dropped.get();
    }

    /**
     * Returns once everything queued so far is written (for tests and for stopping), waiting at most
     * {@link #CLOSE_WAIT}. The writer thread alone writes, so the order of what was seen is kept; when it
     * has already ended, what is left is written here.
     */
    void flush() {
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        synchronized (written) {
            while (pending.get() > 0 && thread.isAlive()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    LOG.warn("The tracking queue did not finish writing within {} s", CLOSE_WAIT.toSeconds());
                    return;
                }
                try {
                    written.wait(Math.min(left, 100));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (!thread.isAlive()) {
            List<Seen> batch = new ArrayList<>();
            while (queue.drainTo(batch, BATCH) > 0) {
                write(batch);
                batch.clear();
            }
        }
    }

    private void run() {
        List<Seen> batch = new ArrayList<>(BATCH);
        while (!closing || !queue.isEmpty()) {
            Seen first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, BATCH - 1);
            write(batch);
            batch.clear();
        }
    }

    private void write(List<Seen> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            writer.accept(List.copyOf(batch));
        } catch (RuntimeException e) {
            // never the token or the address: only how many and why
            LOG.warn(
                    "{} opens and clicks could not be recorded: {}",
                    batch.size(),
                    e.getClass().getName());
        } finally {
            pending.addAndGet(-batch.size());
            synchronized (written) {
                written.notifyAll();
            }
        }
    }

    @Override
    public void close() {
        closing = true; // the thread writes what is queued, then ends
        try {
            thread.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("The tracking queue did not finish writing within {} s", CLOSE_WAIT.toSeconds());
            thread.interrupt();
        }
    }
}
