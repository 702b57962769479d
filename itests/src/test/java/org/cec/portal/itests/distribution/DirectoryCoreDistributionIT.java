package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cec.portal.itests.support.PostgresSchema;
import org.junit.jupiter.api.Test;

/**
 * The directory's store and search in the assembled distribution: on a fresh embedded H2 database the
 * 200 demonstration contractors are loaded once (with one event each) and the directory starts without
 * errors; on PostgreSQL nothing is loaded unless asked.
 */
class DirectoryCoreDistributionIT {

    private static final String LOADED = "Loaded 200 fictional demonstration contractors";

    @Test
    void aFreshEmbeddedDatabaseGetsTheDemoContractorsOnce() throws Exception {
        RunningPortal portal = RunningPortal.start("directory-core-h2");
        try {
            awaitLog(portal, LOADED);
            assertEquals(200, portal.get("/health").statusCode());
            assertActive(portal, "org.cec.portal.directory.internal.search.IndexedDirectory");
            assertActive(portal, "org.cec.portal.directory.internal.store.StoredContractors");
            assertActive(portal, "org.cec.portal.platform.internal.CensusZipCentroids");
            assertNoDirectoryProblems(portal.output());
            assertEquals(143, portal.terminate(Duration.ofSeconds(60)), "stopped cleanly by SIGTERM");
            try (Connection c = h2(portal)) {
                assertEquals(200, count(c, "SELECT COUNT(*) FROM directory_contractor WHERE source = 'demo'"));
                assertEquals(190, count(c, "SELECT COUNT(*) FROM directory_contractor WHERE active = TRUE"));
                assertEquals(
                        200,
                        count(c, "SELECT COUNT(*) FROM platform_event WHERE type = 'directory.contractor-changed'"));
            }

            // Started again on the same data: the directory is not empty, nothing is loaded twice.
            RunningPortal again = portal.restart();
            try {
                assertEquals(200, again.get("/health").statusCode());
                Thread.sleep(2000);
                assertFalse(again.output().contains(LOADED), "loaded once");
                assertNoDirectoryProblems(again.output());
            } finally {
                again.terminate(Duration.ofSeconds(60));
            }
            try (Connection c = h2(portal)) {
                assertEquals(200, count(c, "SELECT COUNT(*) FROM directory_contractor"));
            }
        } finally {
            portal.close();
        }
    }

    @Test
    void onPostgresqlNoDemoContractorsAreLoadedUnlessAsked() throws Exception {
        PostgresSchema db = PostgresSchema.create("directory");
        try {
            RunningPortal portal = RunningPortal.start(
                    "directory-core-postgresql",
                    home -> Files.writeString(
                            home.resolve("etc/org.cec.portal.platform.database.cfg"), db.platformConfiguration()));
            try {
                assertEquals(200, portal.get("/health").statusCode());
                awaitTables(db);
                Thread.sleep(2000);
                assertFalse(portal.output().contains(LOADED), portal.output());
                assertNoDirectoryProblems(portal.output());
            } finally {
                portal.close();
            }
            try (Connection c = db.connect()) {
                assertEquals(0, count(c, "SELECT COUNT(*) FROM directory_contractor"));
            }
        } finally {
            db.drop();
        }
    }

    private static void awaitLog(RunningPortal portal, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (portal.output().contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("No log line '" + text + "' within 60 s:\n" + portal.output());
    }

    private static void awaitTables(PostgresSchema db) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = db.connect()) {
                count(c, "SELECT COUNT(*) FROM directory_revision");
                return;
            } catch (SQLException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("The directory's tables were not migrated within 60 s");
    }

    /** The console's Components page (its JSON) lists the DS component {@code name} as active. */
    private static void assertActive(RunningPortal portal, String name) throws Exception {
        HttpResponse<String> r = portal.send(HttpRequest.newBuilder(portal.uri("/system/console/components.json"))
                .header("Authorization", portal.adminAuthorization()));
        assertEquals(200, r.statusCode());
        Matcher m = Pattern.compile("\\{[^{}]*\"name\":\"" + Pattern.quote(name) + "\"[^{}]*\\}")
                .matcher(r.body());
        assertTrue(m.find(), name + " in " + r.body());
        assertTrue(m.group().contains("\"state\":\"active\""), m.group());
    }

    /** No ERROR at all, and no WARN of the directory's own classes (logger names are shortened: o.c.p.d.). */
    private static void assertNoDirectoryProblems(String output) {
        List<String> bad = output.lines()
                .filter(l -> l.contains("ERROR")
                        || (l.contains("WARN") && (l.contains("org.cec.portal.directory") || l.contains(" o.c.p.d."))))
                .toList();
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }

    private static Connection h2(RunningPortal portal) throws SQLException {
        return portal.h2();
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
