package org.cec.portal.api.web;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An entry of the portal's site navigation. Register one as an OSGi service and it appears in the
 * header of every page and on the home page at once; unregister it (stop the bundle) and it is
 * gone, with no restart.
 */
@ConsumerType
public interface NavigationItem {

    /**
     * The text of the link, short (for example "Request a service"), or a key of the registering
     * bundle's messages written {@code %key}, shown in the visitor's language.
     */
    String label();

    /** The path the entry links to, starting with {@code /} (for example {@code /request}). */
    String path();

    /**
     * One sentence for the home page that tells a homeowner what they find behind the link (a text,
     * or a {@code %key} like {@link #label()}). An empty string keeps the entry out of the home
     * page's list (it stays in the header).
     */
    default String description() {
        return "";
    }

    /** Sort order, ascending; entries with the same rank are sorted by label. */
    default int rank() {
        return 100;
    }
}
