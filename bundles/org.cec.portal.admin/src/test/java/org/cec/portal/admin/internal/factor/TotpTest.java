package org.cec.portal.admin.internal.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238 appendix B's SHA-1 key, "12345678901234567890", in base32. */
    private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @Test
    void acceptsTheRfc6238TestVectorsAtSixDigits() {
        assertEquals(OptionalLong.of(1), Totp.verify(RFC_SECRET, "287082", Instant.ofEpochSecond(59), -1));
        assertEquals(
                OptionalLong.of(1111111109L / 30),
                Totp.verify(RFC_SECRET, "081 804", Instant.ofEpochSecond(1111111109L), -1));
        assertEquals(
                OptionalLong.of(1234567890L / 30),
                Totp.verify(RFC_SECRET, "005924", Instant.ofEpochSecond(1234567890L), -1));
    }

    @Test
    void acceptsOneStepOfClockDriftEitherWayButNoMore() {
        Instant at = Instant.ofEpochSecond(59);
        assertTrue(Totp.verify(RFC_SECRET, "287082", at.plusSeconds(30), -1).isPresent());
        assertTrue(Totp.verify(RFC_SECRET, "287082", at.minusSeconds(30), -1).isPresent());
        assertFalse(Totp.verify(RFC_SECRET, "287082", at.plusSeconds(61), -1).isPresent());
    }

    @Test
    void refusesAReplayedCodeAndAnythingButSixDigits() {
        Instant at = Instant.ofEpochSecond(59);
        assertFalse(Totp.verify(RFC_SECRET, "287082", at, 1).isPresent(), "a step already used");
        assertFalse(Totp.verify(RFC_SECRET, "28708", at, -1).isPresent());
        assertFalse(Totp.verify(RFC_SECRET, "2870822", at, -1).isPresent());
        assertFalse(Totp.verify(RFC_SECRET, "abcdef", at, -1).isPresent());
        assertFalse(Totp.verify(RFC_SECRET, null, at, -1).isPresent());
    }

    @Test
    void newSecretsAre160BitsOfBase32AndDiffer() {
        String a = Totp.newSecret();
        assertTrue(a.matches("[A-Z2-7]{32}"), a);
        assertFalse(a.equals(Totp.newSecret()));
    }

    @Test
    void theUriNamesIssuerAndAccountEncoded() {
        assertEquals(
                "otpauth://totp/CEC%20Portal:ana%40x?secret=ABC&issuer=CEC%20Portal&algorithm=SHA1&digits=6&period=30",
                Totp.uri("CEC Portal", "ana@x", "ABC"));
    }
}
