package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cec.portal.itests.killtest.KillTestModule;
import org.cec.portal.itests.support.PostgresSchema;
import org.cec.portal.itests.support.TestBundles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Acceptance 4 of the platform data issue: the portal process killed with {@code kill -9} in the
 * middle of event dispatch, then restarted on the same installation and data: no committed event
 * is lost, and none is applied twice by an idempotent consumer.
 *
 * <p>The test module {@code killtest} (see {@link KillTestModule}) is deployed into the portal's
 * {@code deploy/} folder: it has its own database (migration below), appends one event per
 * transaction from a background thread and consumes them idempotently (effect and handled id in one
 * transaction). After the kill and the restart the appender goes on for a while, is then stopped, and
 * once the consumer has caught up the portal is stopped cleanly and its database is checked with a
 * direct JDBC connection.
 */
class KillDuringDispatchDistributionIT {

    private static final String MIGRATION = "CREATE TABLE killtest_effect (event_id BIGINT NOT NULL);\n"
            + "CREATE TABLE killtest_handled (event_id BIGINT NOT NULL);\n"
            + "CREATE INDEX killtest_handled_event ON killtest_handled (event_id);\n"
            + "CREATE TABLE killtest_redelivery (event_id BIGINT NOT NULL);\n";

    /** The consumer's row on the console's event log page: position, then lag. */
    private static final Pattern CONSUMER_ROW =
            Pattern.compile("<td>killtest\\.effects</td><td>[^<]*</td><td>(\\d+)</td><td>(\\d+)</td>");

    private static final Duration WAIT = Duration.ofSeconds(60);

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void killedDuringDispatchThenRestartedLosesNoCommittedEventAndAppliesNoneTwice(String kind) throws Exception {
        PostgresSchema db = kind.equals("h2") ? null : PostgresSchema.create("kill");
        RunningPortal portal = RunningPortal.start("kill-dispatch-" + kind, home -> {
            if (db != null) {
                Files.writeString(home.resolve("etc/org.cec.portal.platform.database.cfg"), db.platformConfiguration());
            }
        });
        try {
            Path marker = Files.createFile(portal.dataDir.resolve("killtest-append"));
            deployModule(portal);

            // Let events flow and be dispatched, then kill the JVM while the consumer is behind.
            long[] atKill = awaitConsumer(portal, (position, lag) -> position >= 300 && lag >= 100);
            portal.kill();
            long lastAcknowledged = lastAcknowledged(portal);
            assertTrue(lastAcknowledged > 0, "the appender acknowledged commits before the kill");

            portal = portal.restart();
            // The appender goes on after the restart; the consumer passes the point where it was killed.
            long before = atKill[0] + atKill[1];
            awaitConsumer(portal, (position, lag) -> position > before);
            Files.delete(marker);
            awaitConsumer(portal, (position, lag) -> lag == 0);
            Thread.sleep(500); // an append in flight when the marker went
            long[] end = awaitConsumer(portal, (position, lag) -> lag == 0);
            assertEquals(143, portal.terminate(Duration.ofSeconds(60)), "stopped cleanly by SIGTERM");

            try (Connection c = db == null ? h2(portal) : db.connect()) {
                long events = count(c, "SELECT COUNT(*) FROM platform_event WHERE type = 'killtest.tick'");
                long handled = count(c, "SELECT COUNT(*) FROM killtest_handled");
                long handledIds = count(c, "SELECT COUNT(DISTINCT event_id) FROM killtest_handled");
                long effects = count(c, "SELECT COUNT(*) FROM killtest_effect");
                long effectIds = count(c, "SELECT COUNT(DISTINCT event_id) FROM killtest_effect");
                long unhandled = count(
                        c,
                        "SELECT COUNT(*) FROM platform_event e WHERE e.type = 'killtest.tick' AND NOT EXISTS"
                                + " (SELECT 1 FROM killtest_handled h WHERE h.event_id = e.id)");
                long unknown = count(
                        c,
                        "SELECT COUNT(*) FROM killtest_effect f WHERE NOT EXISTS"
                                + " (SELECT 1 FROM platform_event e WHERE e.id = f.event_id)");
                long acknowledgedThere = count(
                        c,
                        "SELECT COUNT(*) FROM platform_event WHERE type = 'killtest.tick' AND id = "
                                + lastAcknowledged);
                long redelivered = count(c, "SELECT COUNT(*) FROM killtest_redelivery");
                // positions count every event of the log (other modules append too), not only the ticks
                long appendedAfter =
                        count(c, "SELECT COUNT(*) FROM platform_event WHERE type = 'killtest.tick' AND id > " + before);
                String summary = kind + ": " + events + " events, " + handled + " handled, " + effects
                        + " effects, killed at position " + atKill[0] + " with lag " + atKill[1]
                        + ", last acknowledged before the kill " + lastAcknowledged + ", redeliveries skipped "
                        + redelivered + ", final position " + end[0];
                System.out.println("KillDuringDispatchDistributionIT " + summary);

                assertTrue(appendedAfter > 0, "events were appended after the restart too: " + summary);
                assertEquals(1, acknowledgedThere, "the last commit acknowledged before kill -9 survived: " + summary);
                assertEquals(0, unhandled, "every committed event was handled: " + summary);
                assertEquals(events, handled, "each handled once: " + summary);
                assertEquals(events, handledIds, summary);
                assertEquals(events, effects, "each effect applied once: " + summary);
                assertEquals(events, effectIds, summary);
                assertEquals(0, unknown, "no effect of an event that was not committed: " + summary);
                // Usually the kill lands in the middle of a batch whose position was not committed
                // yet, and its handled events come again after the restart (redelivered > 0); it may
                // also land between two batches. Either way the counts above must hold, which is what
                // this test proves; redelivery itself is proven by DispatcherTest's crash test.
                System.out.println("kill test: " + summary + ", redelivered after restart: " + redelivered);
            }
        } finally {
            portal.close();
            if (db != null) {
                db.drop();
            }
        }
    }

    static void deployModule(RunningPortal portal) throws Exception {
        byte[] jar = TestBundles.bundle("org.cec.portal.itests.killtest")
                .header("Bundle-Activator", KillTestModule.class.getName())
                .header("CEC-Module-Database", "killtest")
                .header(
                        "Import-Package",
                        "org.cec.portal.api.data;version=\"[1.0,2)\",org.cec.portal.api.events;version=\"[1.0,2)\","
                                + "jakarta.persistence;version=\"[3.0,4)\",org.osgi.framework;version=\"[1.8,2)\","
                                + "org.osgi.util.tracker;version=\"[1.5,2)\"")
                .classes(KillTestModule.bundleClasses())
                .text("db/migration/V1__killtest_tables.sql", MIGRATION)
                .emptyPersistenceUnit("killtest")
                .build();
        portal.deploy("killtest.jar", jar);
    }

    @FunctionalInterface
    interface ConsumerState {
        boolean test(long position, long lag);
    }

    /** Reads the consumer's position and lag from the console's event log page until {@code done}. */
    static long[] awaitConsumer(RunningPortal portal, ConsumerState done) throws Exception {
        String auth = portal.adminAuthorization();
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> page =
                    portal.send(java.net.http.HttpRequest.newBuilder(portal.uri("/system/console/events"))
                            .header("Authorization", auth));
            last = "HTTP " + page.statusCode();
            Matcher m = CONSUMER_ROW.matcher(page.body());
            if (page.statusCode() == 200 && m.find()) {
                long position = Long.parseLong(m.group(1));
                long lag = Long.parseLong(m.group(2));
                last = "position " + position + ", lag " + lag;
                if (done.test(position, lag)) {
                    return new long[] {position, lag};
                }
            }
            Thread.sleep(50);
        }
        fail("The killtest consumer did not get there within " + WAIT + "; last: " + last + "\n" + portal.output());
        return null;
    }

    private static long lastAcknowledged(RunningPortal portal) throws Exception {
        String text = Files.readString(portal.dataDir.resolve("killtest-acked"), StandardCharsets.US_ASCII)
                .trim();
        return text.isEmpty() ? 0 : Long.parseLong(text);
    }

    private static Connection h2(RunningPortal portal) throws SQLException {
        Path file = portal.dataDir.resolve("db/portal").toAbsolutePath();
        return DriverManager.getConnection("jdbc:h2:file:" + file + ";MODE=LEGACY;IFEXISTS=TRUE", "sa", "");
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
