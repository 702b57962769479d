package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Console sign-in is throttled per client address, so an attacker cannot lock staff out, and its
 * timing does not tell which names are accounts. The portal here trusts 127.0.0.1 as a reverse proxy,
 * so each request names its client in {@code X-Forwarded-For}, as a proxy in front of it would.
 */
class ConsoleLockoutDistributionIT {

    private static final String PAGE = "/system/console/bundles";
    private static RunningPortal portal;
    private static String password;

    @BeforeAll
    static void start() throws Exception {
        portal = RunningPortal.start("lockout", home -> {
            Files.writeString(
                    home.resolve("etc/org.cec.portal.web.internal.ClientAddresses.cfg"), "trusted.proxies=127.0.0.1\n");
            // many failures for the timing test must not slow the account itself down
            Files.writeString(
                    home.resolve("etc/org.cec.portal.admin.internal.ConsoleSecurityProvider.cfg"),
                    "account.max.failures=1000\n");
        });
        Properties props = new Properties();
        props.load(Files.newBufferedReader(portal.dataDir.resolve("admin-credentials.txt")));
        password = props.getProperty("password");
    }

    @AfterAll
    static void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    private static HttpResponse<String> signIn(String from, String user, String pass) throws Exception {
        return portal.send(HttpRequest.newBuilder(portal.uri(PAGE))
                .header("X-Forwarded-For", from)
                .header("Authorization", Http.basic(user, pass)));
    }

    @Test
    void theOwnerSignsInFromAnotherAddressWhileTheAttackersAddressIsThrottled() throws Exception {
        String attacker = "203.0.113.66";
        for (int i = 0; i < 5; i++) {
            assertEquals(401, signIn(attacker, "admin", "wrong-" + i).statusCode(), "wrong password " + i);
        }
        HttpResponse<String> throttled = signIn(attacker, "admin", "wrong-again");
        assertEquals(429, throttled.statusCode(), "the attacker's address must wait");
        assertTrue(throttled.headers().firstValue("retry-after").isPresent(), "says how long");
        assertEquals(
                429, signIn(attacker, "admin", password).statusCode(), "even the right password waits at that address");

        HttpResponse<String> owner = signIn("198.51.100.7", "admin", password);
        assertEquals(200, owner.statusCode(), "the owner, from another address, is not locked out");
    }

    private static HttpResponse<String> signInForwarded(String forwarded, String user, String pass) throws Exception {
        return portal.send(HttpRequest.newBuilder(portal.uri(PAGE))
                .header("Forwarded", forwarded)
                .header("X-Forwarded-For", "192.0.2.250")
                .header("Authorization", Http.basic(user, pass)));
    }

    @Test
    void aTrustedProxysForwardedHeaderNamesTheClient() throws Exception {
        // RFC 7239, a quoted IPv6 node with a port; preferred to the X-Forwarded-For sent alongside
        String attacker = "for=\"[2001:db8::66]:4711\";proto=http";
        for (int i = 0; i < 5; i++) {
            assertEquals(401, signInForwarded(attacker, "admin", "wrong-" + i).statusCode(), "wrong password " + i);
        }
        assertEquals(429, signInForwarded(attacker, "admin", password).statusCode(), "the attacker's address waits");
        assertEquals(
                200,
                signInForwarded("for=198.51.100.8", "admin", password).statusCode(),
                "another client of the same proxy is not locked out");
        assertEquals(
                200,
                signIn("192.0.2.250", "admin", password).statusCode(),
                "the X-Forwarded-For address was not the one throttled");
        // a malformed Forwarded header is ignored (the peer is the client): never a 500
        assertEquals(
                200, signInForwarded("for=\"[2001:db8::66]", "admin", password).statusCode());
    }

    @Test
    void signInTakesAsLongForAnUnknownNameAsForAnAccount() throws Exception {
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            // a fresh address per attempt, so no delay applies; the first five warm up
            long a = timed("10.1.0." + i, "admin");
            long b = timed("10.2.0." + i, "nobody-" + i);
            if (i >= 5) {
                known.add(a);
                unknown.add(b);
            }
        }
        long knownMedian = median(known);
        long unknownMedian = median(unknown);
        assertTrue(
                Math.abs(knownMedian - unknownMedian) <= 10,
                "median sign-in of a known name " + knownMedian + " ms, of an unknown one " + unknownMedian + " ms");
    }

    private static long timed(String from, String user) throws Exception {
        long t0 = System.nanoTime();
        int status = signIn(from, user, "not-the-password").statusCode();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(401, status, user + " from " + from);
        return ms;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
