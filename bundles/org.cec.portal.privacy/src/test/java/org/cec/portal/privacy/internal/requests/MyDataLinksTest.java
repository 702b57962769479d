package org.cec.portal.privacy.internal.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.cec.portal.privacy.internal.requests.MyDataLinks.Link;
import org.cec.portal.testing.TestCookieProtection;
import org.junit.jupiter.api.Test;

class MyDataLinksTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private final TestCookieProtection keys = TestCookieProtection.random();
    private final MyDataLinks links = new MyDataLinks(keys);

    @Test
    void aTokenNamesItsRequestAndAddressWhichAreNotReadableInIt() {
        String token = links.tokenFor(42, "ada@example.com", NOW);
        assertFalse(token.contains("ada"), token);
        Link link = links.read(token).orElseThrow();
        assertEquals(42, link.requestId());
        assertEquals("ada@example.com", link.email());
        assertFalse(link.expired(NOW.plusSeconds(24 * 3600 - 1)));
        assertTrue(link.expired(NOW.plusSeconds(24 * 3600)), "valid for 24 hours");
    }

    @Test
    void alteredCutForeignAndOtherSealedValuesAreNoLink() {
        String token = links.tokenFor(7, "ada@example.com", NOW);
        int i = token.length() / 2;
        String altered = token.substring(0, i) + (token.charAt(i) == 'A' ? 'B' : 'A') + token.substring(i + 1);
        assertEquals(Optional.empty(), links.read(altered));
        assertEquals(Optional.empty(), links.read(token.substring(0, token.length() - 8)));
        assertEquals(Optional.empty(), new MyDataLinks(TestCookieProtection.random()).read(token), "other keys");
        assertEquals(Optional.empty(), links.read(keys.seal("email.unsubscribe:ada@example.com")));
        assertEquals(Optional.empty(), links.read(keys.seal(MyDataLinks.PURPOSE + "x:1:ada@example.com")));
        assertEquals(Optional.empty(), links.read("garbage"));
        assertEquals(Optional.empty(), links.read(null));
        assertEquals(Optional.empty(), links.read("a".repeat(5000)));
    }
}
