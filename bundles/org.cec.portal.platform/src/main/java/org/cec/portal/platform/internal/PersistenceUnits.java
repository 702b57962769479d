package org.cec.portal.platform.internal;

import jakarta.persistence.EntityManagerFactory;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.persistence.jpa.PersistenceProvider;

/**
 * Builds a module's EclipseLink {@link EntityManagerFactory} without Aries JPA (STACK.md pitfall
 * 4): the provider is called directly with the module bundle's class loader, so the unit's {@code
 * META-INF/persistence.xml} and entity classes come from the module, and with the platform's pooled
 * data source. No weaving, no schema generation: the module's migrations own the schema.
 */
final class PersistenceUnits {

    private PersistenceUnits() {}

    static EntityManagerFactory create(String unit, ClassLoader moduleLoader, DataSource dataSource, Dialect dialect) {
        Map<String, Object> props = new HashMap<>();
        props.put("eclipselink.classloader", moduleLoader);
        props.put("jakarta.persistence.nonJtaDataSource", dataSource);
        props.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        props.put("eclipselink.weaving", "false");
        props.put("eclipselink.ddl-generation", "none");
        props.put("eclipselink.deploy-on-startup", "true");
        props.put("eclipselink.logging.level", "WARNING");
        props.put("eclipselink.logging.logger", "JavaLogger");
        props.put(
                "eclipselink.target-database",
                dialect == Dialect.POSTGRESQL
                        ? "org.eclipse.persistence.platform.database.PostgreSQLPlatform"
                        : "org.eclipse.persistence.platform.database.H2Platform");
        EntityManagerFactory emf = new PersistenceProvider().createEntityManagerFactory(unit, props);
        if (emf == null) {
            throw new IllegalStateException(
                    "No persistence unit named " + unit + " in the module's META-INF/persistence.xml");
        }
        return emf;
    }
}
