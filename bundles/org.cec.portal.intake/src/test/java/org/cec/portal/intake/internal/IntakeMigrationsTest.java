package org.cec.portal.intake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The module tests' database is migrated by the platform's own migrator (issue 10 §4): its history
 * table holds each of intake's versions, the dialect folders' V4 and V6 included, as in the portal.
 */
class IntakeMigrationsTest {

    @ParameterizedTest
    @MethodSource("org.cec.portal.testing.ModuleTestDatabase#kinds")
    void moduleTestDatabaseRunsTheProductionMigrator(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "intake")) {
            List<Object> versions =
                    db.rows("SELECT version FROM platform_migration WHERE module = 'intake' ORDER BY version").stream()
                            .map(row -> (Object) ((Number) row[0]).intValue())
                            .toList();
            assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), versions);
        }
    }
}
