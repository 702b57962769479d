package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A bad database configuration (here: nothing listens at the URL) is reported clearly, in the log,
 * in /health and without the password, while the pages that need no database keep working.
 */
class DatabaseConfigDistributionIT {

    private static final String SECRET = "not-to-be-logged-7f3a";

    @Test
    void unreachableDatabaseIsReportedAndPagesWithoutDatabaseKeepWorking() throws Exception {
        // The checks' messages are for configured addresses only (anonymous callers get names and status).
        try (RunningPortal portal = RunningPortal.start(
                "database-config",
                home -> Files.writeString(
                        home.resolve("etc/org.cec.portal.web.health.cfg.json"),
                        "{\"details.allowedAddresses\": [\"127.0.0.1\"]}"))) {
            int closedPort = RunningPortal.freePort();
            Path cfg = portal.home.resolve("etc/org.cec.portal.platform.database.cfg");
            Files.writeString(
                    cfg,
                    "url=jdbc:postgresql://127.0.0.1:" + closedPort + "/portal\n" + "user=portal\npassword=" + SECRET
                            + "\n");

            HttpResponse<String> health = null;
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline) {
                health = portal.get("/health");
                if (health.body().contains("Cannot connect to jdbc:postgresql://127.0.0.1:" + closedPort)) {
                    break;
                }
                Thread.sleep(200);
            }
            assertTrue(health.body().contains("Cannot connect"), health.body());
            assertEquals(503, health.statusCode(), health.body());
            assertTrue(health.body().contains("\"Database\""), health.body());
            assertFalse(health.body().contains(SECRET), "no password in /health");

            assertEquals(200, portal.get("/").statusCode(), "the home page needs no database");
            String log = portal.output();
            assertTrue(log.contains("Database: Cannot connect to jdbc:postgresql://127.0.0.1:" + closedPort), log);
            assertFalse(log.contains(SECRET), "no password in the log");
        }
    }
}
