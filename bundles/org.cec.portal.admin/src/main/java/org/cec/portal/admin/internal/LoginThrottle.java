package org.cec.portal.admin.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locks an account after too many failed sign-ins: {@code maxFailures} failures within
 * {@code window} lock it for {@code lockDuration}. Failures are counted per user name, whether the
 * name exists or not, so the lock does not reveal which names are accounts.
 */
final class LoginThrottle {

    private static final int MAX_TRACKED = 10_000;

    private final int maxFailures;
    private final Duration window;
    private final Duration lockDuration;
    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    private static final class State {
        final Deque<Instant> failures = new ArrayDeque<>();
        Instant lockedUntil = Instant.MIN;
    }

    LoginThrottle(int maxFailures, Duration window, Duration lockDuration, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.lockDuration = lockDuration;
        this.clock = clock;
    }

    /** Whether {@code user} may try to sign in now. */
    boolean isLocked(String user) {
        State s = states.get(key(user));
        if (s == null) {
            return false;
        }
        synchronized (s) {
            return clock.instant().isBefore(s.lockedUntil);
        }
    }

    /** Records a failed sign-in; returns true when this failure locked the account. */
    boolean failed(String user) {
        if (states.size() > MAX_TRACKED) {
            forgetStale();
        }
        State s = states.computeIfAbsent(key(user), k -> new State());
        synchronized (s) {
            Instant now = clock.instant();
            s.failures.addLast(now);
            while (!s.failures.isEmpty() && s.failures.peekFirst().isBefore(now.minus(window))) {
                s.failures.removeFirst();
            }
            if (s.failures.size() >= maxFailures) {
                s.lockedUntil = now.plus(lockDuration);
                s.failures.clear();
                return true;
            }
            return false;
        }
    }

    /** Forgets the failures of {@code user} after a successful sign-in. */
    void succeeded(String user) {
        states.remove(key(user));
    }

    /** Drops names whose failures are out of the window and whose lock has ended (bounds memory). */
    private void forgetStale() {
        Instant now = clock.instant();
        states.values().removeIf(s -> {
            synchronized (s) {
                Instant last = s.failures.peekLast();
                return now.isAfter(s.lockedUntil) && (last == null || last.isBefore(now.minus(window)));
            }
        });
    }

    private static String key(String user) {
        return user.toLowerCase(Locale.ROOT);
    }
}
