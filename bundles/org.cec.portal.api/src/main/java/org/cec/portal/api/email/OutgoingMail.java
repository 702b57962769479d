package org.cec.portal.api.email;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A rendered message as a {@link MailTransport} receives it. The transport sets the sender ({@code
 * From}) from its own configuration, and must keep {@link #messageId()} as the {@code Message-ID}
 * header, so that a message delivered twice (after a crash in the middle of sending) can be recognised.
 *
 * @param outboxId the message's id in the outbox
 * @param messageId the {@code Message-ID}, without angle brackets, such as {@code
 *     42.k3j4h5@cec-portal}
 * @param kind relationship or commercial
 * @param type the message type, such as {@code intake.confirmation}
 * @param to the recipient
 * @param subject the subject, a single line
 * @param text the plain-text part (always present)
 * @param html the HTML part, or empty
 * @param headers further headers, such as {@code List-Unsubscribe}, already single-line
 * @param attempt 1 for the first attempt, then 2, 3, ...
 */
public record OutgoingMail(
        long outboxId,
        String messageId,
        MessageKind kind,
        String type,
        MailAddress to,
        String subject,
        String text,
        Optional<String> html,
        Map<String, String> headers,
        int attempt) {

    public OutgoingMail {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        MailText.requireSingleLine("The subject", subject, 998);
        headers = Map.copyOf(headers);
        headers.forEach((k, v) -> {
            MailText.requireSingleLine("A header name", k, 76);
            MailText.requireSingleLine("The header " + k, v, 998);
        });
    }
}
