package org.cec.portal.email.internal.tracking;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RepeatedOpensTest {

    private final AtomicLong nanos = new AtomicLong();
    private final RepeatedOpens opens = new RepeatedOpens(Duration.ofHours(1), 1_000, nanos::get);

    @Test
    void aMessageCountsOncePerWindowAndAgainAfterIt() {
        assertTrue(opens.first("m1@portal"));
        assertFalse(opens.first("m1@portal"), "loaded again at once");
        nanos.addAndGet(Duration.ofMinutes(59).toNanos());
        assertFalse(opens.first("m1@portal"), "within the hour");
        assertTrue(opens.first("m2@portal"), "another message");
        nanos.addAndGet(Duration.ofMinutes(2).toNanos());
        assertTrue(opens.first("m1@portal"), "an hour after its first load: a new open");
    }
}
