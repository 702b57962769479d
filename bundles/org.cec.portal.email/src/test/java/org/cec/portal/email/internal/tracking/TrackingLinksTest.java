package org.cec.portal.email.internal.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.cec.portal.email.internal.tracking.TrackingLinks.Tracked;
import org.cec.portal.testing.TestCookieProtection;
import org.junit.jupiter.api.Test;

class TrackingLinksTest {

    private static final String ID = "abc234@portal.example.org";
    private static final String URL = "https://example.org/offers?season=spring&lang=en";

    private final TestCookieProtection keys = TestCookieProtection.random();
    private final TrackingLinks links = new TrackingLinks(keys);

    @Test
    void aClickTokenNamesTheMessageTheRecipientAndTheTargetWhichAreNotReadableInIt() {
        String token = links.clickToken(ID, "ana@example.org", URL);
        assertEquals(Optional.of(new Tracked(ID, "ana@example.org", URL)), links.clicked(token));
        assertFalse(token.contains("ana@"), token);
        assertFalse(token.contains("example"), token);
        assertTrue(token.matches("[A-Za-z0-9_.-]+"), "safe in a URL path without encoding: " + token);
    }

    @Test
    void anOpenTokenNamesTheMessageAndTheRecipient() {
        String token = links.openToken(ID, "ana@example.org");
        assertEquals(Optional.of(new Tracked(ID, "ana@example.org", "")), links.opened(token));
        assertFalse(token.contains("ana@"), token);
    }

    @Test
    void anAlteredTruncatedOrGarbageTokenNamesNothingSoNobodyIsRedirected() {
        String token = links.clickToken(ID, "ana@example.org", URL);
        // the last character of unpadded base64 may carry unused bits: changing only those changes no byte
        for (int i = 0; i < token.length() - 1; i++) {
            char c = token.charAt(i);
            String altered = token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
            assertEquals(Optional.empty(), links.clicked(altered), "altered at " + i);
        }
        assertEquals(Optional.empty(), links.clicked(token.substring(0, token.length() - 4)));
        assertEquals(Optional.empty(), links.clicked(""));
        assertEquals(Optional.empty(), links.clicked(null));
        assertEquals(Optional.empty(), links.clicked("https://evil.example/"));
        assertEquals(Optional.empty(), links.clicked("A".repeat(TrackingLinks.MAX_LENGTH + 1)));
        assertEquals(Optional.empty(), links.opened("not a token / ../%00"));
    }

    @Test
    void aForeignTokenAnotherKindOfTokenOrAnotherSealedValueIsRefused() {
        TrackingLinks foreign = new TrackingLinks(TestCookieProtection.random());
        assertEquals(Optional.empty(), links.clicked(foreign.clickToken(ID, "ana@example.org", URL)));
        assertEquals(Optional.empty(), links.opened(foreign.openToken(ID, "ana@example.org")));
        // an open token is no click token and the other way round
        assertEquals(Optional.empty(), links.clicked(links.openToken(ID, "ana@example.org")));
        assertEquals(Optional.empty(), links.opened(links.clickToken(ID, "ana@example.org", URL)));
        // a value the portal sealed for another purpose, or a forged payload without the purpose
        assertEquals(Optional.empty(), links.clicked(keys.seal("{\"m\":\"x\",\"a\":\"a@b.c\",\"u\":\"" + URL + "\"}")));
        assertEquals(Optional.empty(), links.clicked(keys.seal("email.unsubscribe:ana@example.org")));
        // sealed by us, but not JSON or without a web URL: never a redirect to it
        assertEquals(Optional.empty(), links.clicked(keys.seal(TrackingLinks.CLICK + "garbage")));
        assertEquals(
                Optional.empty(),
                links.clicked(keys.seal(TrackingLinks.CLICK + "{\"m\":\"x\",\"a\":\"a@b.c\",\"u\":\"javascript:x\"}")));
        // a signed (readable) value is not a sealed one
        assertEquals(
                Optional.empty(),
                links.clicked(keys.sign(TrackingLinks.CLICK + "{\"m\":\"x\",\"a\":\"a\",\"u\":\"" + URL + "\"}")));
    }

    @Test
    void aTokenNeedsAMessageARecipientAndABoundedUrl() {
        assertThrows(IllegalArgumentException.class, () -> links.openToken("", "ana@example.org"));
        assertThrows(IllegalArgumentException.class, () -> links.openToken(ID, " "));
        assertThrows(IllegalArgumentException.class, () -> links.clickToken(ID, "ana@example.org", ""));
        assertThrows(
                IllegalArgumentException.class,
                () -> links.clickToken(
                        ID, "ana@example.org", "https://e.org/" + "x".repeat(TrackingLinks.MAX_URL_LENGTH)));
    }
}
