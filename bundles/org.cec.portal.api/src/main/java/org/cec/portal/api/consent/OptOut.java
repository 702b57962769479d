package org.cec.portal.api.consent;

/**
 * What a person can opt out of by giving their email address. An opt-out needs no verification and
 * takes effect at once; opting back in needs a confirmation from that address.
 */
public enum OptOut {
    /** No commercial email (newsletters, campaigns) and no tracking of email: {@link Purpose#MARKETING}. */
    MARKETING_EMAIL,
    /** Do not share my postal address with contractors. */
    ADDRESS_SHARING;

    /** The id used in forms, receipts and events: {@code marketing-email} or {@code address-sharing}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
