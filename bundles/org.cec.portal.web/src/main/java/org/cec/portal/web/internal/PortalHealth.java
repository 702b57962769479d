package org.cec.portal.web.internal;

/** Names shared by the portal's health checks. */
final class PortalHealth {

    /** Tag carried by every health check that {@code /health} reports. */
    static final String TAG = "cec-portal";

    private PortalHealth() {}
}
