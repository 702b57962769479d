package org.cec.portal.platform.internal;

import jakarta.persistence.EntityManagerFactory;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.cec.portal.api.data.ModuleDatabase;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.BundleTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extender that gives modules their database. For every started bundle with the manifest
 * header {@code CEC-Module-Database: <module id>} it applies the bundle's pending migrations,
 * builds its EclipseLink unit with the bundle's class loader, and registers its {@link
 * ModuleDatabase} service ({@code cec.module=<module id>}); a {@code Migrations <module id>} health
 * check tells how that went. When the bundle stops, the service goes and the unit is closed.
 *
 * <p>A failed migration leaves the module without its {@code ModuleDatabase}: its components stay
 * unsatisfied, the health check is CRITICAL with the file and the database's error, and the
 * database is as it was before (see {@link Migrator}).
 */
@Component(immediate = true)
public final class ModuleDatabases {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleDatabases.class);
    private static final long FIRST_RETRY_MILLIS = 2_000;
    private static final long MAX_RETRY_MILLIS = 60_000;
    private static final Pattern MODULE_ID = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    /** What the extender holds for one module bundle. */
    private static final class Module implements HealthCheck {
        final String id;
        volatile ServiceRegistration<HealthCheck> health;
        volatile ServiceRegistration<ModuleDatabase> service;
        volatile EntityManagerFactory emf;
        volatile ModuleDatabaseImpl database;
        volatile Result.Status status = Result.Status.WARN;
        volatile String message = "Migrations are being applied";
        volatile boolean stopped;
        long retryMillis = FIRST_RETRY_MILLIS; // guarded by this

        Module(String id) {
            this.id = id;
        }

        @Override
        public Result execute() {
            FormattingResultLog log = new FormattingResultLog();
            switch (status) {
                case OK -> log.info("{}", message);
                case CRITICAL -> log.critical("{}", message);
                default -> log.warn("{}", message);
            }
            return new Result(log);
        }
    }

    private final BundleContext context;
    private final PlatformDatabase database;
    private final TransactionBinding binding;
    private final BundleTracker<Module> tracker;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cec-module-database-retry");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public ModuleDatabases(
            BundleContext context, @Reference PlatformDatabase database, @Reference TransactionBinding binding) {
        this.context = context;
        this.database = database;
        this.binding = binding;
        this.tracker = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE, null) {
            @Override
            public Module addingBundle(Bundle bundle, BundleEvent event) {
                String id = bundle.getHeaders("").get(ModuleDatabase.HEADER);
                return id == null ? null : start(bundle, id.trim());
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, Module module) {
                stop(module);
            }
        };
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        retries.shutdownNow();
        tracker.close();
    }

    private Module start(Bundle bundle, String id) {
        Module module = new Module(id);
        Dictionary<String, Object> hc = new Hashtable<>();
        hc.put(HealthCheck.NAME, "Migrations " + id);
        hc.put(HealthCheck.TAGS, new String[] {"cec-portal", "migrations"});
        module.health = context.registerService(HealthCheck.class, module, hc);
        if (!MODULE_ID.matcher(id).matches() || id.equals("platform")) {
            failed(
                    module,
                    bundle,
                    "The module id '" + id + "' in " + ModuleDatabase.HEADER + " of "
                            + bundle.getSymbolicName()
                            + " is not usable: 1 to 64 of a-z 0-9 . _ -, starting with a letter,"
                            + " and not 'platform'");
            return module;
        }
        for (Module other : tracker.getTracked().values()) {
            if (other.id.equals(id)) {
                failed(module, bundle, "Another bundle already uses the module id " + id);
                return module;
            }
        }
        open(module, bundle);
        return module;
    }

    /**
     * Migrates the module's schema and registers its database. When the database cannot be reached
     * (a moment's outage), this is tried again later instead of leaving the module without a
     * database until a restart; a failing migration is final until the bundle is updated.
     */
    private void open(Module module, Bundle bundle) {
        synchronized (module) { // against stop() on the tracker's thread
            if (!module.stopped) {
                openLocked(module, bundle);
            }
        }
    }

    private void openLocked(Module module, Bundle bundle) {
        String id = module.id;
        Migrator.Result result;
        try {
            result = database.migrator().migrate(id, MigrationScripts.fromBundle(bundle, database.dialect()));
        } catch (MigrationException e) {
            if (e.databaseUnreachable() && !retries.isShutdown()) {
                retryLater(module, bundle, e.getMessage());
            } else {
                failed(module, bundle, e.getMessage());
            }
            return;
        } catch (RuntimeException e) {
            failed(module, bundle, e.getMessage());
            return;
        }
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        try {
            module.emf =
                    PersistenceUnits.create(id, wiring.getClassLoader(), database.dataSource(), database.dialect());
        } catch (RuntimeException e) {
            failed(
                    module,
                    bundle,
                    "The persistence unit " + id + " of " + bundle.getSymbolicName() + " could not be built: "
                            + e.getMessage());
            return;
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(ModuleDatabase.MODULE_PROPERTY, id);
        module.database = new ModuleDatabaseImpl(id, module.emf, binding);
        module.service = context.registerService(ModuleDatabase.class, module.database, props);
        module.status = Result.Status.OK;
        module.message = "Schema of " + bundle.getSymbolicName() + " at V" + result.currentVersion()
                + (result.applied().isEmpty() ? "" : " (" + result.applied().size() + " migration(s) applied now)");
        LOG.info("Module database {}: {}", id, module.message);
    }

    private void retryLater(Module module, Bundle bundle, String reason) {
        long delay;
        synchronized (module) {
            delay = module.retryMillis;
            module.retryMillis = Math.min(delay * 2, MAX_RETRY_MILLIS);
        }
        module.status = Result.Status.WARN;
        module.message = "Waiting for the database, trying again in " + delay / 1000 + " s: " + reason;
        LOG.warn("Module database {}: {}", module.id, module.message);
        try {
            retries.schedule(() -> open(module, bundle), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            failed(module, bundle, reason);
        }
    }

    private static void failed(Module module, Bundle bundle, String reason) {
        module.status = Result.Status.CRITICAL;
        module.message = reason + ". The module " + bundle.getSymbolicName() + " gets no database and stays inactive.";
        LOG.error("Module database {}: {}", module.id, module.message);
    }

    private static void stop(Module module) {
        synchronized (module) {
            module.stopped = true;
        }
        unregister(module.service);
        unregister(module.health);
        if (module.database != null) {
            module.database.close();
        }
        EntityManagerFactory emf = module.emf;
        if (emf != null && emf.isOpen()) {
            emf.close();
        }
    }

    private static void unregister(ServiceRegistration<?> reg) {
        if (reg != null) {
            try {
                reg.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the platform bundle is stopping
            }
        }
    }
}
