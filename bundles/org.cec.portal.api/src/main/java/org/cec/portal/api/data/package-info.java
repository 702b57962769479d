/**
 * A module's own database: its EclipseLink persistence unit, its versioned SQL migrations and the
 * transactions its services run in.
 *
 * <p>A module declares its data in its bundle:
 *
 * <ul>
 *   <li>the manifest header {@value org.cec.portal.api.data.ModuleDatabase#HEADER}{@code : <module
 *       id>}, for example {@code CEC-Module-Database: intake};
 *   <li>versioned SQL at {@code db/migration/V<n>__<description>.sql} (for example {@code
 *       db/migration/V1__request_tables.sql}), optionally overridden per database at {@code
 *       db/migration/postgresql/V<n>__<description>.sql} or {@code db/migration/h2/...};
 *   <li>{@code META-INF/persistence.xml} with a persistence unit named after the module id that
 *       lists the module's entity classes.
 * </ul>
 *
 * <p>The platform applies the module's pending migrations when the module starts and then registers
 * one {@link org.cec.portal.api.data.ModuleDatabase} service for it, with the service property
 * {@value org.cec.portal.api.data.ModuleDatabase#MODULE_PROPERTY}{@code =<module id>}. A module's
 * components reference it with a target filter, so they stay unsatisfied while the migrations have
 * not run or have failed:
 *
 * <pre>{@code
 * @Reference(target = "(cec.module=intake)")
 * ModuleDatabase db;
 * }</pre>
 */
@Version("1.2.0")
package org.cec.portal.api.data;

import org.osgi.annotation.versioning.Version;
