package org.cec.portal.itests.distribution.deploy;

/**
 * A component of a test plugin whose activation fails, as a partner's component does when something
 * it needs is missing. Declared by hand in the test bundle's component XML (no DS annotations: the
 * class imports nothing outside java.*).
 */
public final class FailingActivation {

    public void activate() {
        throw new IllegalStateException("the rebates table is missing");
    }
}
