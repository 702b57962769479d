package org.cec.portal.analytics.internal.recording;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * An event taken from a request, waiting in the buffer to be written. It holds the visitor's address
 * and user agent only until the writer has turned them into the day's visitor key and the device
 * fields: they are never written, and never leave this node's memory.
 *
 * @param type {@code page-view} or a module's event type
 * @param at when it happened (for an anonymous page view: the start of its day)
 * @param day the analytics day it counts on
 * @param path the normalised path, or null
 * @param referrerHost the referring site's host, or null
 * @param utmSource campaign source, or null
 * @param utmMedium campaign medium, or null
 * @param utmCampaign campaign name, or null
 * @param language the page's language tag, or null
 * @param userAgent the visitor's user agent, to classify (null: no device fields)
 * @param address the visitor's client address, for the visitor key only (null: no key)
 * @param dimensions a module event's dimensions (empty for page views)
 */
record Pending(
        String type,
        Instant at,
        LocalDate day,
        String path,
        String referrerHost,
        String utmSource,
        String utmMedium,
        String utmCampaign,
        String language,
        String userAgent,
        String address,
        Map<String, String> dimensions) {

    /** An anonymous page view: day and path only. */
    static Pending anonymous(Instant startOfDay, LocalDate day, String path) {
        return new Pending(
                org.cec.portal.api.analytics.RawEvent.PAGE_VIEW,
                startOfDay,
                day,
                path,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of());
    }

    @Override
    public String toString() {
        // never the address or the user agent, should this ever be logged
        return "Pending[" + type + " on " + day + "]";
    }
}
