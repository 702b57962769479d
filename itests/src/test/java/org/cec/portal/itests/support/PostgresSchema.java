package org.cec.portal.itests.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.cec.portal.testing.TestPostgres;

/**
 * A schema of its own on the test run's PostgreSQL ({@link TestPostgres}: named by
 * {@code CEC_TEST_PG_*}, or a throwaway server), for a portal started by a test: {@link #url()}
 * goes into the portal's database configuration, {@link #connect()} checks what it stored.
 */
public record PostgresSchema(String base, String url, String user, String password, String schema) {

    /** Creates a new schema named {@code <prefix>_<random>}. */
    public static PostgresSchema create(String prefix) throws Exception {
        TestPostgres.Server server = TestPostgres.server();
        String base = server.url();
        String schema = prefix + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        PostgresSchema db = new PostgresSchema(
                base,
                base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                server.user() == null ? "" : server.user(),
                server.password() == null ? "" : server.password(),
                schema);
        try (Connection c = DriverManager.getConnection(base, db.user, db.password);
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return db;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Drops the schema with everything in it. */
    public void drop() throws SQLException {
        try (Connection c = DriverManager.getConnection(base, user, password);
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /** The portal's database configuration file for this schema ({@code etc/<pid>.cfg}). */
    public String platformConfiguration() {
        return "url=" + url + "\nuser=" + user + "\npassword=" + password + "\n";
    }
}
