package org.cec.portal.api.analytics;

import jakarta.servlet.http.HttpServletRequest;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Records what visitors do, first-party and within their consent. Registered by the analytics module;
 * a module that reports events references it optionally and dynamically, and simply reports nothing
 * while none is registered.
 *
 * <p>Both methods return at once: events go to a bounded buffer that is written in batches. When the
 * buffer is full the event is dropped and counted (the dashboard and {@code /health} show the drops);
 * the caller is never blocked and never sees an exception.
 */
@ProviderType
public interface AnalyticsRecorder {

    /**
     * Records {@code event} for the visitor of {@code request}, but only if that visitor's consent
     * allows {@link org.cec.portal.api.consent.Purpose#ANALYTICS analytics} (a visitor sending Do Not
     * Track or Global Privacy Control without an explicit opt-in is not recorded) and the visitor is
     * not a known bot. The recorder adds the day's visitor key and the visitor's language; it never
     * stores the IP address.
     */
    void record(HttpServletRequest request, AnalyticsEvent event);

    /**
     * Records {@code event} without a visitor: for what is not seen in a visitor's request (a job a
     * contractor reported done, a message opened). The caller answers for the consent that covers it.
     */
    void record(AnalyticsEvent event);
}
