package org.cec.portal.web.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** The OSGi framework is up and every installed bundle could be resolved and started. */
@Component(
        service = HealthCheck.class,
        property = {HealthCheck.NAME + "=Framework", HealthCheck.TAGS + "=" + PortalHealth.TAG})
public final class FrameworkHealthCheck implements HealthCheck {

    /** A bundle still unresolved this long after it was first seen so is broken, not being installed. */
    static final long INSTALL_GRACE_NANOS = 10_000_000_000L;

    private final BundleContext context;
    /** When each bundle was first seen unresolved (bundle id to nanoTime). */
    private final Map<Long, Long> unresolvedSince = new ConcurrentHashMap<>();

    @Activate
    public FrameworkHealthCheck(BundleContext context) {
        this.context = context;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        FrameworkStartLevel startLevel = system.adapt(FrameworkStartLevel.class);
        List<String> notResolved = new ArrayList<>();
        List<String> beingInstalled = new ArrayList<>();
        long now = System.nanoTime();
        unresolvedSince.keySet().removeIf(id -> {
            Bundle b = context.getBundle(id);
            return b == null || b.getState() != Bundle.INSTALLED;
        });
        List<String> notStarted = new ArrayList<>();
        int active = 0;
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
            switch (b.getState()) {
                case Bundle.ACTIVE -> active++;
                case Bundle.INSTALLED -> {
                    long since = unresolvedSince.computeIfAbsent(b.getBundleId(), id -> now);
                    (now - since < INSTALL_GRACE_NANOS ? beingInstalled : notResolved).add(b.getSymbolicName());
                }
                case Bundle.RESOLVED -> {
                    if (!fragment) {
                        notStarted.add(b.getSymbolicName());
                    }
                }
                default -> {}
            }
        }
        log.info("{} bundles active, framework start level {}", active, startLevel.getStartLevel());
        if (!notResolved.isEmpty()) {
            log.critical("Bundles that cannot be resolved (missing dependencies): {}", notResolved);
        }
        if (!beingInstalled.isEmpty()) {
            log.warn("Bundles being installed: {}", beingInstalled);
        }
        if (!notStarted.isEmpty()) {
            log.warn("Bundles resolved but not started: {}", notStarted);
        }
        return new Result(log);
    }
}
