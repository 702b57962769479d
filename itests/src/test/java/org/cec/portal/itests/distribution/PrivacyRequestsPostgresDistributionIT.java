package org.cec.portal.itests.distribution;

/**
 * Privacy requests on PostgreSQL (CEC_TEST_PG_URL, see .ci/postgres.sh): the same checks as on H2, every
 * table of the portal's schema searched for the erased persons after the portal stops.
 */
class PrivacyRequestsPostgresDistributionIT extends PrivacyRequestsDistributionIT {

    @Override
    String kind() {
        return "postgresql";
    }
}
