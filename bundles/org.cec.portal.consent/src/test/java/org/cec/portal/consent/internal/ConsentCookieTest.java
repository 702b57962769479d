package org.cec.portal.consent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsentCookieTest {

    private final ConsentCookie cookie = new ConsentCookie(Fakes.protection("our-key"));
    private final Choice choice = new Choice(
            "AbCdEfGhIjKlMnOpQrStUv",
            "2025-1",
            new Selection("custom", false, true, false),
            true,
            Instant.ofEpochSecond(1_790_000_000L));

    @Test
    void aSignedCookieCarriesReceiptChoicesPolicyVersionAndSignal() {
        String value = cookie.encode(choice);
        assertTrue(value.startsWith("c1~AbCdEfGhIjKlMnOpQrStUv~2025-1~010~1~1790000000."), value);
        assertEquals(Optional.of(choice), cookie.decode(value));
    }

    @Test
    void aTamperedCookieIsNoChoice() {
        String value = cookie.encode(choice);
        String granted = value.replace("~010~", "~111~");
        assertEquals(Optional.empty(), cookie.decode(granted), "changed choices");
        char last = value.charAt(value.length() - 1);
        String badMac = value.substring(0, value.length() - 1) + (last == 'A' ? 'Q' : 'A');
        assertEquals(Optional.empty(), cookie.decode(badMac), "changed signature");
    }

    @Test
    void aCookieSignedWithAnotherPortalsKeyIsNoChoice() {
        String foreign = new ConsentCookie(Fakes.protection("their-key")).encode(choice);
        assertEquals(Optional.empty(), cookie.decode(foreign));
    }

    @Test
    void garbageIsNoChoiceAndNeverAnError() {
        for (String garbage : new String[] {"", "x", "...", "c1~~~~~", "%%%", "a".repeat(5000), null}) {
            assertEquals(Optional.empty(), cookie.decode(garbage), String.valueOf(garbage));
        }
        // Correctly signed, but not in our format: still no choice.
        ConsentCookie ours = new ConsentCookie(Fakes.protection("our-key"));
        String wrongFormat = Fakes.protection("our-key").sign("c1~short~2025-1~111~0~1");
        assertEquals(Optional.empty(), ours.decode(wrongFormat));
    }
}
