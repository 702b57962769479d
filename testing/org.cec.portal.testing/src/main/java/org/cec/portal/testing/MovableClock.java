package org.cec.portal.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until the test moves it: time-dependent rules tested without waiting. */
public final class MovableClock extends Clock {

    private final ZoneId zone;
    private volatile Instant now;

    /** A clock at {@code start}, in UTC. */
    public MovableClock(Instant start) {
        this(start, ZoneOffset.UTC);
    }

    public MovableClock(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    /** Moves the clock on by {@code by}. */
    public void advance(Duration by) {
        now = now.plus(by);
    }

    /** Sets the clock to {@code to}. */
    public void set(Instant to) {
        now = to;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new MovableClock(now, other);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
