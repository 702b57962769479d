package org.cec.portal.email.internal.unsubscribe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.cec.portal.testing.TestCookieProtection;
import org.junit.jupiter.api.Test;

class UnsubscribeTokensTest {

    private final TestCookieProtection keys = TestCookieProtection.random();
    private final UnsubscribeTokens tokens = new UnsubscribeTokens(keys);

    @Test
    void aTokenGivesBackItsAddressWhichIsNotReadableInIt() {
        String token = tokens.tokenFor("ana@example.org");
        assertEquals(Optional.of("ana@example.org"), tokens.addressOf(token));
        assertFalse(token.contains("ana"), token);
        assertTrue(token.matches("[A-Za-z0-9_.-]+"), "safe in a URL path without encoding: " + token);
    }

    @Test
    void anAlteredTruncatedOrGarbageTokenGivesNothing() {
        String token = tokens.tokenFor("ana@example.org");
        // the last character of unpadded base64 may carry unused bits: changing only those changes no byte
        for (int i = 0; i < token.length() - 1; i++) {
            char c = token.charAt(i);
            String altered = token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
            assertEquals(Optional.empty(), tokens.addressOf(altered), "altered at " + i);
        }
        String lastAltered = token.substring(0, token.length() - 1) + (token.endsWith("A") ? 'B' : 'A');
        assertTrue(tokens.addressOf(lastAltered).map("ana@example.org"::equals).orElse(true), "never another");
        assertEquals(Optional.empty(), tokens.addressOf(token.substring(0, token.length() - 4)));
        assertEquals(Optional.empty(), tokens.addressOf(""));
        assertEquals(Optional.empty(), tokens.addressOf(null));
        assertEquals(Optional.empty(), tokens.addressOf("not a token at all / ../%00"));
        assertEquals(Optional.empty(), tokens.addressOf("A".repeat(UnsubscribeTokens.MAX_LENGTH + 1)));
    }

    @Test
    void anotherInstallationsTokenOrAnotherSealedValueIsNoToken() {
        UnsubscribeTokens foreign = new UnsubscribeTokens(TestCookieProtection.random());
        assertEquals(Optional.empty(), tokens.addressOf(foreign.tokenFor("ana@example.org")));
        // a value the portal sealed for another purpose (a remembered form in a cookie, say)
        assertEquals(Optional.empty(), tokens.addressOf(keys.seal("ana@example.org")));
        assertEquals(Optional.empty(), tokens.addressOf(keys.seal(UnsubscribeTokens.PURPOSE)));
    }

    @Test
    void tokensDifferPerMessageAndPerAddress() {
        assertNotEquals(tokens.tokenFor("ana@example.org"), tokens.tokenFor("ana@example.org"));
        assertEquals(Optional.of("bob@example.org"), tokens.addressOf(tokens.tokenFor("bob@example.org")));
    }
}
