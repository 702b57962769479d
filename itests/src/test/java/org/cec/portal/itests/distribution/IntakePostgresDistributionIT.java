package org.cec.portal.itests.distribution;

/** The intake acceptance tests on PostgreSQL (CEC_TEST_PG_URL, see .ci/postgres.sh). */
class IntakePostgresDistributionIT extends IntakeDistributionTests {

    @Override
    String kind() {
        return "postgresql";
    }
}
