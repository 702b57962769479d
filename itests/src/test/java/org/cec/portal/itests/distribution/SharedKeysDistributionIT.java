package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cec.portal.itests.support.PostgresSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, acceptance 10: two portal processes on one PostgreSQL database with one shared keys
 * folder ({@code CEC_KEYS_DIR}) accept each other's cookies: a consent choice made on one is
 * honoured by the other. A third node on the same database with keys of its own does not (it shows
 * the banner again), which is what the shared folder changes.
 */
class SharedKeysDistributionIT {

    private static final String BANNER = "id=\"consent-banner\"";
    private static PostgresSchema db;
    private static Path keys;
    private static final List<RunningPortal> portals = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        db = PostgresSchema.create("sharedkeys");
        keys = Files.createTempDirectory(Path.of(System.getProperty("portal.work", "target/it-work")), "keys");
        portals.add(node("a", Map.of("CEC_KEYS_DIR", keys.toString())));
        portals.add(node("b", Map.of("CEC_KEYS_DIR", keys.toString())));
        portals.add(node("own-keys", Map.of()));
    }

    private static RunningPortal node(String name, Map<String, String> env) throws Exception {
        Files.createDirectories(Path.of(System.getProperty("portal.work", "target/it-work")));
        RunningPortal portal = RunningPortal.start(
                "shared-keys-" + name,
                home -> Files.writeString(
                        home.resolve("etc/org.cec.portal.platform.database.cfg"), db.platformConfiguration()),
                env);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!portal.get("/").body().contains(BANNER)) {
            assertTrue(System.nanoTime() < deadline, "the consent banner did not appear on " + name);
            Thread.sleep(200);
        }
        return portal;
    }

    @AfterAll
    static void stop() throws Exception {
        for (RunningPortal p : portals) {
            p.close();
        }
        if (db != null) {
            db.drop();
        }
    }

    @Test
    void aConsentChoiceMadeOnOneNodeIsHonouredByTheOtherWithTheSharedKeys() throws Exception {
        RunningPortal a = portals.get(0);
        RunningPortal b = portals.get(1);
        assertTrue(Files.exists(keys.resolve("cookie-signing.properties")), "the keys are in the shared folder");
        assertFalse(Files.exists(a.dataDir.resolve("keys")), "not in the data folder");

        Map<String, String> jar = new LinkedHashMap<>();
        String token = Http.csrfToken(
                send(a, jar, HttpRequest.newBuilder(a.uri("/privacy/choices"))).body());
        HttpResponse<String> chosen = send(
                a,
                jar,
                HttpRequest.newBuilder(a.uri("/privacy/choices"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + token + "&choice=accept-all")));
        assertEquals(303, chosen.statusCode(), chosen.body());
        assertTrue(jar.containsKey("cec_consent"), "node a set the consent cookie");
        assertFalse(send(a, jar, HttpRequest.newBuilder(a.uri("/"))).body().contains(BANNER));

        assertFalse(
                send(b, jar, HttpRequest.newBuilder(b.uri("/"))).body().contains(BANNER),
                "node b honours the choice made on node a");
        // node b accepts node a's CSRF cookie and token too: a form started on a is sent to b
        HttpResponse<String> changed = send(
                b,
                jar,
                HttpRequest.newBuilder(b.uri("/privacy/choices"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + token + "&choice=reject-all")));
        assertEquals(303, changed.statusCode(), changed.body());

        RunningPortal own = portals.get(2);
        assertTrue(
                send(own, new LinkedHashMap<>(jar), HttpRequest.newBuilder(own.uri("/")))
                        .body()
                        .contains(BANNER),
                "a node with keys of its own does not accept those cookies");
    }

    private static HttpResponse<String> send(RunningPortal portal, Map<String, String> jar, HttpRequest.Builder r)
            throws Exception {
        if (!jar.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            jar.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "; ")
                    .append(k)
                    .append('=')
                    .append(v));
            r.header("Cookie", sb.toString());
        }
        HttpResponse<String> response = portal.send(r);
        for (String set : response.headers().allValues("set-cookie")) {
            String pair = set.split(";", 2)[0];
            int eq = pair.indexOf('=');
            jar.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return response;
    }
}
