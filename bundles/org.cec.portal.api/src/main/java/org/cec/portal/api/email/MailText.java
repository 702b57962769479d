package org.cec.portal.api.email;

/** Checks shared by the values that end up in a message's header. */
final class MailText {

    private MailText() {}

    /** Refuses a value with a line break or another control character, or longer than {@code max}. */
    static void requireSingleLine(String what, String value, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " is longer than " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException(what + " contains a line break, which a mail header cannot hold");
            }
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(what + " contains a control character");
            }
        }
    }
}
