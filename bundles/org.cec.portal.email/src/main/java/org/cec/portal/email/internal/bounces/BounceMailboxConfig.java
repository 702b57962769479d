package org.cec.portal.email.internal.bounces;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * PID {@value #PID} (console: "CEC Portal: email bounce mailbox"): the IMAP mailbox that receives the
 * delivery status notifications of the portal's mail (the envelope sender or {@code Return-Path} of the
 * SMTP transport's {@code from} address, or a forward from it). {@link BounceMailbox} runs only while
 * this configuration exists.
 */
@ObjectClassDefinition(
        name = "CEC Portal: email bounce mailbox",
        description = "An IMAP mailbox the portal reads for delivery status notifications (bounces), besides the"
                + " webhook POST /email/bounces. Bounces count as the webhook's do (PID org.cec.portal.email.bounces).")
public @interface BounceMailboxConfig {

    /** The configuration PID. */
    String PID = "org.cec.portal.email.bounces.mailbox";

    @AttributeDefinition(name = "IMAP host", description = "The mail server's IMAP host name.")
    String host() default "";

    @AttributeDefinition(
            name = "Port",
            description = "993 for IMAPS (TLS from the start), 143 for IMAP with STARTTLS.",
            min = "1",
            max = "65535")
    int port() default 993;

    @AttributeDefinition(
            name = "Security",
            description = "'ssl': TLS from the start (IMAPS); 'starttls': STARTTLS is required; 'none': plain"
                    + " IMAP (only for a server on this machine or in tests).",
            options = {
                @Option(label = "ssl", value = "ssl"),
                @Option(label = "starttls", value = "starttls"),
                @Option(label = "none", value = "none")
            })
    String security() default "ssl";

    @AttributeDefinition(name = "User name")
    String username() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(name = "Folder", description = "The folder read (default INBOX).")
    String folder() default "INBOX";

    @AttributeDefinition(
            name = "Seconds between reads",
            description = "How often the mailbox is read (10 to 3600).",
            min = "10",
            max = "3600")
    int poll_seconds() default 60;
}
