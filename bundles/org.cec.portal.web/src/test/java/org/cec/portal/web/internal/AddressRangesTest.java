package org.cec.portal.web.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AddressRangesTest {

    @Test
    void addressesAndRangesMatchExactly() {
        AddressRanges r = AddressRanges.of(new String[] {"10.1.0.0/16", "192.168.1.7", "fd00::/8", " "});
        assertTrue(r.contains("10.1.200.3"));
        assertFalse(r.contains("10.2.0.1"));
        assertTrue(r.contains("192.168.1.7"));
        assertFalse(r.contains("192.168.1.8"));
        assertTrue(r.contains("fd12:3456::1"));
        assertFalse(r.contains("fe80::1"));
        assertFalse(r.contains("localhost"), "names are never resolved");
        assertFalse(r.contains(null));
    }

    @Test
    void emptyMeansNobody() {
        assertFalse(AddressRanges.of(new String[0]).contains("127.0.0.1"));
    }

    @Test
    void entriesThatAreNotAddressesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> AddressRanges.of(new String[] {"example.org"}));
        assertThrows(IllegalArgumentException.class, () -> AddressRanges.of(new String[] {"10.0.0.0/33"}));
        assertThrows(IllegalArgumentException.class, () -> AddressRanges.of(new String[] {"10.0.0.0/x"}));
        assertThrows(IllegalArgumentException.class, () -> AddressRanges.of(new String[] {"300.1.1.1"}));
    }
}
