package org.cec.portal.api.email;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The text of messages, for a partner bundle that replaces the built-in wording of some message types
 * (or adds its own types). Register one as an OSGi service; for each type, language and part the
 * service with the highest {@code service.ranking} that answers wins, and the email module's own
 * templates come last.
 *
 * <p>Templates are Freemarker with HTML auto-escaping in the {@code html} part; they see the message's
 * model, {@code portalUrl} (the portal's public address as recipients reach it, without a trailing
 * slash: build links as {@code ${portalUrl}/path}, never from a request's host), plus {@code
 * unsubscribeUrl} and {@code postalAddress} in commercial messages. The subject is the template's first
 * part, a single line.
 */
@ConsumerType
public interface MailTemplates {

    /** The parts of a message that a template renders. */
    enum Part {
        /** The subject line. */
        SUBJECT,
        /** The plain-text body. */
        TEXT,
        /** The HTML body. */
        HTML
    }

    /**
     * The Freemarker source of one part of a message type in a language ({@code en}, {@code es}), or
     * empty to leave it to the next.
     */
    Optional<String> template(String type, String language, Part part);
}
