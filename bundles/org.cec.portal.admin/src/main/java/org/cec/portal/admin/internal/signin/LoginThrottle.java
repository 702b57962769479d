package org.cec.portal.admin.internal.signin;

import java.time.Duration;
import java.util.Locale;
import org.cec.portal.api.limit.RateLimit;

/**
 * Slows down password guessing without letting anyone lock staff out (ASVS 2.2.1): failed sign-ins
 * are counted per client address and, separately, per account name (whether the name exists or not,
 * so the throttle does not reveal which names are accounts), each with growing delays. An attacker's
 * address is soon throttled; the account itself is only slowed once far more failures came from many
 * addresses, and then for a short delay, so its owner signing in from another address still gets in.
 */
final class LoginThrottle {

    private final RateLimit perAddress;
    private final RateLimit perAccount;

    /** Both limits count failures only: use growing-delay limits. */
    LoginThrottle(RateLimit perAddress, RateLimit perAccount) {
        this.perAddress = perAddress;
        this.perAccount = perAccount;
    }

    /** How long a sign-in to {@code user} from {@code address} must wait; zero when it may be tried now. */
    Duration waitTime(String address, String user) {
        Duration a = perAddress.waitTime(address);
        Duration b = perAccount.waitTime(key(user));
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Records a failed sign-in; returns true when this failure started a delay for the address or the account. */
    boolean failed(String address, String user) {
        perAddress.acquire(address);
        perAccount.acquire(key(user));
        return !waitTime(address, user).isZero();
    }

    /** Forgets the failures of this address and this account after a successful sign-in. */
    void succeeded(String address, String user) {
        perAddress.reset(address);
        perAccount.reset(key(user));
    }

    private static String key(String user) {
        return user.toLowerCase(Locale.ROOT);
    }
}
