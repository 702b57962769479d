package org.cec.portal.platform.internal;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.cec.portal.api.data.TransactionFailedException;
import org.cec.portal.api.data.TransactionWork;
import org.cec.portal.platform.internal.TransactionBinding.Bound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for one module: callers hand in their work and wait; one writer thread takes whatever
 * work is waiting (up to {@link #MAX_BATCH}) and runs it in one transaction with one commit, so a
 * hundred concurrent submissions cost one commit (and one turn on the event counter row) instead of a
 * hundred. Each caller returns only after the commit that contains its work: what it was told is
 * stored is stored.
 *
 * <p>One caller's failure never costs the others their work: each work is flushed on its own, and when
 * one fails the transaction is rolled back, that work's caller gets its exception, and the rest of the
 * batch runs again without it. If the commit itself fails, every work of the batch runs again in a
 * transaction of its own. A work may therefore run more than once; only its last run is committed.
 */
final class GroupCommit {

    /** The most work items one transaction takes. */
    static final int MAX_BATCH = 256;

    private static final int QUEUE_CAPACITY = 4096;
    private static final long IDLE_POLL_MS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    /**
     * One caller's work and, once its commit is decided, its outcome. The writer never wakes the
     * callers of a batch one by one: each wake-up is a system call, and a woken thread tends to take
     * the writer's core at once, so waking forty callers stalled the writer (the one thread every
     * submission waits for) again and again. The writer wakes only the first caller of the batch;
     * each caller wakes two more before it returns, so the batch is awake after a handful of steps
     * (see {@link #complete}).
     */
    private static final class Item {
        final TransactionWork<?> work;
        final Thread waiter = Thread.currentThread();
        Object result;
        Throwable failure;
        Item wakeFirst;
        Item wakeSecond;
        /** Written last by the writer: the fields above are visible once it is true. */
        volatile boolean done;

        Item(TransactionWork<?> work) {
            this.work = work;
        }

        /** Waits for the outcome (ignoring interrupts until then), then wakes the callers it is to wake. */
        Object await() {
            boolean interrupted = false;
            while (!done) {
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
            if (wakeFirst != null) {
                LockSupport.unpark(wakeFirst.waiter);
            }
            if (wakeSecond != null) {
                LockSupport.unpark(wakeSecond.waiter);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return result;
        }
    }

    private final String module;
    private final EntityManagerFactory emf;
    private final TransactionBinding binding;
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Object lifecycle = new Object();
    private Thread writer;
    private boolean closed;

    GroupCommit(String module, EntityManagerFactory emf, TransactionBinding binding) {
        this.module = module;
        this.emf = emf;
        this.binding = binding;
    }

    /**
     * Runs {@code work} in the next group transaction and returns its result once that committed. The
     * wait is not interrupted: the outcome comes with the batch's commit, and the callers after this
     * one are woken by this one.
     */
    @SuppressWarnings("unchecked")
    <T> T run(TransactionWork<T> work) {
        Item item = new Item(work);
        synchronized (lifecycle) {
            // Under the lock: once close() has run, nothing new enters the queue.
            if (closed) {
                throw new IllegalStateException("The database of module " + module + " is closed");
            }
            if (writer == null) {
                writer = new Thread(this::loop, "cec-group-commit-" + module);
                writer.setDaemon(true);
                writer.start();
            }
            try {
                queue.put(item);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(
                        "Interrupted while waiting to hand work to the database of module " + module, e);
            }
        }
        T result = (T) item.await();
        Throwable failure = item.failure;
        if (failure == null) {
            return result;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new TransactionFailedException((Exception) failure);
    }

    /**
     * Hands each item its outcome ({@code results} in the items' order, or {@code failure} for all),
     * then wakes the first caller; the caller of item i wakes those of items 2i+1 and 2i+2 (see {@link
     * Item}).
     */
    private static void complete(List<Item> items, List<Object> results, Throwable failure) {
        if (items.isEmpty()) {
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            item.wakeFirst = 2 * i + 1 < items.size() ? items.get(2 * i + 1) : null;
            item.wakeSecond = 2 * i + 2 < items.size() ? items.get(2 * i + 2) : null;
            if (failure != null) {
                item.failure = failure;
            } else {
                item.result = results.get(i);
            }
        }
        for (Item item : items) {
            item.done = true;
        }
        LockSupport.unpark(items.get(0).waiter);
    }

    /** How many works wait for the writer (for tests). */
    int waiting() {
        return queue.size();
    }

    /**
     * Commits the work that is waiting, then stops the writer. The writer is never interrupted: an
     * interrupt during file I/O can close H2's file channel.
     */
    void close() {
        Thread stopping;
        synchronized (lifecycle) {
            closed = true;
            stopping = writer;
        }
        if (stopping != null) {
            try {
                stopping.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        failWaiting();
    }

    private void failWaiting() {
        List<Item> left = new ArrayList<>();
        queue.drainTo(left);
        complete(
                left,
                null,
                new IllegalStateException("The database of module " + module + " closed before this commit"));
    }

    private void loop() {
        List<Item> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            Item first;
            try {
                first = queue.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null; // never interrupted by us (see close()); the closed flag ends the loop
            }
            if (first == null) {
                synchronized (lifecycle) {
                    if (closed && queue.isEmpty()) {
                        return;
                    }
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            try {
                commit(batch);
            } catch (RuntimeException | Error unexpected) {
                // Never leave a caller waiting, whatever went wrong.
                List<Item> waiting = new ArrayList<>();
                for (Item item : batch) {
                    if (!item.done) {
                        waiting.add(item);
                    }
                }
                complete(waiting, null, unexpected);
            }
            batch.clear();
        }
    }

    /** Commits the batch, leaving out work that fails; completes every item's future. */
    private void commit(List<Item> batch) {
        List<Item> pending = new ArrayList<>(batch);
        while (!pending.isEmpty()) {
            Attempt attempt = attempt(pending);
            if (attempt.commitFailed() != null) {
                if (pending.size() == 1) {
                    complete(pending, null, attempt.commitFailed());
                    return;
                }
                LOG.warn(
                        "A group commit of {} works for module {} failed ({}); committing each on its own",
                        pending.size(),
                        module,
                        attempt.commitFailed().getClass().getName());
                for (Item item : pending) {
                    commit(List.of(item));
                }
                return;
            }
            if (attempt.failed() == null) {
                complete(pending, attempt.results(), null);
                return;
            }
            complete(List.of(attempt.failed()), null, attempt.failure());
            pending.remove(attempt.failed());
        }
    }

    /**
     * One try at committing {@code pending}: committed with their results; or rolled back with the item
     * whose work failed; or rolled back because the commit itself failed.
     */
    private record Attempt(
            List<Object> results, Item failed, RuntimeException failure, RuntimeException commitFailed) {}

    private Attempt attempt(List<Item> pending) {
        List<Object> results = new ArrayList<>(pending.size());
        EntityManager em = emf.createEntityManager();
        Bound bound = new Bound(module, em, false);
        EntityTransaction tx = em.getTransaction();
        binding.bind(bound);
        try {
            tx.begin();
            for (Item item : pending) {
                try {
                    results.add(item.work.run(em));
                    em.flush();
                    // Flushed rows stay in the transaction; the unit of work starts small for the next.
                    em.clear();
                } catch (Exception e) {
                    tx.rollback();
                    return new Attempt(
                            null, item, e instanceof RuntimeException r ? r : new TransactionFailedException(e), null);
                }
            }
            bound.beforeCommit();
            tx.commit();
        } catch (RuntimeException commitFailed) {
            return new Attempt(null, null, null, commitFailed);
        } finally {
            rollbackQuietly(tx); // when the commit, a rollback or an Error left it active
            binding.unbind();
            em.close();
        }
        if (bound.eventsAppended) {
            binding.eventsCommitted();
        }
        TransactionBinding.afterCommit(bound);
        return new Attempt(results, null, null, null);
    }

    private static void rollbackQuietly(EntityTransaction tx) {
        try {
            if (tx.isActive()) {
                tx.rollback();
            }
        } catch (RuntimeException gone) {
            // The transaction went with its connection; the caller already has the error that caused it.
            LOG.debug("Rollback after a failed group commit failed too: {}", gone.toString());
        }
    }
}
