package org.cec.portal.platform.internal;

import javax.sql.DataSource;

/**
 * The connected database, registered as a service of this bundle only (its package is private) once
 * the platform's own migrations have run. The extender, the event log and the dispatcher wait for
 * it, so nothing of them runs while the database is unreachable.
 *
 * @param dataSource the pool
 * @param dialect which database it is
 * @param migrator applies modules' migrations to it
 */
public record PlatformDatabase(DataSource dataSource, Dialect dialect, Migrator migrator) {}
