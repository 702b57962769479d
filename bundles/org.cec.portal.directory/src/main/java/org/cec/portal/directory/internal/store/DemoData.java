package org.cec.portal.directory.internal.store;

import java.sql.Connection;
import java.util.Locale;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.geo.ZipCentroids;
import org.cec.portal.directory.internal.DirectorySettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the {@link DemoContractors} once into an empty directory when the settings ask for it ({@code
 * demo.enabled}: {@code auto} on the embedded H2 database only, {@code true} on any), and with {@code
 * false} deactivates the demonstration contractors already stored.
 */
@Component(immediate = true)
public final class DemoData {

    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

    /** What happened at start: for tests and the log. */
    enum Outcome {
        LOADED,
        NOT_EMPTY,
        NOT_ASKED,
        HIDDEN
    }

    private final Outcome outcome;

    @Activate
    public DemoData(
            @Reference ContractorRegistry registry,
            @Reference ContractorChanges changes,
            @Reference(target = "(" + ModuleDatabase.MODULE_PROPERTY + "=directory)") ModuleDatabase db,
            @Reference DirectorySettings settings,
            @Reference ZipCentroids zips) {
        this.outcome = apply(registry, changes, db, settings.demo(), zips);
    }

    static Outcome apply(
            ContractorRegistry registry,
            ContractorChanges changes,
            ModuleDatabase db,
            DirectorySettings.Demo demo,
            ZipCentroids zips) {
        if (demo == DirectorySettings.Demo.FALSE) {
            int hidden = 0;
            for (Contractor c : registry.all()) {
                if (c.active() && Contractor.DEMO.equals(c.source()) && registry.setActive(c.id(), false)) {
                    hidden++;
                }
            }
            if (hidden > 0) {
                LOG.info("Deactivated {} demonstration contractors (demo.enabled is false)", hidden);
            }
            return Outcome.HIDDEN;
        }
        if (demo == DirectorySettings.Demo.AUTO && !embedded(db)) {
            return Outcome.NOT_ASKED;
        }
        if (!changes.isEmpty()) {
            return Outcome.NOT_EMPTY;
        }
        int loaded = registry.importAll(DemoContractors.generate(zips), n -> {});
        LOG.info(
                "Loaded {} fictional demonstration contractors (source demo) into the empty directory"
                        + " (demo.enabled is {})",
                loaded,
                demo.name().toLowerCase(Locale.ROOT));
        return Outcome.LOADED;
    }

    Outcome outcome() {
        return outcome;
    }

    private static boolean embedded(ModuleDatabase db) {
        String product = db.read(em -> em.unwrap(Connection.class).getMetaData().getDatabaseProductName());
        return product.toLowerCase(Locale.ROOT).contains("h2");
    }
}
