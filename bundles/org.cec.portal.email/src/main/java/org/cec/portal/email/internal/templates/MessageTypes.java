package org.cec.portal.email.internal.templates;

/**
 * The message types the email module renders with its own templates ({@code templates/email/<type>/}),
 * in English and Spanish, and the model each template sees. A partner's {@link
 * org.cec.portal.api.email.MailTemplates} may replace any part of them. All but the newsletter are
 * relationship messages.
 */
public final class MessageTypes {

    private MessageTypes() {}

    /**
     * To the homeowner, once a request is submitted: its reference and the link to choose contractors.
     * Model: {@code name} (may be empty), {@code reference}, {@code services} (labels, in the request's
     * language), {@code contactMethod} ({@code email} or {@code phone}), {@code chooseUrl} (absolute; may
     * be empty when the directory gave no link).
     */
    public static final String CONFIRMATION = "intake.confirmation";

    /**
     * To a visitor who asked for a link to finish a request later. Model: {@code finishUrl} (absolute).
     */
    public static final String DRAFT_LINK = "intake.draft-link";

    /**
     * To a contractor a homeowner chose: the request, with only the disclosed fields. Model: {@code
     * businessName}, {@code reference}, {@code fields} (the names of the disclosed fields), and of those
     * only the disclosed ones: {@code name}, {@code email}, {@code phone}, {@code address}, {@code city},
     * {@code zip}, {@code services} (labels, in the message's language), {@code contactMethod}; {@code
     * leadUrl} (absolute; where the contractor reports what came of the lead, may be empty).
     */
    public static final String LEAD = "directory.lead";

    /**
     * To the homeowner, once per choice: the contractors that received the request. Model: {@code name},
     * {@code reference}, {@code contractors} (a list of maps with {@code name}, {@code phone}, {@code
     * email}, {@code website}, the last three possibly empty).
     */
    public static final String CHOSEN = "directory.chosen";

    /**
     * To a person who asked on the privacy choices page to opt back in: the signed link that completes
     * it (valid for seven days). Model: {@code confirmUrl} (absolute), {@code kind} ({@code
     * marketing-email} or {@code address-sharing}, what they opt back into).
     */
    public static final String OPT_IN = "consent.opt-in";

    /**
     * A newsletter staff wrote in the console (commercial). Model: {@code subject}, {@code paragraphs}
     * (the text, split at blank lines), {@code name} (may be empty), {@code test} (true for a test sent
     * to staff), and {@code unsubscribeUrl}, {@code postalAddress}.
     */
    public static final String NEWSLETTER = "campaign.newsletter";
}
