package org.cec.portal.email.internal;

import java.util.Map;

/** What a commercial message carries beyond its template (implemented in .unsubscribe, a DS service). */
public interface CommercialParts {
    /**
     * For a recipient's normalised address and the message's language: model values (unsubscribeUrl,
     * postalAddress) and headers (List-Unsubscribe, List-Unsubscribe-Post). The link opens its page in
     * the message's language.
     */
    Parts of(String normalisedEmail, String language);

    record Parts(Map<String, Object> model, Map<String, String> headers) {}
}
