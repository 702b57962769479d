package org.cec.portal.itests.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy between a portal under test and its database, which the test can cut and restore: the
 * database becomes unreachable for that portal only (the server, shared with other tests, keeps
 * running). {@link #cut()} closes every open connection and closes each new one right after accepting
 * it, as a dead network path or a restarted server would look to the portal; {@link
 * #cutWhenClientSends} does so at the moment a chosen statement is sent; {@link #restore()} forwards
 * again.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile String cutMarker;

    private TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::accept, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy on a free loopback port forwarding to {@code host:port}. */
    public static TcpProxy to(String host, int port) throws IOException {
        return new TcpProxy(host, port);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Drops every connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    /**
     * Cuts (as {@link #cut()}) at the moment a client sends bytes containing {@code marker}, such as
     * the text of an SQL statement (PostgreSQL's protocol carries it in plain text without TLS): that
     * statement never reaches the database and fails on a connection the pool had handed out.
     */
    public void cutWhenClientSends(String marker) {
        cutMarker = marker;
    }

    public boolean isCut() {
        return cut;
    }

    public void restore() {
        cutMarker = null;
        cut = false;
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            if (cut) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket upstream = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(upstream);
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            String marker = cutMarker;
                            if (fromClient
                                    && marker != null
                                    && new String(buffer, 0, n, StandardCharsets.ISO_8859_1).contains(marker)) {
                                cutMarker = null;
                                cut();
                                return;
                            }
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException gone) {
                        // one side closed or the proxy was cut
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                },
                "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private void closeQuietly(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException alreadyClosed) {
            // nothing left to close
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cut();
    }
}
