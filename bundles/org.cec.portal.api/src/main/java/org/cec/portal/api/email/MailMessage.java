package org.cec.portal.api.email;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A message to queue with the {@link Mailer}: what kind it is, which template renders it, to whom, in
 * which language, and the values its template shows. The message is rendered when it is queued (so
 * links in it are made then) and stored in the outbox until a {@link MailTransport} has taken it.
 *
 * <pre>{@code
 * mailer.queue(MailMessage.relationship("intake.confirmation", MailAddress.of(email), "es")
 *         .with("reference", reference)
 *         .with("chooseUrl", chooseUrl)
 *         .key("intake.submitted:" + event.id())
 *         .build());
 * }</pre>
 *
 * @param kind relationship or commercial
 * @param type the message type, which names its templates: 1 to 64 of {@code a-z 0-9 . -}, such as
 *     {@code intake.confirmation}
 * @param to the recipient
 * @param language the language to render in ({@code en} or {@code es}; another falls back to English)
 * @param model the template's values: strings, numbers, booleans, and lists and maps of them
 * @param key an idempotency key, or empty: a second message with the same key is not queued again
 *     (use the id of the event that caused it, for example {@code intake.submitted:42})
 * @param about the normalised email address of the person whose data the message holds, for access and
 *     erasure requests: the recipient, unless the message is about someone else (a lead holds the
 *     homeowner's data)
 */
public record MailMessage(
        MessageKind kind,
        String type,
        MailAddress to,
        String language,
        Map<String, Object> model,
        Optional<String> key,
        String about) {

    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

    /** The longest idempotency key. */
    public static final int MAX_KEY_LENGTH = 200;

    public MailMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(to, "to");
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException(
                    "A message type is 1 to 64 of a-z 0-9 . - (for example intake.confirmation)");
        }
        language = language == null || !LANGUAGE.matcher(language).matches() ? "en" : language;
        model = Map.copyOf(model);
        key = Objects.requireNonNull(key, "key");
        key.ifPresent(k -> MailText.requireSingleLine("The idempotency key", k, MAX_KEY_LENGTH));
        about = about == null || about.isBlank() ? to.address().toLowerCase(java.util.Locale.ROOT) : about;
    }

    /** A relationship message: a confirmation, a lead, a service notice. */
    public static Builder relationship(String type, MailAddress to, String language) {
        return new Builder(MessageKind.RELATIONSHIP, type, to, language);
    }

    /** A commercial message: a newsletter or a promotion. */
    public static Builder commercial(String type, MailAddress to, String language) {
        return new Builder(MessageKind.COMMERCIAL, type, to, language);
    }

    /** Builds a {@link MailMessage}. */
    public static final class Builder {
        private final MessageKind kind;
        private final String type;
        private final MailAddress to;
        private final String language;
        private final Map<String, Object> model = new LinkedHashMap<>();
        private String key;
        private String about;

        private Builder(MessageKind kind, String type, MailAddress to, String language) {
            this.kind = kind;
            this.type = type;
            this.to = to;
            this.language = language;
        }

        /** A value for the template (not null). */
        public Builder with(String name, Object value) {
            model.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name));
            return this;
        }

        /** The idempotency key. */
        public Builder key(String key) {
            this.key = key;
            return this;
        }

        /** The person whose data the message holds, when not the recipient. */
        public Builder about(String normalisedEmail) {
            this.about = normalisedEmail;
            return this;
        }

        public MailMessage build() {
            return new MailMessage(kind, type, to, language, model, Optional.ofNullable(key), about);
        }
    }
}
