package org.cec.portal.analytics.internal.recording;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.data.TransactionWork;

/**
 * The module's database behind a gate: while it is shut, every transaction and read waits (the writer is
 * held and cannot empty the buffer) until the test opens it. It starts shut.
 */
final class GatedDatabase implements ModuleDatabase {

    private final ModuleDatabase db;
    private volatile CountDownLatch open = new CountDownLatch(1);
    private volatile CountDownLatch entered = new CountDownLatch(1);

    GatedDatabase(ModuleDatabase db) {
        this.db = db;
    }

    /** Lets every waiting and later call through. */
    void open() {
        open.countDown();
    }

    /** Holds the next calls again. */
    void shut() {
        entered = new CountDownLatch(1);
        open = new CountDownLatch(1);
    }

    /** Whether a call reached the shut gate within {@code seconds}. */
    boolean awaitEntered(long seconds) throws InterruptedException {
        return entered.await(seconds, TimeUnit.SECONDS);
    }

    private void await() {
        entered.countDown();
        try {
            open.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String module() {
        return db.module();
    }

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        await();
        return db.inTransaction(work);
    }

    @Override
    public <T> T inGroupCommit(TransactionWork<T> work) {
        await();
        return db.inGroupCommit(work);
    }

    @Override
    public <T> T read(TransactionWork<T> work) {
        await();
        return db.read(work);
    }
}
