package org.cec.portal.itests.distribution;

/** The console page "Contractors" on PostgreSQL (CEC_TEST_PG_URL, see .ci/postgres.sh), demo data switched on. */
class DirectoryConsolePostgresDistributionIT extends DirectoryConsoleDistributionIT {

    @Override
    String kind() {
        return "postgresql";
    }
}
