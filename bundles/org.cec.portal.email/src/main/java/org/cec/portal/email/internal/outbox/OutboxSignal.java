package org.cec.portal.email.internal.outbox;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.osgi.service.component.annotations.Component;

/**
 * Wakes the sender: a message was committed to the outbox, or a transport appeared. A wake-up that
 * comes while nobody waits is kept until the next wait, so none is lost.
 */
@Component(service = OutboxSignal.class)
public final class OutboxSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long generation;

    /** Wakes every waiting sender thread. Quick; never blocks for long. */
    public void wake() {
        lock.lock();
        try {
            generation++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The current generation, to pass to {@link #await}. */
    long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until a wake-up after {@code seen}, or the timeout. */
    void await(long seen, long timeoutMillis) throws InterruptedException {
        long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            while (generation == seen && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }
}
