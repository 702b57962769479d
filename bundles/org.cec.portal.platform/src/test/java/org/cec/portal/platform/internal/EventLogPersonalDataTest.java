package org.cec.portal.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EventLogPersonalDataTest {

    @Test
    void theAddressIsMatchedAsAJsonStringWithLikesWildcardsEscaped() {
        assertEquals("%\"ada@example.com\"%", EventLogPersonalData.pattern("ada@example.com"));
        assertEquals("%\"a!_b!%c!!d@example.com\"%", EventLogPersonalData.pattern("a_b%c!d@example.com"));
        assertEquals("{\"erased\":true}", EventLogPersonalData.ERASED);
    }
}
