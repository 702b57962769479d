package org.cec.portal.web.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.osgi.util.tracker.BundleTracker;

/**
 * One health check per portal module and per plugin: every installed bundle whose symbolic name starts
 * with {@code org.cec.portal.}, and every bundle installed at runtime (from {@code deploy/} or the
 * console, not from the features), gets a check named after it that is OK when the bundle is active
 * and all its components are satisfied. A bundle that cannot be resolved is a WARN naming what it
 * misses (the rest of the portal serves on); a component that failed to activate is CRITICAL. Install a
 * bundle and its check appears; uninstall it and it goes.
 */
@Component(immediate = true)
public final class ModuleHealthChecks {

    static final String PREFIX = "org.cec.portal.";

    private final BundleTracker<ServiceRegistration<HealthCheck>> tracker;

    @Activate
    public ModuleHealthChecks(BundleContext context, @Reference ServiceComponentRuntime scr) {
        int states = Bundle.INSTALLED | Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING;
        MissingRequirements missing = new MissingRequirements(context);
        this.tracker = new BundleTracker<>(context, states, null) {
            @Override
            public ServiceRegistration<HealthCheck> addingBundle(Bundle bundle, BundleEvent event) {
                String bsn = bundle.getSymbolicName();
                if (bsn == null
                        || !(bsn.startsWith(PREFIX) || installedAtRuntime(bundle))
                        || bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null) {
                    return null;
                }
                Dictionary<String, Object> props = new Hashtable<>();
                props.put(HealthCheck.NAME, (bsn.startsWith(PREFIX) ? "Module " : "Plugin ") + bsn);
                props.put(HealthCheck.TAGS, new String[] {PortalHealth.TAG, "module"});
                return context.registerService(HealthCheck.class, new ModuleCheck(bundle, scr, missing), props);
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, ServiceRegistration<HealthCheck> reg) {
                try {
                    reg.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // the framework is shutting down
                }
            }
        };
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    /**
     * Whether {@code bundle} came at runtime: the launcher installs the features' bundles by reference
     * ({@code reference:file:}), FileInstall and the console by other locations.
     */
    static boolean installedAtRuntime(Bundle bundle) {
        return bundle.getBundleId() != 0 && !bundle.getLocation().startsWith("reference:file:");
    }

    /** The health of one module bundle. */
    static final class ModuleCheck implements HealthCheck {
        /** A module that is not resolved this long after it appeared is broken, not on its way. */
        static final long INSTALL_GRACE_NANOS = 10_000_000_000L;

        private final Bundle bundle;
        private final ServiceComponentRuntime scr;
        private final MissingRequirements missing;
        private final long seenAt = System.nanoTime();

        ModuleCheck(Bundle bundle, ServiceComponentRuntime scr, MissingRequirements missing) {
            this.bundle = bundle;
            this.scr = scr;
            this.missing = missing;
        }

        @Override
        public Result execute() {
            FormattingResultLog log = new FormattingResultLog();
            switch (bundle.getState()) {
                case Bundle.ACTIVE, Bundle.STARTING -> log.info(
                        "{} {} is active", bundle.getSymbolicName(), bundle.getVersion());
                case Bundle.INSTALLED -> {
                    if (System.nanoTime() - seenAt < INSTALL_GRACE_NANOS) {
                        log.warn("{} is being installed", bundle.getSymbolicName());
                    } else {
                        List<String> lacking = missing.of(bundle);
                        log.warn(
                                "{} cannot be resolved, so it is not started (the rest of the portal serves on): {}",
                                bundle.getSymbolicName(),
                                lacking.isEmpty()
                                        ? "what it needs is there but cannot be wired to it (see the log)"
                                        : "missing " + String.join("; ", lacking));
                    }
                    return new Result(log);
                }
                default -> {
                    log.warn("{} is stopped", bundle.getSymbolicName());
                    return new Result(log);
                }
            }
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
                if (!scr.isComponentEnabled(description)) {
                    continue;
                }
                for (ComponentConfigurationDTO config : scr.getComponentConfigurationDTOs(description)) {
                    switch (config.state) {
                        case ComponentConfigurationDTO.FAILED_ACTIVATION -> log.critical(
                                "Component {} failed to activate: {}", description.name, firstLine(config.failure));
                        case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> log.warn(
                                "Component {} waits for {}", description.name, missing(config));
                        case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> log.warn(
                                "Component {} waits for its configuration", description.name);
                        default -> {}
                    }
                }
            }
            return new Result(log);
        }

        /** The failure's first line, at most 300 characters: the rest is a stack trace (it is in the log). */
        static String firstLine(String failure) {
            if (failure == null) {
                return "";
            }
            String line = failure.strip().lines().findFirst().orElse("");
            return line.length() <= 300 ? line : line.substring(0, 299) + "\u2026";
        }

        private static List<String> missing(ComponentConfigurationDTO config) {
            List<String> names = new ArrayList<>();
            for (UnsatisfiedReferenceDTO ref : config.unsatisfiedReferences) {
                names.add(ref.name);
            }
            return names;
        }
    }
}
