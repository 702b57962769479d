package org.cec.portal.itests.distribution;

/**
 * Analytics retention on PostgreSQL (CEC_TEST_PG_URL, see .ci/postgres.sh): the same checks as on H2,
 * and the partition of the month that expired whole is dropped (gone from the catalog), the others stay.
 */
class AnalyticsRetentionPostgresDistributionIT extends AnalyticsRetentionDistributionIT {

    @Override
    String kind() {
        return "postgresql";
    }
}
