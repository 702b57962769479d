package org.cec.portal.itests.directorypages;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.cec.portal.api.directory.Certification;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.ContractorSource;
import org.cec.portal.api.directory.Licence;
import org.cec.portal.api.geo.GeoPoint;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The activator of the test bundle {@code DirectoryPagesDistributionIT} deploys: a {@link ContractorSource}
 * {@value #ID} with a few contractors of known websites around San Francisco's 94110, so the website links
 * and the profile can be checked against what is stored. Plain activator, no DS: the test builds the bundle
 * from this class file with a hand-written manifest.
 */
public final class PagesTestSource implements BundleActivator, ContractorSource {

    public static final String ID = "itpages";
    /** The centre of 94110 as the Census gives it (close enough: the search measures from the real one). */
    static final GeoPoint SF = new GeoPoint(37.748991, -122.415172);

    public static final String NEAR_WEBSITE = "https://near.itpages.example/solar?ref=cec&x=1";

    private ServiceRegistration<ContractorSource> registration;

    @Override
    public void start(BundleContext context) {
        registration = context.registerService(ContractorSource.class, this, null);
    }

    @Override
    public void stop(BundleContext context) {
        registration.unregister();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "IT partner";
    }

    @Override
    public List<Contractor> contractors() {
        LocalDate today = LocalDate.now();
        List<Contractor> all = new java.util.ArrayList<>(List.of(
                contractor("near", "Zz Test Near Solar", 0.0, NEAR_WEBSITE, true, today),
                contractor("script", "Zz Test Script Website", 0.01, "javascript:alert(1)", true, today),
                contractor("relative", "Zz Test Relative Website", 0.02, "//evil.example/", true, today),
                contractor("gone", "Zz Test Inactive", 0.03, "https://gone.itpages.example/", false, today)));
        // enough energy auditors 3 to 8 miles away for several pages of results
        for (int i = 1; i <= FILLERS; i++) {
            all.add(new Contractor(
                    "audit-" + i,
                    "Zz Test Auditor " + i,
                    Set.of("home-energy-audit"),
                    null,
                    new GeoPoint(SF.latitude() + (3 + i * 0.2) / 69.0, SF.longitude()),
                    50,
                    Set.of(),
                    List.of(),
                    List.of(),
                    null,
                    Set.of("en"),
                    "",
                    "https://audit" + i + ".itpages.example/",
                    "",
                    "",
                    true,
                    ID,
                    null));
        }
        return all;
    }

    /** How many auditors the source adds. */
    public static final int FILLERS = 25;

    private static Contractor contractor(
            String id, String name, double north, String website, boolean active, LocalDate today) {
        return new Contractor(
                id,
                name,
                Set.of("solar-pv", "battery-storage"),
                null,
                new GeoPoint(SF.latitude() + north, SF.longitude()),
                30,
                Set.of("94103"),
                List.of(
                        new Certification("ITPAGES Valid Cert", "V-1", "IT Board", today.plusYears(1)),
                        new Certification("ITPAGES Expired Cert", "E-1", "IT Board", today.minusDays(3))),
                List.of(new Licence("CA", "999001", "C-46 Solar", today.plusYears(1))),
                today.minusDays(1),
                Set.of("en", "es", "vi"),
                "A fictional contractor of the integration tests.",
                website,
                "415-555-0142",
                "near@itpages.example",
                active,
                ID,
                today.minusDays(2));
    }
}
