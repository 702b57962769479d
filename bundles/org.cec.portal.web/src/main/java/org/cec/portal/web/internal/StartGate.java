package org.cec.portal.web.internal;

import jakarta.servlet.Servlet;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.felix.http.jetty.LoadBalancerCustomizerFactory;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.dto.RuntimeDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds every request that arrives before the whiteboard serves {@code /health} and the security
 * headers, so that from the moment Jetty listens {@code /health} answers (503 STARTING, then as its
 * checks say) and no response goes out without the headers: never the 404 of a servlet not registered
 * yet (issue 10 §2).
 *
 * <p>Felix HTTP opens its connectors and only then registers the whiteboard's servlets. A request
 * customizer is the one hook it runs on every request of its HTTP and HTTPS connectors from their first
 * connection on: Felix takes it from a {@link LoadBalancerCustomizerFactory} service (framework property
 * {@code org.apache.felix.proxy.load.balancer.connection.enable=true}), and the web bundle starts before
 * Felix HTTP (the web feature's start levels), so the gate is in place when the port opens. A held
 * request waits, on its Jetty thread, until the {@link HttpServiceRuntime} lists both the {@link
 * HealthServlet} and the {@link SecurityHeaders} preprocessor; after that the gate costs one volatile
 * read per request. Should they never appear, the gate opens after {@link #MAX_HOLD_MILLIS} with a
 * warning: a portal that cannot serve {@code /health} stays reachable for diagnosis.
 */
@Component(service = LoadBalancerCustomizerFactory.class)
public final class StartGate implements LoadBalancerCustomizerFactory, HttpConfiguration.Customizer {

    static final long MAX_HOLD_MILLIS = 30_000;
    private static final long LOOK_EVERY_MILLIS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(StartGate.class);

    private final long healthServlet;
    private final long securityHeaders;
    private final long maxHoldNanos;
    private volatile boolean open;
    /** When the runtime is asked next (guarded by this). */
    private long nextLook = System.nanoTime();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile HttpServiceRuntime runtime;

    @Activate
    public StartGate(
            @Reference(service = Servlet.class, target = "(component.name=org.cec.portal.web.internal.HealthServlet)")
                    ServiceReference<Servlet> health,
            @Reference(service = SecurityHeaders.class) ServiceReference<SecurityHeaders> headers) {
        this(serviceId(health), serviceId(headers), MAX_HOLD_MILLIS);
    }

    StartGate(long healthServlet, long securityHeaders, long maxHoldMillis) {
        this.healthServlet = healthServlet;
        this.securityHeaders = securityHeaders;
        this.maxHoldNanos = TimeUnit.MILLISECONDS.toNanos(maxHoldMillis);
    }

    private static long serviceId(ServiceReference<?> reference) {
        return (Long) reference.getProperty(Constants.SERVICE_ID);
    }

    @Override
    public HttpConfiguration.Customizer createCustomizer() {
        return this;
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        if (!open) {
            awaitServed();
        }
        return request;
    }

    /** For tests: the runtime DS would bind. */
    void useRuntime(HttpServiceRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Waits until the whiteboard serves /health with the headers, or the bound has passed. However many
     * requests are held, the runtime is asked once per {@link #LOOK_EVERY_MILLIS} in all (the monitor
     * is held while asking), and the one that sees the gate open wakes the others.
     */
    private synchronized void awaitServed() {
        long deadline = System.nanoTime() + maxHoldNanos;
        try {
            while (!open) {
                long now = System.nanoTime();
                if (now - nextLook >= 0) {
                    nextLook = now + TimeUnit.MILLISECONDS.toNanos(LOOK_EVERY_MILLIS);
                    if (served()) {
                        openGate();
                        return;
                    }
                }
                if (now - deadline > 0) {
                    LOG.warn(
                            "{} is not served {} s after the first request; letting requests through",
                            HealthServlet.PATH,
                            TimeUnit.NANOSECONDS.toSeconds(maxHoldNanos));
                    openGate();
                    return;
                }
                wait(LOOK_EVERY_MILLIS);
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    private void openGate() {
        open = true;
        notifyAll();
    }

    /** Whether the whiteboard lists the /health servlet and the security headers preprocessor. */
    private boolean served() {
        HttpServiceRuntime current = runtime;
        if (current == null) {
            return false;
        }
        RuntimeDTO dto = current.getRuntimeDTO();
        boolean headers = dto.preprocessorDTOs != null
                && Arrays.stream(dto.preprocessorDTOs).anyMatch(p -> p.serviceId == securityHeaders);
        boolean health = dto.servletContextDTOs != null
                && Arrays.stream(dto.servletContextDTOs)
                        .filter(context -> context.servletDTOs != null)
                        .flatMap(context -> Arrays.stream(context.servletDTOs))
                        .anyMatch(servlet -> servlet.serviceId == healthServlet);
        return headers && health;
    }
}
