package org.cec.portal.directory.internal.console;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.directory.internal.store.ContractorRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploaded CSV files between their preview and their import, and the imports running in the background
 * (one at a time). Everything stays in memory, never in a file: a file may hold contractors' contact
 * data. A job is forgotten an hour after it was uploaded; at most {@link #MAX_JOBS} are kept.
 */
final class ImportJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImportJobs.class);
    static final int MAX_JOBS = 8;
    private static final Duration KEEP = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    enum State {
        PREVIEW,
        RUNNING,
        DONE,
        FAILED
    }

    /** One uploaded file: its parse result, then its import's progress. */
    static final class Job {
        final String id;
        final String fileName;
        final Instant uploaded;
        final ContractorCsv.Parsed parsed;
        final AtomicInteger done = new AtomicInteger();
        volatile State state = State.PREVIEW;
        volatile int imported;

        Job(String id, String fileName, Instant uploaded, ContractorCsv.Parsed parsed) {
            this.id = id;
            this.fileName = fileName;
            this.uploaded = uploaded;
            this.parsed = parsed;
        }

        int total() {
            return parsed.contractors().size();
        }
    }

    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "directory-console-import");
        t.setDaemon(true);
        return t;
    });

    /** Keeps {@code parsed} for its preview; returns the new job. */
    synchronized Job add(String fileName, ContractorCsv.Parsed parsed) {
        expire();
        while (jobs.size() >= MAX_JOBS) {
            Optional<String> oldest = jobs.values().stream()
                    .filter(j -> j.state != State.RUNNING)
                    .map(j -> j.id)
                    .findFirst();
            if (oldest.isEmpty()) {
                break;
            }
            jobs.remove(oldest.get());
        }
        byte[] token = new byte[16];
        RANDOM.nextBytes(token);
        Job job = new Job(HexFormat.of().formatHex(token), fileName, Instant.now(), parsed);
        jobs.put(job.id, job);
        return job;
    }

    synchronized Optional<Job> find(String id) {
        expire();
        return Optional.ofNullable(id == null ? null : jobs.get(id));
    }

    /**
     * Starts importing the job's contractors in one transaction; false when it has errors or was
     * started already.
     */
    boolean start(Job job, ContractorRegistry registry) {
        synchronized (this) {
            if (job.state != State.PREVIEW || !job.parsed.ok()) {
                return false;
            }
            job.state = State.RUNNING;
        }
        List<Contractor> contractors = job.parsed.contractors();
        worker.execute(() -> {
            try {
                job.imported = registry.importAll(contractors, job.done::set);
                job.done.set(job.imported);
                job.state = State.DONE;
                LOG.info("Console import of {} contractors done", job.imported);
            } catch (RuntimeException e) {
                job.state = State.FAILED;
                LOG.warn(
                        "Console import of {} contractors failed, nothing imported: {}",
                        contractors.size(),
                        e.getClass().getName());
            }
        });
        return true;
    }

    private void expire() {
        Instant limit = Instant.now().minus(KEEP);
        jobs.values().removeIf(j -> j.state != State.RUNNING && j.uploaded.isBefore(limit));
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            jobs.clear();
        }
    }
}
