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
 * One health check per portal module: every installed bundle whose symbolic name starts with
 * {@code org.cec.portal.} gets a check named after it that is OK when the bundle is active and all
 * its components are satisfied. Install a module and its check appears; uninstall it and it goes.
 */
@Component(immediate = true)
public final class ModuleHealthChecks {

    static final String PREFIX = "org.cec.portal.";

    private final BundleTracker<ServiceRegistration<HealthCheck>> tracker;

    @Activate
    public ModuleHealthChecks(BundleContext context, @Reference ServiceComponentRuntime scr) {
        int states = Bundle.INSTALLED | Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING;
        this.tracker = new BundleTracker<>(context, states, null) {
            @Override
            public ServiceRegistration<HealthCheck> addingBundle(Bundle bundle, BundleEvent event) {
                String bsn = bundle.getSymbolicName();
                if (bsn == null
                        || !bsn.startsWith(PREFIX)
                        || bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null) {
                    return null;
                }
                Dictionary<String, Object> props = new Hashtable<>();
                props.put(HealthCheck.NAME, "Module " + bsn);
                props.put(HealthCheck.TAGS, new String[] {PortalHealth.TAG, "module"});
                return context.registerService(HealthCheck.class, new ModuleCheck(bundle, scr), props);
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

    /** The health of one module bundle. */
    static final class ModuleCheck implements HealthCheck {
        /** A module that is not resolved this long after it appeared is broken, not on its way. */
        static final long INSTALL_GRACE_NANOS = 10_000_000_000L;

        private final Bundle bundle;
        private final ServiceComponentRuntime scr;
        private final long seenAt = System.nanoTime();

        ModuleCheck(Bundle bundle, ServiceComponentRuntime scr) {
            this.bundle = bundle;
            this.scr = scr;
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
                        log.critical("{} cannot be resolved: a bundle it needs is missing", bundle.getSymbolicName());
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
                                "Component {} failed to activate: {}", description.name, config.failure);
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

        private static List<String> missing(ComponentConfigurationDTO config) {
            List<String> names = new ArrayList<>();
            for (UnsatisfiedReferenceDTO ref : config.unsatisfiedReferences) {
                names.add(ref.name);
            }
            return names;
        }
    }
}
