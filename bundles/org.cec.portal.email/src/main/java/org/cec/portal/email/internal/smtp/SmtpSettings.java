package org.cec.portal.email.internal.smtp;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The SMTP transport's configuration (PID {@value SmtpTransport#PID}). */
@ObjectClassDefinition(
        name = "CEC Portal: SMTP mail transport",
        description = "The mail server the portal sends through. The transport exists only while this is configured;"
                + " until then messages wait in the outbox.")
public @interface SmtpSettings {

    @AttributeDefinition(name = "Host", description = "The SMTP server's host name, for example smtp.example.org.")
    String host();

    @AttributeDefinition(
            name = "Port",
            description = "587 for submission with STARTTLS (the usual), 465 for SMTPS, 25 for a local relay.",
            min = "1",
            max = "65535")
    int port() default 587;

    @AttributeDefinition(
            name = "STARTTLS",
            description = "Require STARTTLS before anything is sent (a server that does not offer it is refused)."
                    + " Turn off only for a relay on the same host.")
    boolean starttls() default true;

    @AttributeDefinition(name = "SMTPS", description = "TLS from the first byte (port 465).")
    boolean ssl() default false;

    @AttributeDefinition(name = "User name", description = "For SMTP authentication; empty for none.")
    String username() default "";

    @AttributeDefinition(name = "Password", description = "For SMTP authentication.", type = AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(
            name = "From",
            description = "The sender of every message, for example \"CEC Portal <no-reply@portal.example.org>\".")
    String from();

    @AttributeDefinition(
            name = "Timeout (seconds)",
            description = "How long to wait for the server when connecting and for each reply (1 to 300).",
            min = "1",
            max = "300")
    int timeout_seconds() default 30;

    @AttributeDefinition(
            name = "Connections",
            description = "How many connections to the server are kept open and reused (1 to 32).",
            min = "1",
            max = "32")
    int connections() default 4;
}
