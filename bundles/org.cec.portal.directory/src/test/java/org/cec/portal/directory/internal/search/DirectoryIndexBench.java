package org.cec.portal.directory.internal.search;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.ContractorQuery;
import org.cec.portal.directory.internal.DirectorySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: how long a search of 100,000 contractors (at random ZIP centroids over the US) takes, for
 * random ZIPs with radius 25 and a service, from 16 threads. Run it with {@code -Dtest=DirectoryIndexBench
 * -Dcec.bench=true}; it prints the percentiles and the time to build an index.
 */
@EnabledIfSystemProperty(named = "cec.bench", matches = "true")
class DirectoryIndexBench {

    static final List<String> SERVICES = List.of(
            "solar-pv",
            "battery-storage",
            "heat-pump",
            "heat-pump-water-heater",
            "insulation-air-sealing",
            "ev-charger",
            "home-energy-audit",
            "panel-upgrade");

    static List<String> zips() throws Exception {
        List<String> zips = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                DirectoryIndexBench.class.getResourceAsStream("/data/us-zip-centroids.csv"), StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                zips.add(line.substring(0, 5));
            }
        }
        return zips;
    }

    @Test
    void searchOf100000Contractors() throws Exception {
        List<String> zips = zips();
        Random random = new Random(1);
        MemoryChanges store = new MemoryChanges();
        Contractor[] all = new Contractor[100_000];
        for (int i = 0; i < all.length; i++) {
            String zip = zips.get(random.nextInt(zips.size()));
            Set<String> services = new TreeSet<>();
            int n = 1 + random.nextInt(3);
            while (services.size() < n) {
                services.add(SERVICES.get(random.nextInt(SERVICES.size())));
            }
            all[i] = new Contractor(
                    "b-" + i,
                    "Bench " + i,
                    services,
                    zip,
                    ContractorSearchTest.ZIPS.centroid(zip).orElseThrow(),
                    10 + random.nextInt(41),
                    null,
                    null,
                    null,
                    null,
                    random.nextBoolean() ? Set.of("en", "es") : Set.of("en"),
                    null,
                    null,
                    null,
                    null,
                    true,
                    Contractor.BUILT_IN,
                    null);
        }
        store.put(all);
        long t0 = System.nanoTime();
        IndexedDirectory directory = new IndexedDirectory(
                store,
                ContractorSearchTest.ZIPS,
                TestMessages.directory(),
                null,
                DirectorySettings.defaults(),
                ContractorSearchTest.CLOCK);
        System.out.printf(Locale.ROOT, "index of 100,000 built in %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        try {
            for (int round = 0; round < 3; round++) {
                run(directory, zips, 16, round == 2);
            }
            run(directory, zips, 1, true);
            run(directory, zips, 2, true);
            t0 = System.nanoTime();
            directory.refreshStore();
            store.put(all[5]);
            System.out.printf(Locale.ROOT, "one change re-indexed in %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        } finally {
            directory.deactivate();
        }
    }

    private static void run(IndexedDirectory directory, List<String> zips, int threads, boolean print)
            throws Exception {
        int perThread = 80_000 / threads;
        long[] times = new long[threads * perThread];
        AtomicLong matches = new AtomicLong();
        CountDownLatch done = new CountDownLatch(threads);
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int id = t;
            new Thread(() -> {
                        Random r = new Random(id);
                        for (int k = 0; k < perThread; k++) {
                            String zip = zips.get(r.nextInt(zips.size()));
                            String service = SERVICES.get(r.nextInt(SERVICES.size()));
                            long s = System.nanoTime();
                            matches.addAndGet(directory
                                    .search(new ContractorQuery(zip, 25, service, null, null, 1, 20), Locale.ENGLISH)
                                    .total());
                            times[id * perThread + k] = System.nanoTime() - s;
                        }
                        done.countDown();
                    })
                    .start();
        }
        done.await();
        double wall = (System.nanoTime() - t0) / 1e9;
        Arrays.sort(times);
        if (print) {
            System.out.printf(
                    Locale.ROOT,
                    "%d threads: %d searches in %.2f s (%.0f/s), %.1f matches each; p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                    threads,
                    times.length,
                    wall,
                    times.length / wall,
                    matches.get() / (double) times.length,
                    times[times.length / 2] / 1e6,
                    times[(int) (times.length * 0.99)] / 1e6,
                    times[times.length - 1] / 1e6);
        }
    }
}
