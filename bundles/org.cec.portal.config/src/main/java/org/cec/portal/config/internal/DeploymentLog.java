package org.cec.portal.config.internal;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in the log what happens to bundles and their components, so that an operator who drops a
 * plugin into {@code deploy/} (or installs one in the console) learns whether it works without
 * opening the console: each bundle installed, started, stopped, updated or uninstalled once the
 * portal is up (INFO); a bundle that cannot be resolved, with the requirements nothing provides
 * (ERROR); a component that failed to activate, with the exception (ERROR); a component still
 * waiting for a service {@value #WAIT_MILLIS} ms after it was first seen waiting (WARN); after a plugin
 * was updated or removed, which bundles the framework refreshed (re-wired and restarted) because of it,
 * so that an operator sees that a swap touched only the bundles depending on it (INFO). Each problem is
 * logged once, and again only if it changes.
 *
 * <p>The checks run a moment after the event that may cause them (FileInstall starts a bundle some
 * time after installing it; SCR activates components after the bundle started), on one thread of
 * this component's own.
 */
@Component(service = ConfigurationListener.class, immediate = true)
public final class DeploymentLog implements SynchronousBundleListener, FrameworkListener, ConfigurationListener {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentLog.class);
    /** How long after an event the bundle's state is looked at. */
    static final long SETTLE_MILLIS = 2_000;
    /**
     * How long a component must have been seen waiting for a service before the log says so: on a busy
     * machine a module's services may take some seconds to come, and that is no problem to report.
     */
    static final long WAIT_MILLIS = 15_000;

    private final BundleContext context;
    private final BundleProblems problems;
    private final ScheduledExecutorService checks;
    /** What was last reported per problem key, so that each is logged once. */
    private final Map<String, String> reported = new ConcurrentHashMap<>();
    /** Since when (System.nanoTime) each waiting component has been seen waiting for the same services. */
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    /** The bundles unresolved by the refresh under way: the framework re-wires exactly these. */
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();
    /** When (System.nanoTime) each bundle was last installed or updated: it is not judged before it settled. */
    private final Map<Long, Long> changedAt = new ConcurrentHashMap<>();

    private record Waiting(String reason, long since) {}

    private volatile boolean portalUp;

    @Activate
    public DeploymentLog(BundleContext context, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.problems = new BundleProblems(context, scr);
        this.checks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cec-deployment-log");
            t.setDaemon(true);
            return t;
        });
        context.addBundleListener(this);
        context.addFrameworkListener(this);
        if (BundleProblems.portalStarted(context)) {
            portalUp = true;
            checkAllLater();
        }
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(this);
        context.removeFrameworkListener(this);
        checks.shutdownNow();
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if ((event.getType() == FrameworkEvent.STARTED || event.getType() == FrameworkEvent.STARTLEVEL_CHANGED)
                && !portalUp
                && BundleProblems.portalStarted(context)) {
            portalUp = true;
            checkAllLater();
        } else if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
            Set<String> refreshed = new TreeSet<>(refreshing);
            refreshing.removeAll(refreshed);
            if (portalUp && !refreshed.isEmpty()) {
                LOG.info(
                        "Refreshed {} bundle(s) after a change, the rest of the portal untouched: {}",
                        refreshed.size(),
                        String.join(", ", refreshed));
            }
        } else if (event.getType() == FrameworkEvent.ERROR && event.getBundle() != null) {
            Throwable t = event.getThrowable();
            report(
                    "error:" + event.getBundle().getBundleId(),
                    String.valueOf(t),
                    () -> LOG.error(
                            "Bundle {} {}: {}",
                            event.getBundle().getSymbolicName(),
                            event.getBundle().getVersion(),
                            BundleProblems.oneLine(t)));
        }
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle bundle = event.getBundle();
        if (event.getType() == BundleEvent.UNRESOLVED && bundle.getSymbolicName() != null) {
            refreshing.add(bundle.getSymbolicName());
        }
        String what =
                switch (event.getType()) {
                    case BundleEvent.INSTALLED -> "installed";
                    case BundleEvent.STARTED -> "started";
                    case BundleEvent.STOPPED -> "stopped";
                    case BundleEvent.UPDATED -> "updated";
                    case BundleEvent.UNINSTALLED -> "uninstalled";
                    default -> null;
                };
        if (what == null) {
            return;
        }
        if (portalUp) {
            LOG.info(
                    "Bundle {} {} {} ({})",
                    bundle.getSymbolicName(),
                    bundle.getVersion(),
                    what,
                    BundleProblems.shortLocation(bundle));
        }
        if (event.getType() == BundleEvent.INSTALLED || event.getType() == BundleEvent.UPDATED) {
            changedAt.put(bundle.getBundleId(), System.nanoTime());
        }
        switch (event.getType()) {
            case BundleEvent.INSTALLED, BundleEvent.UPDATED, BundleEvent.STARTED -> checkLater(bundle);
            case BundleEvent.UNINSTALLED -> forget(bundle);
            default -> {
                // stopping is reported above and needs no check
            }
        }
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        // A new configuration may make a component fail (or recover): look at every bundle again.
        if (portalUp) {
            checkAllLater();
        }
    }

    private void checkAllLater() {
        schedule(() -> {
            for (Bundle b : context.getBundles()) {
                check(b);
            }
        });
    }

    private void checkLater(Bundle bundle) {
        schedule(() -> check(bundle));
    }

    private void schedule(Runnable check) {
        schedule(check, SETTLE_MILLIS);
    }

    private void schedule(Runnable check, long delayMillis) {
        try {
            checks.schedule(
                    () -> {
                        try {
                            check.run();
                        } catch (IllegalStateException gone) {
                            // the bundle was uninstalled, or this bundle is stopping: nothing to say
                        } catch (RuntimeException e) {
                            LOG.warn("Could not look at the bundles' state: {}", BundleProblems.oneLine(e));
                        }
                    },
                    delayMillis,
                    TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // deactivated: no more checks
        }
    }

    private void check(Bundle bundle) {
        if (bundle.getState() == Bundle.UNINSTALLED) {
            return;
        }
        String id = Long.toString(bundle.getBundleId());
        Long changed = changedAt.get(bundle.getBundleId());
        if (changed != null && System.nanoTime() - changed < TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS)) {
            // just installed: FileInstall has not asked to start it yet (the check of its event follows)
            return;
        }
        String unresolved = problems.unresolved(bundle);
        report(
                "resolve:" + id,
                unresolved,
                () -> LOG.error(
                        "Bundle {} {} ({}) cannot start: {}",
                        bundle.getSymbolicName(),
                        bundle.getVersion(),
                        BundleProblems.shortLocation(bundle),
                        unresolved));
        for (BundleProblems.ComponentProblem p : problems.components(bundle)) {
            String key = "component:" + id + ":" + p.component();
            if (p.failed()) {
                report(
                        key,
                        p.reason(),
                        () -> LOG.error(
                                "Component {} of bundle {} {} failed to activate: {}",
                                p.component(),
                                bundle.getSymbolicName(),
                                bundle.getVersion(),
                                p.reason()));
            } else if (waitedLong(key, p.reason(), bundle)) {
                report(
                        key,
                        p.reason(),
                        () -> LOG.warn(
                                "Component {} of bundle {} {} is waiting for {}",
                                p.component(),
                                bundle.getSymbolicName(),
                                bundle.getVersion(),
                                p.reason()));
            }
        }
        problems.healthyComponents(bundle).forEach(name -> {
            reported.remove("component:" + id + ":" + name);
            waiting.remove("component:" + id + ":" + name);
        });
    }

    /**
     * Whether the component has waited for the same services for {@link #WAIT_MILLIS}; when first seen
     * waiting, looks again once that time has passed.
     */
    private boolean waitedLong(String key, String reason, Bundle bundle) {
        long now = System.nanoTime();
        Waiting seen = waiting.compute(
                key,
                (k, before) -> before != null && before.reason().equals(reason) ? before : new Waiting(reason, now));
        if (now - seen.since() >= TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS)) {
            return true;
        }
        if (seen.since() == now) {
            schedule(() -> check(bundle), WAIT_MILLIS);
        }
        return false;
    }

    /** Logs a problem unless exactly this one was logged last for the key; a null problem clears the key. */
    private void report(String key, String problem, Runnable log) {
        if (problem == null) {
            reported.remove(key);
            return;
        }
        if (!problem.equals(reported.put(key, problem))) {
            log.run();
        }
    }

    private void forget(Bundle bundle) {
        String id = ":" + bundle.getBundleId();
        reported.keySet().removeIf(k -> k.contains(id + ":") || k.endsWith(id));
        waiting.keySet().removeIf(k -> k.contains(id + ":"));
        changedAt.remove(bundle.getBundleId());
    }
}
