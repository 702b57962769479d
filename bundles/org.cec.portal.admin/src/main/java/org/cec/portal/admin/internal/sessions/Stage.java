package org.cec.portal.admin.internal.sessions;

import java.util.Optional;

/** What a console session still has to do before it reaches the console. */
public enum Stage {
    /** The password was generated or set by an admin: choose a new one at {@code /system/sign-in/password}. */
    CHANGE_PASSWORD("change-password", "/system/sign-in/password"),
    /** An admin without a second factor: enrol one at {@code /system/sign-in/totp}. */
    TOTP_ENROL("totp-enrol", "/system/sign-in/totp"),
    /** The password was right; the second factor's code is asked at {@code /system/sign-in/totp}. */
    TOTP("totp", "/system/sign-in/totp"),
    /** Signed in. */
    SIGNED_IN("signed-in", "/system/console");

    private final String stored;
    private final String path;

    Stage(String stored, String path) {
        this.stored = stored;
        this.path = path;
    }

    /** The value in {@code staff_session.stage}. */
    public String stored() {
        return stored;
    }

    /** Where a session of this stage is sent. */
    public String path() {
        return path;
    }

    static Optional<Stage> parse(String stored) {
        for (Stage s : values()) {
            if (s.stored.equals(stored)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
