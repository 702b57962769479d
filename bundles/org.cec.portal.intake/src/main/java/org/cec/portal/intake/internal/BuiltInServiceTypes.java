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
 * exactly like a partner's: the form does not know them apart.
 */
@Component(
        immediate = true,
        service = {})
public final class BuiltInServiceTypes {

    /** A service type with fixed texts. */
    record Builtin(String id, String label, String description, int rank) implements ServiceType {}

    static final List<Builtin> ALL = List.of(
            new Builtin("solar-pv", "Rooftop solar (PV)", "Solar panels that make electricity on your roof.", 10),
            new Builtin(
                    "battery-storage", "Battery storage", "A home battery for backup power and solar self-use.", 20),
            new Builtin("heat-pump", "Heat pump", "Efficient heating and cooling in one system.", 30),
            new Builtin(
                    "heat-pump-water-heater",
                    "Heat-pump water heater",
                    "Hot water for a fraction of the energy of a gas or resistance heater.",
                    40),
            new Builtin(
                    "insulation-air-sealing",
                    "Insulation and air sealing",
                    "Fewer drafts, lower bills, a more comfortable home.",
                    50),
            new Builtin("ev-charger", "EV charger", "A Level 2 charger for an electric vehicle at home.", 60),
            new Builtin(
                    "home-energy-audit",
                    "Home energy audit",
                    "A visit that shows where your home loses energy and what to do first.",
                    70),
            new Builtin(
                    "panel-upgrade",
                    "Electrical panel upgrade",
                    "More capacity for heat pumps, EV chargers and solar.",
                    80));

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
