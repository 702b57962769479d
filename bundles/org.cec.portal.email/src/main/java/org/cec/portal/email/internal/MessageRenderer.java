package org.cec.portal.email.internal;

import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.email.MailMessage;

/** Renders a message's three parts (implemented in .templates, a DS service). */
public interface MessageRenderer {
    /** @param extra values added by the email module itself (unsubscribeUrl, postalAddress for commercial mail)
     *  @throws org.cec.portal.api.email.MailRefusedException UNKNOWN_TYPE / TEMPLATE_FAILED */
    Rendered render(MailMessage message, Map<String, Object> extra);

    record Rendered(String subject, String text, Optional<String> html) {}
}
