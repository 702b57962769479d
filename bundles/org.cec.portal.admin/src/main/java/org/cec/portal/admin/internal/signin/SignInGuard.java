package org.cec.portal.admin.internal.signin;

import java.time.Duration;
import org.cec.portal.api.limit.RateLimits;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The throttle of every sign-in step (a wrong password, a wrong second-factor code or recovery code):
 * growing delays per client address and per account ({@link LoginThrottle}). Its PID is the one the
 * console's sign-in had before the sign-in page replaced HTTP Basic, so existing configurations keep
 * working.
 */
@Component(service = SignInGuard.class, configurationPid = SignInGuard.PID)
@Designate(ocd = SignInGuard.Config.class)
public final class SignInGuard {

    /** The configuration PID (unchanged since the HTTP Basic sign-in). */
    public static final String PID = "org.cec.portal.admin.internal.ConsoleSecurityProvider";

    @ObjectClassDefinition(
            name = "CEC Portal: console sign-in",
            description = "How failed sign-ins (passwords and second-factor codes) are slowed down: per client"
                    + " address (an attacker) and per account (many addresses guessing one account), each with"
                    + " delays that double with every further failure.")
    public @interface Config {
        @AttributeDefinition(
                name = "Free failures per address",
                description = "Failed sign-ins from one client address before its delays begin.",
                min = "1")
        int max_failures() default 5;

        @AttributeDefinition(
                name = "Longest delay per address (minutes)",
                description = "The delays of an address double from one second up to this.",
                min = "1")
        int lockout_minutes() default 15;

        @AttributeDefinition(
                name = "Free failures per account",
                description = "Failed sign-ins to one account, from all addresses together, before its delays begin.",
                min = "1")
        int account_max_failures() default 20;

        @AttributeDefinition(
                name = "Longest delay per account (seconds)",
                description =
                        "Kept short, so that guessing from many addresses cannot keep the account's owner out for long.",
                min = "1")
        int account_max_delay_seconds() default 60;
    }

    private final LoginThrottle throttle;

    @Activate
    public SignInGuard(Config config, @Reference RateLimits limits) {
        if (config.max_failures() < 1
                || config.lockout_minutes() < 1
                || config.account_max_failures() < 1
                || config.account_max_delay_seconds() < 1) {
            throw new IllegalArgumentException("Sign-in throttle settings must be positive");
        }
        this.throttle = new LoginThrottle(
                limits.growingDelay(
                        "console.signin.address",
                        config.max_failures(),
                        Duration.ofSeconds(1),
                        Duration.ofMinutes(config.lockout_minutes())),
                limits.growingDelay(
                        "console.signin.account",
                        config.account_max_failures(),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(config.account_max_delay_seconds())));
    }

    /** How long a sign-in step for {@code user} from {@code address} must wait; zero when it may be tried now. */
    public Duration waitTime(String address, String user) {
        return throttle.waitTime(address, user);
    }

    /** Records a failed step; returns true when it started a delay. */
    public boolean failed(String address, String user) {
        return throttle.failed(address, user);
    }

    /** Forgets the failures of the address and the account after a complete sign-in. */
    public void succeeded(String address, String user) {
        throttle.succeeded(address, user);
    }
}
