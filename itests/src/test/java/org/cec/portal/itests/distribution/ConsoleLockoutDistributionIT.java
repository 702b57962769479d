package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Console sign-in is throttled per client address, so an attacker cannot lock staff out, and its
 * timing does not tell which names are accounts. The portal here trusts 127.0.0.1 as a reverse proxy
 * in the default mode, so each request names its client in {@code X-Forwarded-For}, as nginx or
 * HAProxy in front of it would; a {@code Forwarded} header is then ignored. One test starts a second
 * portal whose proxies name the client in {@code Forwarded}.
 */
class ConsoleLockoutDistributionIT {

    private static final String PAGE = "/system/console/bundles";
    private static RunningPortal portal;
    private static String password;

    @BeforeAll
    static void start() throws Exception {
        portal = RunningPortal.start("lockout", home -> configure(home, "trusted.proxies=127.0.0.1\n"));
        password = passwordOf(portal);
    }

    private static void configure(Path home, String clientAddresses) throws Exception {
        Files.writeString(home.resolve("etc/org.cec.portal.web.internal.ClientAddresses.cfg"), clientAddresses);
        // many failures for the timing test must not slow the account itself down
        Files.writeString(
                home.resolve("etc/org.cec.portal.admin.internal.ConsoleSecurityProvider.cfg"),
                "account.max.failures=1000\n");
    }

    private static String passwordOf(RunningPortal running) throws Exception {
        Properties props = new Properties();
        props.load(Files.newBufferedReader(running.dataDir.resolve("admin-credentials.txt")));
        return props.getProperty("password");
    }

    @AfterAll
    static void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    private static HttpResponse<String> signIn(String from, String user, String pass) throws Exception {
        return Http.signIn(portal, user, pass, "X-Forwarded-For", from);
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
        assertEquals(303, owner.statusCode(), "the owner, from another address, is not locked out");
    }

    private static HttpResponse<String> signIn(
            RunningPortal running, String forwarded, String forwardedFor, String user, String pass) throws Exception {
        List<String> headers = new ArrayList<>();
        if (forwarded != null) {
            headers.add("Forwarded");
            headers.add(forwarded);
        }
        if (forwardedFor != null) {
            headers.add("X-Forwarded-For");
            headers.add(forwardedFor);
        }
        return Http.signIn(running, user, pass, headers.toArray(String[]::new));
    }

    @Test
    void inTheDefaultModeAClientsForwardedHeaderDoesNotChooseItsAddress() throws Exception {
        // the proxy appends to X-Forwarded-For and passes on whatever Forwarded the client sent
        String attacker = "203.0.113.77";
        for (int i = 0; i < 5; i++) {
            assertEquals(
                    401,
                    signIn(portal, "for=192.0.2." + (10 + i), attacker, "admin", "wrong-" + i)
                            .statusCode(),
                    "wrong password " + i);
        }
        assertEquals(
                429,
                signIn(portal, "for=192.0.2.20", attacker, "admin", password).statusCode(),
                "a fresh Forwarded address does not get the attacker out of the wait");
        assertEquals(
                303,
                signIn(portal, "for=" + attacker, "192.0.2.21", "admin", password)
                        .statusCode(),
                "naming the throttled address in Forwarded does not lock another client out");
        assertEquals(
                303,
                signIn(portal, "for=\"[2001:db8::66]", "192.0.2.22", "admin", password)
                        .statusCode(),
                "a malformed Forwarded header is not even looked at: never a 500");
    }

    @Test
    void aTrustedProxysForwardedHeaderNamesTheClient() throws Exception {
        try (RunningPortal forwardedPortal = RunningPortal.start(
                "lockout-forwarded",
                home -> configure(home, "trusted.proxies=127.0.0.1\nforwarded.header=Forwarded\n"))) {
            String pass = passwordOf(forwardedPortal);
            // RFC 7239, a quoted IPv6 node with a port; the X-Forwarded-For sent alongside is ignored
            String attacker = "for=\"[2001:db8::66]:4711\";proto=http";
            for (int i = 0; i < 5; i++) {
                assertEquals(
                        401,
                        signIn(forwardedPortal, attacker, "192.0.2." + (30 + i), "admin", "wrong-" + i)
                                .statusCode(),
                        "wrong password " + i);
            }
            assertEquals(
                    429,
                    signIn(forwardedPortal, attacker, "192.0.2.40", "admin", pass)
                            .statusCode(),
                    "the attacker's address waits, whatever X-Forwarded-For it sends");
            assertEquals(
                    303,
                    signIn(forwardedPortal, "for=198.51.100.8", null, "admin", pass)
                            .statusCode(),
                    "another client of the same proxy is not locked out");
            // a malformed Forwarded header is ignored (the peer is the client): never a 500
            assertEquals(
                    303,
                    signIn(forwardedPortal, "for=\"[2001:db8::66]", "192.0.2.41", "admin", pass)
                            .statusCode());
            // without Forwarded the client is the peer, 127.0.0.1, however X-Forwarded-For varies
            for (int i = 0; i < 5; i++) {
                assertEquals(
                        401,
                        signIn(forwardedPortal, null, "192.0.2." + (50 + i), "admin", "wrong-" + i)
                                .statusCode(),
                        "wrong password from the peer " + i);
            }
            assertEquals(
                    429,
                    signIn(forwardedPortal, null, "192.0.2.60", "admin", pass).statusCode(),
                    "X-Forwarded-For was ignored: the peer's address is throttled");
            assertEquals(
                    303,
                    signIn(forwardedPortal, "for=198.51.100.9", "192.0.2.60", "admin", pass)
                            .statusCode(),
                    "a client the proxy names in Forwarded is not");
        }
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
        // Skipping the password hash for an unknown name would differ by the whole hash (tens of ms); a
        // tolerance of a quarter of the median (at least 10 ms) leaves room for a busy machine's noise.
        long tolerance = Math.max(10, knownMedian / 4);
        assertTrue(
                Math.abs(knownMedian - unknownMedian) <= tolerance,
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
