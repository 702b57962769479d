package org.cec.portal.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QueryStringTest {

    @Test
    void pairsWithAValueAreEncodedAndJoinedEmptyOnesLeftOut() {
        assertEquals("status=new&zip=94110", QueryString.of("status", "new", "service", "", "zip", "94110"));
        assertEquals("to=a%26b%3Dc+d%C3%A9", QueryString.of("to", "a&b=c dé", "from", null));
        assertEquals("", QueryString.of("actor", "", "module", null));
        assertEquals("", QueryString.of());
    }

    @Test
    void namesAndValuesComeInPairs() {
        assertThrows(IllegalArgumentException.class, () -> QueryString.of("status"));
        assertThrows(IllegalArgumentException.class, () -> QueryString.of("", "x"));
    }
}
