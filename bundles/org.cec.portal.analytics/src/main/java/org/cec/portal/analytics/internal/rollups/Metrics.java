package org.cec.portal.analytics.internal.rollups;

import java.util.List;

/** The metric names of {@code analytics_daily} (see {@code org.cec.portal.api.analytics.DailyRollup}). */
public final class Metrics {

    public static final String PAGEVIEWS = "pageviews";
    public static final String PAGES = "pages";
    public static final String REFERRERS = "referrers";
    public static final String UTM_SOURCE = "utm-source";
    public static final String UTM_MEDIUM = "utm-medium";
    public static final String UTM_CAMPAIGN = "utm-campaign";
    public static final String BROWSERS = "browsers";
    public static final String OS = "os";
    public static final String DEVICES = "devices";
    public static final String LANGUAGES = "languages";
    public static final String FORM_STEPS = "form-steps";
    public static final String FORM_ERRORS = "form-errors";
    public static final String FORM_SUBMITTED = "form-submitted";
    public static final String SEARCH_SERVICES = "search-services";
    public static final String SEARCH_ZIP3 = "search-zip3";
    public static final String OUTBOUND_CLICKS = "outbound-clicks";
    public static final String NOT_FOUND = "not-found";
    public static final String EMAIL_OPENS = "email-opens";
    public static final String EMAIL_CLICKS = "email-clicks";
    public static final String CONSENT_CHOICES = "consent-choices";
    public static final String DROPPED = "dropped";
    /** Prefix of the metric of an event type without a metric of its own: {@code event:<type>}. */
    public static final String EVENT_PREFIX = "event:";

    /**
     * The metrics that are not computed from raw events but counted as they happen; recomputing a day
     * from its raw events leaves them alone.
     */
    public static final List<String> COUNTED = List.of(EMAIL_OPENS, EMAIL_CLICKS, CONSENT_CHOICES, DROPPED);

    /** The longest item ({@code analytics_daily.item}). */
    public static final int MAX_ITEM = 300;

    private Metrics() {}
}
