package org.cec.portal.plugintest;

import java.util.List;

/**
 * The portal's first admin after the test kit signed it in as a person would: it set a new password
 * and enrolled the second factor. {@link #authorization()} is the value of an {@code Authorization}
 * header for the console ({@code /system/console/...}); {@link #totpCode()} gives a code for a test
 * that signs in itself.
 *
 * @param username the admin's user name ({@code admin})
 * @param password the password the kit set at the first sign-in
 * @param totpSecret the second factor's secret (base32), as an authenticator app stores it
 * @param recoveryCodes the one-time recovery codes shown at enrolment
 * @param apiToken an API token of the admin, created on the console page Staff
 */
public record ConsoleCredentials(
        String username, String password, String totpSecret, List<String> recoveryCodes, String apiToken) {

    public ConsoleCredentials {
        recoveryCodes = List.copyOf(recoveryCodes);
    }

    /** {@code Bearer <apiToken>}: the console answers such a request as the admin. */
    public String authorization() {
        return "Bearer " + apiToken;
    }

    /** A second-factor code not used before by this test run (the portal refuses a code used twice). */
    public String totpCode() throws InterruptedException {
        return ConsoleSignIn.freshCode(totpSecret);
    }

    @Override
    public String toString() {
        return "ConsoleCredentials[" + username + "]";
    }
}
