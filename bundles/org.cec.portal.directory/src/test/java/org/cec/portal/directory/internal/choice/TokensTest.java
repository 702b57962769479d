package org.cec.portal.directory.internal.choice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void aTokenIs32RandomBytesInBase64UrlAndOnlyItsSha256IsStored() throws Exception {
        Tokens tokens = new Tokens(new SecureRandom());
        String token = tokens.next();
        assertEquals(43, token.length());
        assertEquals(32, Base64.getUrlDecoder().decode(token).length);
        assertTrue(Tokens.wellFormed(token));
        String expected = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(expected, Tokens.hash(token));
        assertNotEquals(token, Tokens.hash(token));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(tokens.next()), "tokens do not repeat");
        }
    }

    @Test
    void anythingButATokensShapeIsRefusedBeforeAnyLookUp() {
        for (String bad : new String[] {
            null,
            "",
            "abc",
            "x".repeat(42),
            "x".repeat(44),
            "x".repeat(42) + "=",
            "x".repeat(42) + "/",
            "../../etc/passwd"
        }) {
            assertFalse(Tokens.wellFormed(bad), String.valueOf(bad));
        }
        assertEquals("", Tokens.fromPathInfo(null));
        assertEquals("", Tokens.fromPathInfo("/"));
        assertEquals("abc", Tokens.fromPathInfo("/abc"));
    }
}
