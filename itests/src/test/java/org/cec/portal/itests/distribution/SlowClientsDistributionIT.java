package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 §12: the bind address is configurable ({@code CEC_HTTP_HOST}), and slow clients are cut
 * off while normal requests are served. The portal listens on 127.0.0.2 only; the slow client
 * connects from 127.0.0.1, normal clients from 127.0.0.3 (every 127/8 address is the loopback
 * interface on Linux).
 */
class SlowClientsDistributionIT {

    private static final String SERVER = "127.0.0.2";
    private static final int PER_CLIENT = 20;
    private static final int HEADER_SECONDS = 3;
    private static RunningPortal portal;

    @BeforeAll
    static void start() throws Exception {
        portal = RunningPortal.start(
                "slow-clients",
                home -> Files.writeString(
                        home.resolve("etc/org.cec.portal.web.internal.ConnectionGuard.cfg"),
                        "header.timeout.seconds=" + HEADER_SECONDS + "\nconnections.per.client=" + PER_CLIENT + "\n"),
                Map.of("CEC_HTTP_HOST", SERVER));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!portal.output().contains("request headers within " + HEADER_SECONDS + " s")) {
            assertTrue(System.nanoTime() < deadline, "the guard's configuration was not applied:\n" + portal.output());
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void thePortalListensOnTheConfiguredAddressOnly() throws Exception {
        assertEquals(200, status("127.0.0.3"));
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", portal.port).close());
    }

    @Test
    void fiftySlowClientsAreCutOffWhileNormalRequestsAreServed() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Socket s = new Socket();
                s.bind(new InetSocketAddress("127.0.0.1", 0));
                s.connect(new InetSocketAddress(SERVER, portal.port), 5000);
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: portal\r\n".getBytes(StandardCharsets.US_ASCII));
                slow.add(s);
            }
            Thread.sleep(1000);
            drip(slow);
            assertTrue(
                    closed(slow) >= 50 - PER_CLIENT,
                    "connections beyond " + PER_CLIENT + " per client are closed at once: " + closed(slow));
            long t0 = System.nanoTime();
            assertEquals(200, status("127.0.0.3"), "another client is served meanwhile");
            assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "and promptly");

            // a byte a second keeps Jetty's idle timeout from firing; the header bound does not wait
            long deadline = System.nanoTime() + (HEADER_SECONDS + 4) * 1_000_000_000L;
            while (closed(slow) < slow.size() && System.nanoTime() < deadline) {
                drip(slow);
                Thread.sleep(1000);
            }
            assertEquals(slow.size(), closed(slow), "every slow client is cut off after the header bound");
            for (Socket s : slow) {
                s.close();
            }
            long until = System.nanoTime() + 3_000_000_000L;
            int again = status("127.0.0.1");
            while (again != 200 && System.nanoTime() < until) {
                Thread.sleep(100);
                again = status("127.0.0.1");
            }
            assertEquals(200, again, "the slow client's address is served again once it is cut off");
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    private static void drip(List<Socket> sockets) {
        for (Socket s : sockets) {
            try {
                s.getOutputStream().write('X');
                s.getOutputStream().flush();
            } catch (IOException closedByTheServer) {
                // counted by closed()
            }
        }
    }

    /** How many of {@code sockets} the server closed (end of stream or reset). */
    private static int closed(List<Socket> sockets) throws IOException {
        int closed = 0;
        for (Socket s : sockets) {
            s.setSoTimeout(20);
            try {
                InputStream in = s.getInputStream();
                int read;
                do {
                    read = in.read();
                } while (read >= 0);
                closed++;
            } catch (SocketTimeoutException open) {
                // still open
            } catch (IOException reset) {
                closed++;
            }
        }
        return closed;
    }

    /** The status of {@code GET /health} sent from the local address {@code from}. */
    private static int status(String from) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress(SERVER, portal.port), 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream()
                    .write("GET /health HTTP/1.1\r\nHost: portal\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return answer.length() < 12 ? -1 : Integer.parseInt(answer.substring(9, 12));
        }
    }
}
