package org.cec.portal.itests.distribution;

/**
 * Choosing contractors, disclosures and lead outcomes on PostgreSQL (CEC_TEST_PG_URL, see
 * .ci/postgres.sh): the same checks as on H2, the stored rows counted in the schema at the end.
 */
class DirectoryChoicePostgresDistributionIT extends DirectoryChoiceDistributionIT {

    @Override
    String kind() {
        return "postgresql";
    }
}
