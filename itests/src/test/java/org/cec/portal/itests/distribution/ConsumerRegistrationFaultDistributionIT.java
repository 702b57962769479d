package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.cec.portal.itests.faulttest.LatecomerModule;
import org.cec.portal.itests.support.PostgresSchema;
import org.cec.portal.itests.support.TcpProxy;
import org.cec.portal.itests.support.TestBundles;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 3 of issue 10: the database becomes unreachable while a new event consumer registers.
 * The portal reaches its PostgreSQL through a {@link TcpProxy} of this test, so only this portal
 * loses the database (the shared server keeps running), cut at the moment the new consumer's row is
 * sent. After recovery the consumer receives every
 * event, each once and in order, and while it waits the {@code Event log} check says WARN, naming it.
 *
 * <p>Events come from the {@code killtest} module (see {@code KillDuringDispatchDistributionIT}),
 * which appends one per transaction while the marker file exists; the new consumer is the {@code
 * faulttest} module ({@link LatecomerModule}), dropped into {@code deploy/} while the proxy is cut.
 */
class ConsumerRegistrationFaultDistributionIT {

    private static final Pattern EVENT_LOG_WARN = Pattern.compile("\"name\":\"Event log\",\"status\":\"WARN\"");
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void consumerRegisteringWhileTheDatabaseIsUnreachableGetsEveryEventOnceAfterRecovery() throws Exception {
        PostgresSchema db = PostgresSchema.create("fault");
        URI direct = URI.create(db.url().substring("jdbc:".length()));
        try (TcpProxy proxy = TcpProxy.to(direct.getHost(), direct.getPort())) {
            // Without TLS, so that the proxy sees the statements it is told to cut at.
            String viaProxy = db.url().replace(direct.getHost() + ":" + direct.getPort(), "127.0.0.1:" + proxy.port())
                    + "&sslmode=disable&prepareThreshold=0";
            RunningPortal portal = RunningPortal.start("consumer-fault", home -> {
                Files.writeString(
                        home.resolve("etc/org.cec.portal.platform.database.cfg"),
                        "url=" + viaProxy + "\nuser=" + db.user() + "\npassword=" + db.password() + "\n");
                // the checks' messages are for configured addresses only
                Files.writeString(
                        home.resolve("etc/org.cec.portal.web.health.cfg.json"),
                        "{\"details.allowedAddresses\": [\"127.0.0.1\"]}");
            });
            try {
                Path marker = Files.createFile(portal.dataDir.resolve("killtest-append"));
                KillDuringDispatchDistributionIT.deployModule(portal);
                KillDuringDispatchDistributionIT.awaitConsumer(portal, (position, lag) -> position >= 100);

                // The database goes away exactly while the new consumer's row is being written: the
                // insert fails on a connection the pool had handed out (before the fix this was taken
                // for a race with another node, and the consumer got nothing until a restart).
                proxy.cutWhenClientSends("INSERT INTO platform_consumer");
                deployLatecomer(portal);
                await("the database is cut while the consumer registers", proxy::isCut);
                awaitOutput(portal, "Event consumer " + LatecomerModule.CONSUMER_ID + " could not be registered yet");
                Path ids = portal.dataDir.resolve(LatecomerModule.IDS_FILE);
                assertEquals(List.of(), lines(ids), "nothing delivered while the database is away");

                proxy.restore();
                HttpResponse<String> waiting = awaitHealth(
                        portal,
                        r -> EVENT_LOG_WARN.matcher(r.body()).find()
                                && r.body().contains(LatecomerModule.CONSUMER_ID + " waits to be registered"));
                assertEquals(200, waiting.statusCode(), "WARN keeps the portal in service: " + waiting.body());

                await("the latecomer gets events", () -> !lines(ids).isEmpty());
                KillDuringDispatchDistributionIT.awaitConsumer(portal, (position, lag) -> position >= 300);
                Files.delete(marker);
                Thread.sleep(500); // an append in flight when the marker went
                KillDuringDispatchDistributionIT.awaitConsumer(portal, (position, lag) -> lag == 0);

                List<Long> events = new ArrayList<>();
                try (Connection c = db.connect();
                        Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery(
                                "SELECT id FROM platform_event WHERE type = 'killtest.tick' ORDER BY id")) {
                    while (rs.next()) {
                        events.add(rs.getLong(1));
                    }
                }
                await("the latecomer caught up", () -> lines(ids).size() >= events.size());
                Thread.sleep(1000); // a repeated delivery would come now
                List<Long> received = lines(ids);
                assertTrue(events.size() > 300, "events before, during and after the outage: " + events.size());
                assertEquals(events, received, "every event, each once, in order");
                awaitHealth(portal, r -> !r.body().contains(LatecomerModule.CONSUMER_ID));
            } finally {
                portal.close();
            }
        } finally {
            db.drop();
        }
    }

    private static void deployLatecomer(RunningPortal portal) throws Exception {
        byte[] jar = TestBundles.bundle("org.cec.portal.itests.faulttest")
                .header("Bundle-Activator", LatecomerModule.class.getName())
                .header(
                        "Import-Package",
                        "org.cec.portal.api.events;version=\"[1.0,2)\",org.osgi.framework;version=\"[1.8,2)\"")
                .classes(LatecomerModule.bundleClasses())
                .build();
        portal.deploy("faulttest.jar", jar);
    }

    private static List<Long> lines(Path file) {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            List<Long> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                if (!line.isBlank()) {
                    out.add(Long.parseLong(line.trim()));
                }
            }
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitOutput(RunningPortal portal, String text) throws Exception {
        await("the portal logs: " + text, () -> {
            try {
                return portal.output().contains(text);
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    /** Polls {@code /health} (from 127.0.0.1, configured to see every check's messages) until {@code done}. */
    private static HttpResponse<String> awaitHealth(RunningPortal portal, Predicate<HttpResponse<String>> done)
            throws Exception {
        String auth = portal.adminAuthorization();
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> health =
                    portal.send(HttpRequest.newBuilder(portal.uri("/health")).header("Authorization", auth));
            if (done.test(health)) {
                return health;
            }
            last = health.statusCode() + " " + health.body();
            Thread.sleep(50);
        }
        fail("/health did not get there within " + WAIT + "; last: " + last + "\n" + portal.output());
        return null;
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
