package org.cec.portal.intake.internal;

import java.util.ArrayList;
import java.util.List;
import org.cec.portal.api.intake.ServiceType;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The services the portal offers out of the box, each registered as a {@link ServiceType} service
 * exactly like a partner's: the form does not know them apart. Their texts are {@code %key}s of the
 * intake bundle's messages, in English and Spanish.
 */
@Component(
        immediate = true,
        service = {})
public final class BuiltInServiceTypes {

    /** A service type whose label and description are the intake bundle's messages {@code intake.service.<id>.*}. */
    record Builtin(String id, int rank) implements ServiceType {

        @Override
        public String label() {
            return "%intake.service." + id + ".label";
        }

        @Override
        public String description() {
            return "%intake.service." + id + ".description";
        }
    }

    static final List<Builtin> ALL = List.of(
            new Builtin("solar-pv", 10),
            new Builtin("battery-storage", 20),
            new Builtin("heat-pump", 30),
            new Builtin("heat-pump-water-heater", 40),
            new Builtin("insulation-air-sealing", 50),
            new Builtin("ev-charger", 60),
            new Builtin("home-energy-audit", 70),
            new Builtin("panel-upgrade", 80));

    private final List<ServiceRegistration<ServiceType>> registrations = new ArrayList<>();

    @Activate
    public BuiltInServiceTypes(BundleContext context) {
        for (Builtin b : ALL) {
            registrations.add(context.registerService(ServiceType.class, b, null));
        }
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<ServiceType> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and the framework unregistered it first
            }
        }
        registrations.clear();
    }
}
