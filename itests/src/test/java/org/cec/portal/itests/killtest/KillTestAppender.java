package org.cec.portal.itests.killtest;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.events.PortalEvents;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Appends {@code killtest.tick} events, one per transaction and a few hundred a second, while the
 * marker file exists. After each
 * commit it writes the event's id to the "acked" file (fixed width, in place): the file is in the
 * kernel's page cache, which outlives a {@code kill -9} of the process, so the test knows the last
 * commit the portal acknowledged before it died.
 */
final class KillTestAppender implements Runnable {

    private final ModuleDatabase db;
    private final ServiceTracker<PortalEvents, PortalEvents> events;
    private final Path marker;
    private final Path acked;
    private final Thread thread = new Thread(this, "killtest-appender");
    private volatile boolean running = true;

    KillTestAppender(ModuleDatabase db, ServiceTracker<PortalEvents, PortalEvents> events, Path marker, Path acked) {
        this.db = db;
        this.events = events;
        this.marker = marker;
        this.acked = acked;
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        try (RandomAccessFile ack = new RandomAccessFile(acked.toFile(), "rw")) {
            while (running) {
                PortalEvents log = events.getService();
                if (log == null || !Files.exists(marker)) {
                    Thread.sleep(50);
                    continue;
                }
                try {
                    long id = db.inTransaction(em -> log.append(KillTestConsumer.TYPE, "{}"));
                    ack.seek(0);
                    ack.write(String.format("%19d%n", id).getBytes(StandardCharsets.US_ASCII));
                    Thread.sleep(3); // a steady flow the consumer keeps up with, not a flood
                } catch (RuntimeException e) {
                    if (running) {
                        System.err.println("killtest: append failed: " + e);
                        Thread.sleep(100);
                    }
                }
            }
        } catch (InterruptedException stopped) {
            // the module stops
        } catch (IOException e) {
            System.err.println("killtest: cannot write " + acked + ": " + e);
        }
    }
}
