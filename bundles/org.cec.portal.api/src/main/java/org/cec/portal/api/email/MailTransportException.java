package org.cec.portal.api.email;

/**
 * A {@link MailTransport} could not hand a message over. A temporary failure (the server is down, a
 * 4xx reply) is retried with a growing delay; a permanent one (a 5xx reply for this recipient, an
 * address the server refuses) is not retried and is counted as a hard bounce of the address.
 */
public class MailTransportException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean permanent;

    public MailTransportException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
