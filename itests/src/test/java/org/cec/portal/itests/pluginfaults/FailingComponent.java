package org.cec.portal.itests.pluginfaults;

/**
 * The implementation of a partner's Declarative Services component that cannot start: its constructor
 * throws, as a plugin whose configuration or dependencies are wrong would. {@code PluginFaultsDistributionIT}
 * deploys it with a hand-written component description.
 */
public final class FailingComponent {

    public static final String NAME = "org.example.partner.FailingComponent";

    public FailingComponent() {
        throw new IllegalStateException("the partner's service is not configured");
    }
}
