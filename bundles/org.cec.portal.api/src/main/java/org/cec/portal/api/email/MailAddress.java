package org.cec.portal.api.email;

import java.util.Objects;

/**
 * A recipient: an address and an optional display name. Neither may contain a line break or another
 * control character (that is how header injection is attempted): such a value is refused here, with a
 * message that says which part is wrong.
 *
 * @param address the email address, such as {@code ana@example.org}; at most 254 characters
 * @param name the display name, such as {@code Ana Reyes}, or empty
 */
public record MailAddress(String address, String name) {

    /** The longest address that SMTP carries (RFC 5321, 4.5.3.1.3). */
    public static final int MAX_ADDRESS_LENGTH = 254;

    /** The longest display name accepted. */
    public static final int MAX_NAME_LENGTH = 200;

    public MailAddress {
        Objects.requireNonNull(address, "address");
        name = name == null ? "" : name.strip();
        address = address.strip();
        MailText.requireSingleLine("The email address", address, MAX_ADDRESS_LENGTH);
        MailText.requireSingleLine("The recipient's name", name, MAX_NAME_LENGTH);
        int at = address.lastIndexOf('@');
        if (at < 1 || at == address.length() - 1 || address.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("The email address is not of the form name@domain");
        }
    }

    /** An address without a display name. */
    public static MailAddress of(String address) {
        return new MailAddress(address, "");
    }
}
