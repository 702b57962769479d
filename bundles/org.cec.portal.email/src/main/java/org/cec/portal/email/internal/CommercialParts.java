package org.cec.portal.email.internal;

import java.util.Map;

/** What a commercial message carries beyond its template (implemented in .unsubscribe, a DS service). */
public interface CommercialParts {
    /** For a recipient's normalised address: model values (unsubscribeUrl, postalAddress) and headers
     *  (List-Unsubscribe, List-Unsubscribe-Post). */
    Parts of(String normalisedEmail);

    record Parts(Map<String, Object> model, Map<String, String> headers) {}
}
