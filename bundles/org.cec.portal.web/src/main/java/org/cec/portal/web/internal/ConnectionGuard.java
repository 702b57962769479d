package org.cec.portal.web.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps slow clients from holding the server's sockets: a request's line and headers must arrive
 * within a bound (a client sending a byte every few seconds never trips Jetty's idle timeout), and one
 * client address holds a bounded number of connections at once. Both apply to every connector of
 * Felix HTTP's Jetty server (HTTP and HTTPS).
 *
 * <p>Felix HTTP exposes its Jetty server only to {@link ConnectorFactory} services. This one adds the
 * guard as a connection listener to the server's connectors, and gives Felix the connector it asks
 * for as an in-memory {@link LocalConnector}, which accepts nothing from the network.
 */
// Registered only once Felix HTTP runs (its HttpServiceRuntime is there): the web bundle starts before
// Felix HTTP, and a ConnectorFactory present at Jetty's start makes Felix 1.1 fail, because it reads its
// endpoint property off every connector and expects each to be a ServerConnector.
@Component(
        service = ConnectorFactory.class,
        reference = @Reference(name = "httpRuntime", service = HttpServiceRuntime.class))
@Designate(ocd = ConnectionGuard.Config.class)
public final class ConnectionGuard implements ConnectorFactory, Connection.Listener {

    @ObjectClassDefinition(
            name = "CEC Portal: connection guard",
            description = "Bounds for slow clients on the HTTP and HTTPS connectors.")
    public @interface Config {
        @AttributeDefinition(
                name = "Request header time (seconds)",
                description = "Time a client has to send a request's line and headers (for a new connection:"
                        + " from the moment it connects, TLS handshake included); then the connection is closed."
                        + " 0 turns the bound off.")
        int header_timeout_seconds() default 20;

        @AttributeDefinition(
                name = "Connections per client address",
                description = "Open connections one client address may hold; more are closed at once. Behind a"
                        + " reverse proxy every client has the proxy's address: raise it or set 0 (off), and let"
                        + " the proxy bound its clients.")
        int connections_per_client() default 64;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    private final long headerTimeoutNanos;
    private final int perClient;
    private final Map<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    /** The client of each open network connection (a closed socket no longer tells its peer). */
    private final Map<Connection, InetAddress> clients = new ConcurrentHashMap<>();

    private final Map<HttpConnection, Long> requestStarted = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;
    private volatile List<Connector> guarded = List.of();

    @Activate
    public ConnectionGuard(Config config) {
        this.headerTimeoutNanos = TimeUnit.SECONDS.toNanos(Math.max(0, config.header_timeout_seconds()));
        this.perClient = Math.max(0, config.connections_per_client());
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cec-connection-guard");
            t.setDaemon(true);
            return t;
        });
        if (headerTimeoutNanos > 0) {
            sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
        }
    }

    @Override
    public Connector createConnector(Server server) {
        List<Connector> connectors = List.of(server.getConnectors());
        for (Connector c : connectors) {
            c.addEventListener(this);
        }
        guarded = connectors;
        LOG.info(
                "Connection guard on {} connector(s): request headers within {} s, at most {} connections per client",
                connectors.size(),
                TimeUnit.NANOSECONDS.toSeconds(headerTimeoutNanos),
                perClient == 0 ? "unbounded" : perClient);
        return new LocalConnector(server);
    }

    @Deactivate
    void deactivate() {
        for (Connector c : guarded) {
            c.removeEventListener(this);
        }
        sweeper.shutdownNow();
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http && headerTimeoutNanos > 0) {
            requestStarted.put(http, System.nanoTime());
        }
        InetAddress client = networkClient(connection);
        if (client != null && perClient > 0) {
            clients.put(connection, client);
            int open =
                    perAddress.computeIfAbsent(client, a -> new AtomicInteger()).incrementAndGet();
            if (open > perClient) {
                connection.getEndPoint().close();
            }
        }
    }

    @Override
    public void onClosed(Connection connection) {
        if (connection instanceof HttpConnection http) {
            requestStarted.remove(http);
        }
        InetAddress client = clients.remove(connection);
        if (client != null) {
            perAddress.computeIfPresent(client, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
        }
    }

    /**
     * Once a second: a connection whose request has been in its line or headers for longer than the
     * bound, or that connected and sent no complete request within it, is closed. Waiting between
     * requests is left to Jetty's idle timeout, reading a body to the servlets.
     */
    private void sweep() {
        long now = System.nanoTime();
        requestStarted.forEach((http, since) -> {
            boolean receivingHeaders =
                    http.getParser().inHeaderState() && !(http.getParser().isStart() && http.getMessagesIn() > 0);
            if (!receivingHeaders) {
                requestStarted.put(http, now);
            } else if (now - since > headerTimeoutNanos) {
                requestStarted.remove(http);
                http.getEndPoint().close();
            }
        });
    }

    /** The client address of a connection on a network socket (for TLS: the TLS connection), else null. */
    private static InetAddress networkClient(Connection connection) {
        if (!(connection.getEndPoint() instanceof SocketChannelEndPoint)) {
            return null;
        }
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
