package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cec.portal.itests.support.TestBundles;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 4 of issue 10: an upgrade of the embedded H2 database writes no copy of personal data
 * outside the data folder. A request is stored, the portal is stopped, a module with a new migration
 * is added, and the portal is started again with {@code java.io.tmpdir} pointing at a fresh folder
 * that the test watches while the migration runs: no file appears there but FileInstall's copies of the
 * bundles it installs (before the fix the whole
 * database, the request's email included, was dumped to a temporary file for a trial run), the new
 * migration is applied and the request is still there.
 */
class UpgradeTempFilesDistributionIT {

    private static final String EMAIL = "upgrade.owner@example.com";
    private static final String NAME = "Upgrade Owner";

    @Test
    void anUpgradeWithANewMigrationWritesNoCopyOfThePersonalDataIntoTheTempFolder() throws Exception {
        RunningPortal portal = RunningPortal.start("upgrade-h2");
        Path tmp = portal.home.resolveSibling("tmp-upgrade");
        try {
            submit(portal);
            assertEquals(143, portal.terminate(Duration.ofSeconds(60)), "stopped cleanly by SIGTERM");
            deployModuleWithMigration(portal);

            Files.createDirectories(tmp);
            List<String> created = Collections.synchronizedList(new ArrayList<>());
            List<String> withData = Collections.synchronizedList(new ArrayList<>());
            try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
                tmp.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
                Thread watch = new Thread(() -> watch(watcher, tmp, created, withData), "tmp-watch");
                watch.setDaemon(true);
                watch.start();
                portal = portal.restart(Map.of("JAVA_OPTS", "-Djava.io.tmpdir=" + tmp));
                awaitMigrated(portal);
                assertEquals(143, portal.terminate(Duration.ofSeconds(60)), "stopped cleanly by SIGTERM");
            }
            List<String> left = new ArrayList<>();
            try (Stream<Path> files = Files.walk(tmp)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    left.add(tmp.relativize(f).toString());
                    if (holdsPersonalData(f)) {
                        withData.add(tmp.relativize(f).toString());
                    }
                }
            }
            assertEquals(List.of(), withData, "files in java.io.tmpdir holding the request's email or name");
            // FileInstall copies each bundle it installs from deploy/ through a temporary file: code, no data.
            List<String> others =
                    created.stream().filter(n -> !n.startsWith("fileinstall-")).toList();
            assertEquals(List.of(), others, "files created in java.io.tmpdir during the upgrade (left: " + left + ")");

            try (Connection c = h2(portal);
                    Statement s = c.createStatement()) {
                assertEquals(1, count(s, "SELECT COUNT(*) FROM platform_migration WHERE module = 'upgradetest'"));
                assertEquals(1, count(s, "SELECT COUNT(*) FROM intake_request WHERE email = '" + EMAIL + "'"));
            }
        } finally {
            portal.close();
        }
    }

    /** Stores one request through the JSON API (no Origin: a server-side client), retrying until intake is up. */
    private static void submit(RunningPortal portal) throws Exception {
        String json = "{\"name\":\"" + NAME + "\",\"email\":\"" + EMAIL + "\",\"phone\":\"+1 415 555 0134\","
                + "\"city\":\"Oakland\",\"zip\":\"94607\",\"services\":[\"ev-charger\"],\"ageConfirmed\":true}";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = portal.send(HttpRequest.newBuilder(portal.uri("/api/v1/requests"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
            if (r.statusCode() == 201) {
                return;
            }
            last = r.statusCode() + " " + r.body();
            Thread.sleep(200);
        }
        fail("The request was not stored: " + last);
    }

    /** A module with its first migration: pending at the next start, so the platform migrates then. */
    private static void deployModuleWithMigration(RunningPortal portal) throws IOException {
        byte[] jar = TestBundles.bundle("org.cec.portal.itests.upgradetest")
                .header("CEC-Module-Database", "upgradetest")
                .text(
                        "db/migration/V1__upgradetest_tables.sql",
                        "CREATE TABLE upgradetest_item (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL);\n")
                .emptyPersistenceUnit("upgradetest")
                .build();
        portal.deploy("upgradetest.jar", jar);
    }

    private static void awaitMigrated(RunningPortal portal) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (portal.output().contains("Module database upgradetest: Schema of")) {
                return;
            }
            Thread.sleep(100);
        }
        fail("The upgradetest module was not migrated:\n" + portal.output());
    }

    /** Records every file created in {@code dir}, reading each as soon as it appears. */
    private static void watch(WatchService watcher, Path dir, List<String> created, List<String> withData) {
        try {
            while (true) {
                WatchKey key = watcher.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() instanceof Path name) {
                        if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE
                                && !created.contains(name.toString())) {
                            created.add(name.toString());
                        }
                        Path file = dir.resolve(name);
                        if (Files.isRegularFile(file) && holdsPersonalData(file)) {
                            withData.add(name.toString());
                        }
                    }
                }
                if (!key.reset()) {
                    return;
                }
            }
        } catch (InterruptedException | java.nio.file.ClosedWatchServiceException done) {
            // the test is over
        }
    }

    private static boolean holdsPersonalData(Path file) {
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            return text.contains(EMAIL) || text.contains(NAME);
        } catch (IOException gone) {
            return false; // deleted meanwhile
        }
    }

    private static Connection h2(RunningPortal portal) throws Exception {
        Path file = portal.dataDir.resolve("db/portal").toAbsolutePath();
        return DriverManager.getConnection("jdbc:h2:file:" + file + ";MODE=LEGACY;IFEXISTS=TRUE", "sa", "");
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
