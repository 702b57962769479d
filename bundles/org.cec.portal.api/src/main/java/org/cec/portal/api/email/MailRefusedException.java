package org.cec.portal.api.email;

/** A message the {@link Mailer} does not queue, and why. */
public class MailRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a message was refused. */
    public enum Reason {
        /** The recipient opted out of marketing email (commercial messages only). */
        OPTED_OUT,
        /** The address is on the suppression list, for example after hard bounces (commercial only). */
        SUPPRESSED,
        /** No template renders this message type. */
        UNKNOWN_TYPE,
        /** The template failed on this message's values. */
        TEMPLATE_FAILED
    }

    private final Reason reason;

    public MailRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
