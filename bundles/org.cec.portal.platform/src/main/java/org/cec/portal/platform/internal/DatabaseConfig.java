package org.cec.portal.platform.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Which database the portal uses. Without any configuration: H2 in the data folder. */
@ObjectClassDefinition(
        name = "CEC Portal database",
        description = "The portal's database. Leave the URL empty for the embedded H2 database under the data"
                + " folder; give a jdbc:postgresql:// URL, user and password for PostgreSQL.")
public @interface DatabaseConfig {

    String PID = "org.cec.portal.platform.database";

    @AttributeDefinition(
            name = "JDBC URL",
            description = "For example jdbc:postgresql://db.example.org:5432/portal. Empty: embedded H2 at"
                    + " <data folder>/db/portal.",
            required = false)
    String url() default "";

    @AttributeDefinition(name = "User", description = "Database user.", required = false)
    String user() default "sa";

    @AttributeDefinition(
            name = "Password",
            description = "Database password.",
            type = AttributeType.PASSWORD,
            required = false)
    String password() default "";

    @AttributeDefinition(
            name = "Pool size",
            description = "Most connections the portal holds open at once (1 to 200).",
            min = "1",
            max = "200")
    int poolSize() default 10;

    @AttributeDefinition(
            name = "Back up before migrations (H2)",
            description = "Embedded H2 only: before a module's pending migrations are applied, write a compressed"
                    + " copy of the whole database to <data folder>/db/backup/ (inside the data folder, for the"
                    + " portal's user only; remove old copies yourself). Off by default: back up the data folder"
                    + " before an upgrade instead. PostgreSQL migrations run in one transaction.",
            required = false)
    boolean backupBeforeMigration() default false;
}
