package org.cec.portal.itests.englishonly;

import org.cec.portal.api.intake.ServiceType;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The test plugin {@code englishonly} that {@code IntakeLanguagesDistributionIT} drops into a running
 * portal: one {@link ServiceType} whose label and description are {@code %key}s of the bundle's
 * {@code messages/messages.properties}, which it ships in English only. Plain activator, no DS: the
 * test builds the bundle from these class files.
 */
public final class EnglishOnlyModule implements BundleActivator {

    public static final String ID = "englishonly-geothermal";

    private ServiceRegistration<ServiceType> registration;

    /** The class files that make up the bundle. */
    public static Class<?>[] bundleClasses() {
        return new Class<?>[] {EnglishOnlyModule.class, Geothermal.class};
    }

    /** The service type, its texts as keys. */
    public static final class Geothermal implements ServiceType {
        @Override
        public String id() {
            return ID;
        }

        @Override
        public String label() {
            return "%englishonly.label";
        }

        @Override
        public String description() {
            return "%englishonly.description";
        }

        @Override
        public int rank() {
            return 5;
        }
    }

    @Override
    public void start(BundleContext context) {
        registration = context.registerService(ServiceType.class, new Geothermal(), null);
    }

    @Override
    public void stop(BundleContext context) {
        registration.unregister();
    }
}
