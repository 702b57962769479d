package org.cec.portal.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealingKeysTest {

    @TempDir
    Path dir;

    @Test
    void aSealedValueRoundTripsAndHidesItsContent() throws Exception {
        SealingKeys keys = SealingKeys.loadOrCreate(dir, new SecureRandom());
        String sealed = keys.seal("Ada Lovelace, ada@example.org");
        assertFalse(sealed.contains("Ada"));
        assertNotEquals(sealed, keys.seal("Ada Lovelace, ada@example.org"), "a fresh IV every time");
        assertEquals("Ada Lovelace, ada@example.org", keys.unseal(sealed).orElseThrow());
        assertEquals(
                "Ada Lovelace, ada@example.org",
                SealingKeys.loadOrCreate(dir, new SecureRandom()).unseal(sealed).orElseThrow());
    }

    @Test
    void tamperedForeignAndGarbageValuesAreIgnored() throws Exception {
        SealingKeys keys = SealingKeys.loadOrCreate(dir, new SecureRandom());
        String sealed = keys.seal("secret");
        // change a character in the middle of the ciphertext (the last one may only carry padding bits)
        int middle = sealed.length() - 10;
        char c = sealed.charAt(middle);
        String tampered = sealed.substring(0, middle) + (c == '7' ? '3' : '7') + sealed.substring(middle + 1);
        assertTrue(keys.unseal(tampered).isEmpty());
        assertTrue(SealingKeys.loadOrCreate(dir.resolve("other"), new SecureRandom())
                .unseal(sealed)
                .isEmpty());
        for (String garbage : new String[] {null, "", ".", "x.", "abc.def", "%%%.***", "deadbeef.AAAA"}) {
            assertTrue(keys.unseal(garbage).isEmpty(), String.valueOf(garbage));
        }
    }
}
