package org.cec.portal.admin.internal.signin;

/** The sign-in pages' paths: contracts that scripts and tests rely on. */
public final class SignInPaths {

    /** The sign-in page: fields {@code username}, {@code password}, {@code _csrf}. */
    public static final String SIGN_IN = "/system/sign-in";

    /** A new password for an account that must change it: field {@code password}. */
    public static final String PASSWORD = "/system/sign-in/password";

    /** The second factor: enrolment (secret in {@code #totp-secret}) or its code, field {@code code}. */
    public static final String TOTP = "/system/sign-in/totp";

    /** Ends the session (POST). */
    public static final String SIGN_OUT = "/system/sign-out";

    /** Where a signed-in staff member goes by default. */
    public static final String CONSOLE = "/system/console";

    private SignInPaths() {}

    /**
     * {@code next} if it is a console path of this site (never another site, never a scheme-relative
     * {@code //host}), else the console's root.
     */
    public static String safeNext(String next) {
        if (next != null
                && next.length() < 1000
                && (next.equals(CONSOLE) || next.startsWith(CONSOLE + "/") || next.startsWith(CONSOLE + "?"))
                && !next.contains("\\")
                && next.chars().noneMatch(c -> c < 0x21 || c == 0x7f)) {
            return next;
        }
        return CONSOLE;
    }
}
