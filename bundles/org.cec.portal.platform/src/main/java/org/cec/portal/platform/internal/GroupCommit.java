package org.cec.portal.platform.internal;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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

    private record Item(TransactionWork<?> work, CompletableFuture<Object> done) {}

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

    /** Runs {@code work} in the next group transaction and returns its result once that committed. */
    @SuppressWarnings("unchecked")
    <T> T run(TransactionWork<T> work) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        try {
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
                queue.put(new Item(work, done));
            }
            return (T) done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "Interrupted while waiting for the commit of module " + module
                            + "; the work may still be committed",
                    e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new TransactionFailedException((Exception) cause);
        }
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
        for (Item item : left) {
            item.done.completeExceptionally(
                    new IllegalStateException("The database of module " + module + " closed before this commit"));
        }
    }

    private void loop() {
        List<Item> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            Item first;
            try {
                first = queue.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null;
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
                for (Item item : batch) {
                    item.done.completeExceptionally(unexpected);
                }
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
                    pending.get(0).done.completeExceptionally(attempt.commitFailed());
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
                Iterator<Object> result = attempt.results().iterator();
                for (Item item : pending) {
                    item.done.complete(result.next());
                }
                return;
            }
            attempt.failed().done.completeExceptionally(attempt.failure());
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
        return new Attempt(results, null, null, null);
    }

    private static void rollbackQuietly(EntityTransaction tx) {
        try {
            if (tx.isActive()) {
                tx.rollback();
            }
        } catch (RuntimeException ignored) {
            // the transaction is gone with its connection
        }
    }
}
