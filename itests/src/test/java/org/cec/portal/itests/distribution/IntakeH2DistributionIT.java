package org.cec.portal.itests.distribution;

/** The intake acceptance tests on the embedded H2 database. */
class IntakeH2DistributionIT extends IntakeDistributionTests {

    @Override
    String kind() {
        return "h2";
    }
}
